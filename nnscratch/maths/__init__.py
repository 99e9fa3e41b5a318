"""The maths tables, keyed by the names model files store.

    activations.py   sigmoid, tanh, ReLU, ..., softmax, with their derivatives
    losses.py        squared error and the cross-entropies, with their gradients
    init.py          initial weights: the articles' [0, 1), Xavier, He
    optimizers.py    SGD, momentum, Adam
    metrics.py       argmax, accuracy, the confusion matrix
    scaling.py       min-max input scaling

Both the reading path and the engine use them; they import nothing above
``nnscratch.errors``.
"""

from .activations import ACTIVATIONS, sigmoid, sigmoid_prime, sigmoid_prime_from_output, softmax
from .init import INITS
from .losses import LOSSES
from .metrics import accuracy, argmax, confusion_matrix
from .optimizers import OPTIMIZERS
from .scaling import MinMaxScaling, normalize

__all__ = ["ACTIVATIONS", "sigmoid", "sigmoid_prime", "sigmoid_prime_from_output", "softmax", "INITS",
           "LOSSES", "OPTIMIZERS", "accuracy", "argmax", "confusion_matrix", "MinMaxScaling", "normalize"]
