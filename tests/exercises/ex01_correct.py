"""A student's correct exercise 1, written by hand (no library import)."""


def dot(v1, v2):
    total = 0.0
    for a, b in zip(v1, v2):
        total += a * b
    return total


def vec_add(v1, v2):
    return [a + b for a, b in zip(v1, v2)]


def scalar_mul(s, v):
    return [s * x for x in v]
