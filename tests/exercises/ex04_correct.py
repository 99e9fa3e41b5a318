"""A student's correct exercise 4, written by hand (no library import)."""

import math


def forward_pass(weights, bias, x):
    return 1.0 / (1.0 + math.exp(-(sum(w * v for w, v in zip(weights, x)) + bias)))


def train(input, actual_output, weights, bias, epochs):
    weights = list(weights)
    n = len(actual_output)
    for _ in range(epochs):
        dw = [0.0] * len(weights)
        db = 0.0
        for x, y in zip(input, actual_output):
            pred = forward_pass(weights, bias, x)
            step = -(pred - y) * pred * (1 - pred)
            dw = [d + step * v for d, v in zip(dw, x)]
            db += step
        weights = [w + 2 / n * d for w, d in zip(weights, dw)]
        bias += db * 2 / n
    return weights, bias
