"""Wrong: the gradient's sign. Expected hint: sign: gradW returns -(pred - y)"""

import math


def forward_pass(weights, bias, x):
    z = sum(w * v for w, v in zip(weights, x)) + bias
    return 1.0 / (1.0 + math.exp(-z))


def grad_w(weights, bias, x, y):
    pred = forward_pass(weights, bias, x)
    return [(pred - y) * pred * (1 - pred) * v for v in x]


def grad_b(weights, bias, x, y):
    pred = forward_pass(weights, bias, x)
    return -(pred - y) * pred * (1 - pred)
