"""The engine's ``Layer``: one row of weights per neuron, and an activation by name."""

from .._checks import check_choice, check_rows
from ..errors import TrainingError
from ..maths.activations import ACTIVATIONS
from .kernels import DEFAULT

__all__ = ["Layer"]


class Layer:
    """A layer of neurons: neuron i has weights[i] (one per input) and biases[i].

    Parameters
    ----------
    weights : list of rows of floats
        One row per neuron, each as long as the layer's input.
    biases : list of floats
        One per neuron.
    activation : str
        A name from ``ACTIVATIONS``.

    Examples
    --------
    >>> layer = Layer([[1.0, -1.0], [0.5, 0.5]], [0.0, -1.0], "relu")
    >>> layer.forward([2.0, 1.0])
    [1.0, 0.5]
    """

    def __init__(self, weights, biases, activation="sigmoid"):
        if len(weights) != len(biases):
            raise TrainingError(
                "Layer: %d weight rows but %d biases; give one of each per neuron"
                % (len(weights), len(biases))
            )
        check_choice(activation, ACTIVATIONS, "activation")
        self.weights = weights
        self.biases = biases
        self.activation = activation

    @property
    def n_inputs(self):
        """The number of inputs each neuron takes."""
        return len(self.weights[0]) if self.weights else 0

    @property
    def n_neurons(self):
        """The number of neurons."""
        return len(self.weights)

    def forward(self, x):
        """Return the layer's output for one input row: f(W . x + b).

        Article 000's ``Layer.Forward``: each neuron adds weight * input and
        its bias, then goes through the activation. The reading path's
        ``nnscratch.reading.mlp.Layer.forward`` is the same step neuron by
        neuron; it starts each sum at the bias as the Go does, while the
        engine's kernels add the bias last, so the two may differ in the
        last bit. A Layer computes with the default kernels (``Network.forward``
        uses the network's own). A row of the wrong width, or holding a value
        that is not a finite number, raises DataError.
        """
        check_rows([x], "x", self.n_inputs, "the layer's input width")
        return ACTIVATIONS[self.activation].function(DEFAULT.affine(self.weights, x, self.biases))

    def __repr__(self):
        return "Layer(%d -> %d, %s)" % (self.n_inputs, self.n_neurons, self.activation)
