"""Wrong: e^z without subtracting max(z). Expected hint: math.exp overflows for large z"""

import math


def softmax(z):
    e = [math.exp(v) for v in z]
    total = sum(e)
    return [v / total for v in e]


def cross_entropy(a, y):
    return -sum(t * math.log(x) for x, t in zip(a, y) if t)


def softmax_cross_entropy_gradient(z, y):
    return [a - t for a, t in zip(softmax(z), y)]
