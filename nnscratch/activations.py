"""Activation functions and their derivatives, kept side by side by name.

Articles 001, 002 and 003 all use the sigmoid, sigma(z) = 1 / (1 + e^-z).

Glossary:
    z   a neuron's pre-activation, w . x + b
    a   its activation (output), a = sigma(z)

The derivative is stored in terms of the output a, as scikit-learn's
``neural_network/_base.py`` does: sigma'(z) = a * (1 - a). That is cheaper
(no second exponential) and lets a model file store just the name
``"sigmoid"``.

A line-for-line port of the Go code, ``1.0 / (1.0 + math.exp(-z))``, crashes:
Go's ``math.Exp`` returns +Inf for large arguments, Python's ``math.exp``
raises ``OverflowError`` once the argument passes about 709.78. The sigmoid
here never calls ``exp`` on a positive argument, so it is finite for every
float.
"""

from math import exp

__all__ = ["sigmoid", "sigmoid_prime", "sigmoid_prime_from_output"]


def sigmoid(z):
    """Return the logistic sigmoid 1 / (1 + e^-z), for any float z.

    For z >= 0 it computes 1 / (1 + e^-z); for z < 0 the equal form
    e^z / (1 + e^z). Either way the exponent is <= 0, so ``exp`` never
    overflows: large negative z give 0.0, large positive z give 1.0.

    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(-1000.0), sigmoid(1000.0)
    (0.0, 1.0)
    """
    if z >= 0.0:
        return 1.0 / (1.0 + exp(-z))
    e = exp(z)
    return e / (1.0 + e)


def sigmoid_prime(z):
    """Return the derivative of the sigmoid at the pre-activation z.

    Article 001's ``sigmoidPrime(x)``: sigma'(z) = sigma(z) * (1 - sigma(z)).
    Its argument is z, the value *before* the sigmoid. Article 001 calls it on
    values that are already activations (see ``NeuralNet.backpropagate``).

    >>> sigmoid_prime(0.0)
    0.25
    >>> sigmoid_prime(-1000.0)
    0.0
    """
    a = sigmoid(z)
    return a * (1.0 - a)


def sigmoid_prime_from_output(a):
    """Return the sigmoid's derivative given its output a = sigma(z).

    sigma'(z) = a * (1 - a). This is what backpropagation needs, since the
    forward pass has already computed a.

    >>> sigmoid_prime_from_output(0.5)
    0.25
    >>> sigmoid_prime_from_output(sigmoid(2.0)) == sigmoid_prime(2.0)
    True
    """
    return a * (1.0 - a)

