"""Wrong: PyTorch's momentum, v = momentum * v + g and w -= lr * v.
Expected hint: that is PyTorch's convention"""

import math


def momentum_step(w, g, velocity, learning_rate, momentum):
    velocity = [momentum * v + d for v, d in zip(velocity, g)]
    return [x - learning_rate * v for x, v in zip(w, velocity)], velocity


def adam_step(w, g, m, v, t, learning_rate, beta1, beta2, epsilon):
    m = [beta1 * a + (1 - beta1) * d for a, d in zip(m, g)]
    v = [beta2 * b + (1 - beta2) * d * d for b, d in zip(v, g)]
    m_hat = [a / (1 - beta1 ** t) for a in m]
    v_hat = [b / (1 - beta2 ** t) for b in v]
    w = [x - learning_rate * a / (math.sqrt(b) + epsilon) for x, a, b in zip(w, m_hat, v_hat)]
    return w, m, v
