"""Activation functions and their derivatives, kept side by side by name.

Articles 001, 002 and 003 all use the sigmoid, sigma(z) = 1 / (1 + e^-z);
article 002 suggests ReLU next. ``ACTIVATIONS`` holds every activation a
``Network`` layer can use, keyed by the name a model file stores.

Glossary:
    z   a neuron's pre-activation, w . x + b (the article's "layer input")
    a   its activation (output), a = f(z)
    g   the gradient of the loss with respect to a, dL/da

Derivatives are written in terms of the output a, as scikit-learn's
``neural_network/_base.py`` does: the sigmoid's is a * (1 - a), tanh's
1 - a^2. That needs no second exponential, and the forward pass has already
computed a.

A line-for-line port of the Go code, ``1.0 / (1.0 + math.exp(-z))``, crashes:
Go's ``math.Exp`` returns +Inf for large arguments, Python's ``math.exp``
raises ``OverflowError`` once the argument passes about 709.78. The sigmoid
here catches that case (see ``sigmoid``), so it is finite for every float.
"""

from collections import namedtuple
from math import exp, tanh

__all__ = [
    "sigmoid",
    "sigmoid_prime",
    "sigmoid_prime_from_output",
    "softmax",
    "Activation",
    "ACTIVATIONS",
    "LEAKY_SLOPE",
]


def sigmoid(z):
    """Return the logistic sigmoid 1 / (1 + e^-z), for any float z.

    Article 001's ``sigmoid``, computed as written, except where e^-z is
    too large for a float (z below about -709.78): there Go's ``math.Exp``
    gives +Inf and the sigmoid 0, Python's ``math.exp`` raises, and this
    returns e^z, which equals the sigmoid to float precision (it is below
    1e-308).

    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(-1000.0), sigmoid(1000.0)
    (0.0, 1.0)
    """
    try:
        return 1.0 / (1.0 + exp(-z))
    except OverflowError:
        return exp(z)


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


def softmax(z):
    """Return the softmax of a layer's pre-activations: e^z_i / sum_j e^z_j.

    The largest z is subtracted first (which does not change the result), so
    ``exp`` never overflows.

    >>> softmax([1.0, 1.0])
    [0.5, 0.5]
    >>> softmax([1000.0, 0.0])
    [1.0, 0.0]
    """
    top = max(z)
    e = [exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def _sigmoid_layer(z):
    """The sigmoid of every entry of z, in one comprehension (no call per entry).

    1 / (1 + e^-z) directly; only if some e^-z overflows (z below about -709.78,
    where the true value is under 1e-308) does it go entry by entry through
    ``sigmoid``, which gives the same floats. NaN stays NaN.
    """
    try:
        return [1.0 / (1.0 + exp(-v)) for v in z]
    except OverflowError:
        return list(map(sigmoid, z))


def _softmax_backward(a, g):
    """dL/dz_i = a_i * (g_i - sum_j a_j g_j): the softmax Jacobian times g."""
    weighted = sum([x * y for x, y in zip(a, g)])
    return [x * (y - weighted) for x, y in zip(a, g)]


#: The slope of leaky ReLU for z < 0 (Maas et al. 2013 use 0.01).
LEAKY_SLOPE = 0.01

#: One activation of a whole layer.
#:   function(z) -> a          the activation of every neuron of the layer
#:   derivative(a) -> a'       da_i/dz_i from the outputs (None for softmax, whose
#:                             outputs each depend on every z)
#:   backward(a, g) -> dL/dz   the chain rule through the activation: g * a'
Activation = namedtuple("Activation", "name function derivative backward")

ACTIVATIONS = {
    "sigmoid": Activation(
        "sigmoid",
        _sigmoid_layer,
        lambda a: [x * (1.0 - x) for x in a],
        lambda a, g: [y * (x * (1.0 - x)) for x, y in zip(a, g)],
    ),
    "tanh": Activation(
        "tanh",
        lambda z: list(map(tanh, z)),
        lambda a: [1.0 - x * x for x in a],
        lambda a, g: [y * (1.0 - x * x) for x, y in zip(a, g)],
    ),
    "relu": Activation(
        "relu",
        lambda z: [v if v > 0.0 else 0.0 for v in z],
        lambda a: [1.0 if x > 0.0 else 0.0 for x in a],
        lambda a, g: [y if x > 0.0 else 0.0 for x, y in zip(a, g)],
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        lambda z: [v if v > 0.0 else LEAKY_SLOPE * v for v in z],
        lambda a: [1.0 if x > 0.0 else LEAKY_SLOPE for x in a],
        lambda a, g: [y if x > 0.0 else LEAKY_SLOPE * y for x, y in zip(a, g)],
    ),
    "linear": Activation(
        "linear",
        list,
        lambda a: [1.0] * len(a),
        lambda a, g: list(g),
    ),
    "softmax": Activation("softmax", softmax, None, _softmax_backward),
}
