"""A student's correct exercise 2, written by hand (no library import)."""

import math


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)
