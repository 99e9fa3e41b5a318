"""Wrong: no 2/n factor. Expected hint: the 2/n factor is missing"""

import math


def forward_pass(weights, bias, x):
    z = sum(w * v for w, v in zip(weights, x)) + bias
    return 1.0 / (1.0 + math.exp(-z))


def train(input, actual_output, weights, bias, epochs):
    weights = list(weights)
    for _ in range(epochs):
        dw = [0.0] * len(weights)
        db = 0.0
        for x, y in zip(input, actual_output):
            pred = forward_pass(weights, bias, x)
            step = -(pred - y) * pred * (1 - pred)
            dw = [d + step * v for d, v in zip(dw, x)]
            db += step
        weights = [w + d for w, d in zip(weights, dw)]
        bias += db
    return weights, bias
