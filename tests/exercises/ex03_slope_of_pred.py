"""Wrong: the gradients' slope is sigmoid_prime(pred), as article 001 writes sigmoidPrime(output).
Expected hint: the slope is sigmoid_prime(pred) = sigma(pred) * (1 - sigma(pred))"""

import math


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def forward_pass(weights, bias, x):
    return sigmoid(sum(w * v for w, v in zip(weights, x)) + bias)


def grad_w(weights, bias, x, y):
    pred = forward_pass(weights, bias, x)
    return [-(pred - y) * sigmoid_prime(pred) * v for v in x]


def grad_b(weights, bias, x, y):
    pred = forward_pass(weights, bias, x)
    return -(pred - y) * sigmoid_prime(pred)
