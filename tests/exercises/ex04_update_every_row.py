"""Wrong: the weights move after each row (by 2/n of its step), not once per epoch.
Expected hint: the weights moved after every row"""

import math


def forward_pass(weights, bias, x):
    return 1.0 / (1.0 + math.exp(-(sum(w * v for w, v in zip(weights, x)) + bias)))


def train(input, actual_output, weights, bias, epochs):
    weights = list(weights)
    n = len(actual_output)
    for _ in range(epochs):
        for x, y in zip(input, actual_output):
            pred = forward_pass(weights, bias, x)
            step = -(pred - y) * pred * (1 - pred)
            weights = [w + 2 / n * step * v for w, v in zip(weights, x)]
            bias += 2 / n * step
    return weights, bias
