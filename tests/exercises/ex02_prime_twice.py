"""Wrong: the derivative applied to the activation. Expected hint: the derivative applied to the activation twice"""

import math


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_prime(z):
    a = sigmoid(z)
    return sigmoid(a) * (1.0 - sigmoid(a))
