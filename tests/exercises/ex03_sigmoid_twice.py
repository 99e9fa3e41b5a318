"""Wrong: the sigmoid applied again to the prediction, as article 001 applies it to activations.
Expected hint: the sigmoid is applied twice: sigma(sigma(w . x + b))"""

import math


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def forward_pass(weights, bias, x):
    return sigmoid(sigmoid(sum(w * v for w, v in zip(weights, x)) + bias))


def grad_w(weights, bias, x, y):
    pred = forward_pass(weights, bias, x)
    return [-(pred - y) * pred * (1 - pred) * v for v in x]


def grad_b(weights, bias, x, y):
    pred = forward_pass(weights, bias, x)
    return -(pred - y) * pred * (1 - pred)
