"""Wrong: the weights move after each row by its whole step, without 2/n.
Expected hint: the weights moved after every row"""

import math


def forward_pass(weights, bias, x):
    return 1.0 / (1.0 + math.exp(-(sum(w * v for w, v in zip(weights, x)) + bias)))


def train(input, actual_output, weights, bias, epochs):
    weights = list(weights)
    for _ in range(epochs):
        for x, y in zip(input, actual_output):
            pred = forward_pass(weights, bias, x)
            step = -(pred - y) * pred * (1 - pred)
            weights = [w + step * v for w, v in zip(weights, x)]
            bias += step
    return weights, bias
