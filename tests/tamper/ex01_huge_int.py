"""Trick (or slip): answers too large for a float, which once crashed the checker."""


def dot(v1, v2):
    return 10 ** 400


def vec_add(v1, v2):
    return [10 ** 400 for _ in v1]


def scalar_mul(s, v):
    return [10 ** 400] * len(v)
