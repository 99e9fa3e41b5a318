"""Wrong: dot returns the products instead of their sum. Expected hint: a dot product is one number"""


def dot(v1, v2):
    return [a * b for a, b in zip(v1, v2)]


def vec_add(v1, v2):
    return [a + b for a, b in zip(v1, v2)]


def scalar_mul(s, v):
    return [s * x for x in v]
