"""The single-layer perceptron of article 003, "Build Your Own Neural Network in Go".

One neuron, n inputs, one sigmoid output, trained by gradient descent on the
mean squared error. The Go struct and methods map one to one:

    Go (article 003)                 Python (here)
    Perceptron{input, actualOutput,  Perceptron(input, actual_output,
               weights, bias,                    epochs=..., seed=...)
               epochs}
    initialize()                     initialize()
    forwardPass(x)                   forward_pass(x)
    gradW(x, y), gradB(x, y)         grad_w(x, y), grad_b(x, y)
    train()                          train()

Glossary:
    x      one input row (a list of floats), y its target (0 or 1)
    w, b   the weights (one per input) and the bias
    pred   the prediction sigma(w . x + b)
    n      the number of training rows

The maths, as in the article: for the mean squared error
L = (1/n) * sum (pred - y)^2, the chain rule gives
dL/dw = (2/n) * sum (pred - y) * pred * (1 - pred) * x, and likewise for b
without the x. ``grad_w`` and ``grad_b`` return the *negative* of one row's
share, -(pred - y) * pred * (1 - pred) * x, so ``train`` can *add* them: that
is a step of gradient descent with learning rate 1. The article uses no
learning rate, only the 2/n factor.
"""

import random
import time

from .._checks import check_outputs, check_rows, check_same_count, check_seed, check_whole
from ..errors import NotTrainedError
from ..maths.activations import sigmoid
from .vector import dot, scalar_mul, vec_add

__all__ = ["Perceptron", "TOY_INPUT", "TOY_OUTPUT"]

