"""Trick (or slip): a file that ends by calling exit()."""


def dot(v1, v2):
    return None


def vec_add(v1, v2):
    return None


def scalar_mul(s, v):
    return None


exit()
