"""Loss functions and their gradients, kept side by side by name.

A loss scores one sample's output a against its target y; training adds the
scores over a batch. ``LOSSES`` holds every loss a ``Network`` can train
with, keyed by the name a model file stores.

Glossary:
    a   the network's output for one sample (a list of floats)
    y   that sample's target (same length; one-hot for classes)

- ``squared_error``: L = 1/2 * sum_k (a_k - y_k)^2, dL/da = a - y. The
  articles' loss (article 001's ``networkError = y - output``; article 003's
  mean squared error has a factor 2/n instead of 1/2).
- ``cross_entropy``: L = -sum_k y_k log a_k, dL/da = -y / a, for outputs that
  are probabilities summing to 1 (softmax).
- ``binary_cross_entropy``: L = -sum_k [y_k log a_k + (1 - y_k) log(1 - a_k)],
  dL/da = (a - y) / (a (1 - a)), for independent yes/no outputs (sigmoid).

Paired with the activation it is made for (softmax with cross-entropy,
sigmoid with binary cross-entropy), the chain rule collapses: dL/dz = a - y.
``COMBINED`` holds those pairs, and the articles' sigmoid with squared error,
each with its dL/dz in one step; ``Network`` uses them, which is also exact
where a is rounded to 0 or 1. Each takes lists of any length (one output
over a batch works as well as one sample's outputs).
"""

from collections import namedtuple
from math import log

__all__ = ["Loss", "LOSSES", "COMBINED", "PROBABILITY_FLOOR"]

#: log(0) is -inf; probabilities are clipped to [floor, 1 - floor] inside the
#: logarithms, as scikit-learn's log loss does.
PROBABILITY_FLOOR = 1e-15


def _clip(p):
    return min(max(p, PROBABILITY_FLOOR), 1.0 - PROBABILITY_FLOOR)


def _squared_error(a, y):
    return 0.5 * sum([(x - t) * (x - t) for x, t in zip(a, y)])


def _cross_entropy(a, y):
    return -sum([t * log(_clip(x)) for x, t in zip(a, y) if t])


def _binary_cross_entropy(a, y):
    return -sum([t * log(_clip(x)) + (1.0 - t) * log(1.0 - _clip(x)) for x, t in zip(a, y)])


#: One loss: function(a, y) -> float, gradient(a, y) -> dL/da (a list).
Loss = namedtuple("Loss", "name function gradient")

LOSSES = {
    "squared_error": Loss(
        "squared_error",
        _squared_error,
        lambda a, y: [x - t for x, t in zip(a, y)],
    ),
    "cross_entropy": Loss(
        "cross_entropy",
        _cross_entropy,
        lambda a, y: [-t / _clip(x) for x, t in zip(a, y)],
    ),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy",
        _binary_cross_entropy,
        lambda a, y: [(x - t) / (_clip(x) * (1.0 - _clip(x))) for x, t in zip(a, y)],
    ),
}

def _output_minus_target(a, y):
    return [x - t for x, t in zip(a, y)]


def _sigmoid_squared_error(a, y):
    # (a - y) * sigma'(z), with sigma'(z) = a * (1 - a): the articles' d_output (negated),
    # grouped as the two-step chain rule groups it, so both give the same floats.
    return [(x - t) * (x * (1.0 - x)) for x, t in zip(a, y)]


#: (output activation, loss) -> dL/dz(a, y) in one step.
COMBINED = {
    ("softmax", "cross_entropy"): _output_minus_target,
    ("sigmoid", "binary_cross_entropy"): _output_minus_target,
    ("sigmoid", "squared_error"): _sigmoid_squared_error,
}