#: Article 003's training table: Y is X1 (the first input), X2 and X3 are noise.
TOY_INPUT = [[0.0, 0.0, 1.0], [1.0, 1.0, 1.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
TOY_OUTPUT = [0.0, 1.0, 1.0, 0.0]

#: The article trains for 1000 epochs.
DEFAULT_EPOCHS = 1000


class Perceptron:
    """A single sigmoid neuron trained by full-batch gradient descent (article 003).

    Parameters
    ----------
    input : list of rows of floats
        The training inputs, one row per example (the article's ``input``).
    actual_output : list of floats
        The target for each row, 0 or 1 (the article's ``actualOutput``).
    epochs : int
        Passes over the whole table (the article uses 1000).
    seed : int or None
        Seed of the ``random.Random`` that draws the initial weights; the Go
        code seeds from the clock, so its runs cannot be repeated.

    Attributes
    ----------
    weights : list of floats or None
        One weight per input column; None until ``initialize`` runs.
    bias : float

    Raises
    ------
    DataError
        From ``train``: if the table is empty, ragged, not numeric, or its
        two parts differ in length.
    TrainingError
        From ``train``: if ``epochs`` is not a whole number >= 0.

    Examples
    --------
    >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=1000, seed=1).train()
    >>> p.forward_pass([0, 1, 0]) < 0.05 and p.forward_pass([1, 0, 1]) > 0.95
    True
    """

    def __init__(self, input, actual_output, epochs=DEFAULT_EPOCHS, seed=None):
        self.input = input
        self.actual_output = actual_output
        self.epochs = epochs
        self.seed = check_seed(seed, "Perceptron: seed")
        self.weights = None
        self.bias = 0.0
        self.classes = None  # names of the two outcomes (0 and 1), for model files
        self.columns = None  # names of the inputs
        self.scaling = None  # min-max scaling of raw inputs: predict applies it, train takes scaled rows
        self.metadata = {}

    kind = "perceptron"  # the model-file kind

    def _check(self):
        """Raise an NNScratchError unless the table and epochs are usable."""
        check_rows(self.input, "input")
        check_same_count(self.input, self.actual_output, "input", "actual_output")
        check_rows([self.actual_output], "actual_output")
        check_whole(self.epochs, "Perceptron: epochs", 0)

    def initialize(self):
        """Set the bias to 0 and each weight to a random float in [0, 1).

        Article 003's ``initialize``; the draws come from ``random.Random(seed)``.

        >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=0).initialize()
        >>> p.bias, len(p.weights), all(0 <= w < 1 for w in p.weights)
        (0.0, 3, True)
        """
        self._check()
        rng = random.Random(self.seed)
        self.metadata = {}  # a fresh start: no training yet
        self.bias = 0.0
        self.weights = [rng.random() for _ in range(len(self.input[0]))]
        return self

    def forward_pass(self, x):
        """Return the prediction for one input row: sigma(w . x + b).

        Article 003's ``forwardPass``.

        >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT)
        >>> p.weights, p.bias = [2.0, 0.0, 0.0], -1.0
        >>> round(p.forward_pass([1.0, 0.0, 0.0]), 4)  # sigma(2 - 1)
        0.7311
        """
        if self.weights is None:
            raise NotTrainedError(
                "Perceptron: call initialize() or train() before forward_pass()"
            )
        return sigmoid(dot(self.weights, x) + self.bias)

    def grad_w(self, x, y):
        """Return one row's descent step for the weights: -(pred - y) * pred * (1 - pred) * x.

        Article 003's ``gradW``. It is the negative of the gradient of
        (pred - y)^2 / 2 with respect to w, so adding it lowers the error.

        >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT)
        >>> p.weights, p.bias = [0.0, 0.0, 0.0], 0.0
        >>> p.grad_w([1.0, 0.0, 2.0], 1.0)  # pred = 0.5: -(0.5 - 1) * 0.5 * 0.5 = 0.125 per unit of x
        [0.125, 0.0, 0.25]
        """
        pred = self.forward_pass(x)
        return scalar_mul(-(pred - y) * pred * (1 - pred), x)

    def grad_b(self, x, y):
        """Return one row's descent step for the bias: -(pred - y) * pred * (1 - pred).

        Article 003's ``gradB``.

        >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT)
        >>> p.weights, p.bias = [0.0, 0.0, 0.0], 0.0
        >>> p.grad_b([1.0, 0.0, 2.0], 0.0)
        -0.125
        """
        pred = self.forward_pass(x)
        return -(pred - y) * pred * (1 - pred)

    def train(self):
        """Train for ``epochs`` passes over the table and return self.

        Article 003's ``train``: each epoch sums grad_w and grad_b over every
        row, scales the sums by 2/n, and adds them to the weights and bias.
        Initialises the weights first if ``initialize`` has not run.

        >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=1000, seed=1).train()
        >>> [round(p.forward_pass(x)) for x in TOY_INPUT]
        [0, 1, 1, 0]
        >>> p.train().metadata["epochs"]  # a second call trains on: 2000 epochs in all
        2000
        """
        self._check()
        if self.weights is None:
            self.initialize()
        n = len(self.actual_output)
        for _ in range(self.epochs):
            # Backward: sum the descent steps over every row (full batch).
            dw = [0.0] * len(self.input[0])
            db = 0.0
            for x, y in zip(self.input, self.actual_output):
                dw = vec_add(dw, self.grad_w(x, y))
                db += self.grad_b(x, y)
            # Update: the mean squared error's 2/n factor, no learning rate.
            dw = scalar_mul(2 / n, dw)
            self.weights = vec_add(self.weights, dw)
            self.bias += db * 2 / n
        self.metadata = {  # epochs count every train() since the weights were initialised
            "epochs": self.metadata.get("epochs", 0) + self.epochs, "seed": self.seed,
            "final_loss": sum((self.forward_pass(x) - y) ** 2
                              for x, y in zip(self.input, self.actual_output)) / n,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        return self

    # ----- the model protocol, shared by every nnscratch model ---------------------

    @property
    def n_inputs(self):
        """The number of inputs: one per weight (or per column of the table, before training).

        >>> Perceptron(TOY_INPUT, TOY_OUTPUT).n_inputs, Perceptron.n_outputs
        (3, 1)
        """
        return len(self.weights) if self.weights is not None else len(self.input[0])

    n_outputs = 1  # one probability per row

    def predict(self, rows):
        """Return [forward_pass(row)] for each row, after ``scaling`` when set: one output row per input row.

        >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=1).train()
        >>> [round(out[0]) for out in p.predict([[1, 0, 1], [0, 1, 0]])]
        [1, 0]
        """
        if self.weights is None:
            raise NotTrainedError("Perceptron: call initialize() or train() before predict()")
        check_rows(rows, "rows", len(self.weights), "the number of weights")
        if self.scaling is not None:
            rows = self.scaling.apply(rows)
        return check_outputs([[self.forward_pass(row)] for row in rows])

    # ----- saving: shortcuts to nnscratch.save, kept so model.save(path) works -------

    def to_dict(self):
        """Return this perceptron as a model-file object (``nnscratch.files.modelfile.to_dict``).

        >>> Perceptron(TOY_INPUT, TOY_OUTPUT, seed=0).train().to_dict()["kind"]
        'perceptron'
        """
        from ..files.modelfile import to_dict  # the model-file floor stands above the models
        return to_dict(self)

    def save(self, path):
        """Write the perceptron to a JSON model file, atomically: ``nnscratch.save(self, path)``.

        >>> import os, tempfile
        >>> p = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=0).train()
        >>> path = p.save(os.path.join(tempfile.mkdtemp(), "p.json"))
        >>> from nnscratch import load
        >>> load(path).weights == p.weights
        True
        """
        from ..files.modelfile import save  # the model-file floor stands above the models
        return save(self, path)

    def __repr__(self):
        if self.weights is None:
            return "Perceptron(untrained)"
        return "Perceptron(weights=%r, bias=%r)" % (self.weights, self.bias)
