"""Wrong: a loop that never ends. Expected problem: it did not return within 5 s (a loop that never ends?)"""


def dot(v1, v2):
    i = 0
    total = 0.0
    while i < len(v1):
        total += v1[i] * v2[i]  # i is never increased
    return total


def vec_add(v1, v2):
    return [a + b for a, b in zip(v1, v2)]


def scalar_mul(s, v):
    return [s * x for x in v]
