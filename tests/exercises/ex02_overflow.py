"""Wrong: the Go line as it is, 1 / (1 + exp(-z)). Expected hint: math.exp overflows past about 709"""

import math


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1.0 - sigmoid(z))
