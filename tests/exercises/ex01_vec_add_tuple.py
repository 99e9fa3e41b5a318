"""Wrong: vec_add returns a tuple. Expected hint: it should return a list of numbers"""


def dot(v1, v2):
    return sum(a * b for a, b in zip(v1, v2))


def vec_add(v1, v2):
    return tuple(a + b for a, b in zip(v1, v2))


def scalar_mul(s, v):
    return [s * x for x in v]
