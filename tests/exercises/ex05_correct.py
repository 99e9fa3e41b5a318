"""A student's correct exercise 5, written by hand (no library import)."""

import math


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def layer(rows, weights, biases):
    return [[sigmoid(sum(r * weights[k][j] for k, r in enumerate(row)) + b) for j, b in enumerate(biases)]
            for row in rows]


def feed_forward(x, w_hidden, b_hidden, w_out, b_out):
    return layer(layer(x, w_hidden, b_hidden), w_out, b_out)
