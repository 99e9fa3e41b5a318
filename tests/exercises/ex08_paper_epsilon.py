"""Wrong: the Adam paper's "efficient" form, epsilon beside sqrt(v) and the corrections in the rate.
Expected hint: epsilon is in the Adam paper's "efficient" place"""

import math


def momentum_step(w, g, velocity, learning_rate, momentum):
    velocity = [momentum * v - learning_rate * d for v, d in zip(velocity, g)]
    return [x + v for x, v in zip(w, velocity)], velocity


def adam_step(w, g, m, v, t, learning_rate, beta1, beta2, epsilon):
    m = [beta1 * a + (1 - beta1) * d for a, d in zip(m, g)]
    v = [beta2 * b + (1 - beta2) * d * d for b, d in zip(v, g)]
    rate = learning_rate * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    w = [x - rate * a / (math.sqrt(b) + epsilon) for x, a, b in zip(w, m, v)]
    return w, m, v
