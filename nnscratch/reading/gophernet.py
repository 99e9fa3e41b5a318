"""The one-hidden-layer iris network of articles 001 and 002 ("gophernet").

An input layer, one sigmoid hidden layer and a sigmoid output layer, trained
by full-batch backpropagation. Matrices are lists of rows, shaped as the
article's gonum matrices:

    x         n x input_neurons     one row per sample
    y         n x output_neurons    one one-hot row per sample
    w_hidden  input_neurons x hidden_neurons,  b_hidden  hidden_neurons
    w_out     hidden_neurons x output_neurons, b_out     output_neurons

    Go (article 001)                 Python (here)
    neuralNetConfig{inputNeurons,    NeuralNetConfig(input_neurons,
      outputNeurons, hiddenNeurons,    output_neurons, hidden_neurons,
      numEpochs, learningRate}         num_epochs, learning_rate)
    newNetwork(config)               NeuralNet(config, seed=...)
    nn.train(x, y)                   net.train(x, y)
    nn.backpropagate(x, y, ...)      net.backpropagate(x, y, ...)
    nn.predict(x)                    net.predict(x)
    sumAlongAxis(0, m)               sum_along_axis(0, m)

Glossary: z is a pre-activation ("layer input" in the article), a an
activation, lr the learning rate, n the number of samples.

The loss that backpropagation descends is the summed squared error
E = 1/2 * sum over samples and outputs of (y - output)^2. Each epoch moves
every weight by -lr * dE/dw, with the gradient summed (not averaged) over the
batch, exactly as the article's matrix products do.
"""

import random
import time
from dataclasses import dataclass

from .._checks import check_number, check_outputs, check_rows, check_same_count, check_seed, check_whole
from ..errors import ArgumentTypeError, NotTrainedError
from ..maths.activations import sigmoid, sigmoid_prime_from_output
from .vector import mat_mul, mul_elem, scalar_mul, sum_along_axis, transpose, vec_add, vec_sub

__all__ = ["NeuralNetConfig", "NeuralNet", "ARTICLE_001", "ARTICLE_002", "feed_forward", "apply"]


@dataclass(frozen=True)
class NeuralNetConfig:
    """The network's architecture and learning parameters (article 001's ``neuralNetConfig``).

    >>> NeuralNetConfig(4, 3, 3, num_epochs=5000, learning_rate=0.3)
    NeuralNetConfig(input_neurons=4, output_neurons=3, hidden_neurons=3, num_epochs=5000, learning_rate=0.3)
    """

    input_neurons: int
    output_neurons: int
    hidden_neurons: int
    num_epochs: int
    learning_rate: float

    def __post_init__(self):
        for name in ("input_neurons", "output_neurons", "hidden_neurons"):
            check_whole(getattr(self, name), "NeuralNetConfig: " + name, 1)
        check_whole(self.num_epochs, "NeuralNetConfig: num_epochs", 0)
        check_number(self.learning_rate, "NeuralNetConfig: learning_rate", positive=True)


#: Article 001 (gophernet): 4-3-3, 5000 epochs, learning rate 0.3; "Accuracy = 0.97".
ARTICLE_001 = NeuralNetConfig(
    input_neurons=4, output_neurons=3, hidden_neurons=3, num_epochs=5000, learning_rate=0.3
)
#: Article 002: 4-5-3, 8000 epochs, learning rate 0.2; "approximately 98%".
ARTICLE_002 = NeuralNetConfig(
    input_neurons=4, output_neurons=3, hidden_neurons=5, num_epochs=8000, learning_rate=0.2
)


def apply(f, m):
    """Return f applied to every entry of the matrix m (gonum's ``Apply``).

    Article 001 calls ``Apply(applySigmoid, m)``; here that is ``apply(sigmoid, m)``.

    result[i][j] = f(m[i][j]).

    >>> apply(abs, [[-1.0, 2.0], [3.0, -4.0]])
    [[1.0, 2.0], [3.0, 4.0]]
    """
    return [[f(v) for v in row] for row in m]


def feed_forward(x, w_hidden, b_hidden, w_out, b_out):
    """Run the feed-forward pass; return every intermediate matrix.

    Returns (hidden_layer_input, hidden_layer_activations, output_layer_input,
    output), each one row per sample:
    hidden_layer_input = x . w_hidden + b_hidden, activations = sigma(that),
    output_layer_input = activations . w_out + b_out, output = sigma(that).

    >>> feed_forward([[1.0]], [[0.0]], [0.0], [[2.0]], [-1.0])[3]
    [[0.5]]
    """
    hidden_layer_input = [vec_add(row, b_hidden) for row in mat_mul(x, w_hidden)]
    hidden_layer_activations = apply(sigmoid, hidden_layer_input)
    output_layer_input = [vec_add(row, b_out) for row in mat_mul(hidden_layer_activations, w_out)]
    output = apply(sigmoid, output_layer_input)
    return hidden_layer_input, hidden_layer_activations, output_layer_input, output


class NeuralNet:
    """A 3-layer sigmoid network trained by full-batch backpropagation (articles 001/002).

    Parameters
    ----------
    config : NeuralNetConfig
        Layer sizes, epochs and learning rate.
    seed : int or None
        Seed of the ``random.Random`` that draws the initial weights (the Go
        code seeds from the clock).
    slope : function of a float
        The sigmoid's derivative, given its output a, that ``backpropagate``
        uses: ``sigmoid_prime_from_output``, a * (1 - a). Pass
        ``sigmoid_prime`` to train with article 001's own slope,
        sigmoidPrime(a) (see ``backpropagate``).

    Attributes
    ----------
    w_hidden, b_hidden, w_out, b_out : lists, or None before training
        The learned weights and biases, shaped as in the module docstring.

    Raises
    ------
    DataError
        From ``train`` and ``predict``: empty, ragged or non-numeric rows, a
        width that differs from the config, or counts of x and y that differ.
    NotTrainedError
        From ``predict``, before ``train``.

    Examples
    --------
    >>> x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    >>> y = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]  # XOR, one-hot
    >>> net = NeuralNet(NeuralNetConfig(2, 2, 4, num_epochs=3000, learning_rate=0.5), seed=3)
    >>> predictions = net.train(x, y).predict(x)
    >>> [row.index(max(row)) for row in predictions]
    [0, 1, 1, 0]
    """

    def __init__(self, config, seed=None, *, slope=sigmoid_prime_from_output):
        if not isinstance(config, NeuralNetConfig):
            raise ArgumentTypeError(
                "NeuralNet(config): config must be a NeuralNetConfig, got %s"
                % type(config).__name__
            )
        self.config = config
        self.seed = check_seed(seed, "NeuralNet: seed")
        self.slope = slope  # the sigmoid's derivative from its output a: a * (1 - a)
        self.w_hidden = None
        self.b_hidden = None
        self.w_out = None
        self.b_out = None
        self.classes = None  # names of the outputs, for model files
        self.columns = None  # names of the inputs
        self.scaling = None  # min-max scaling of raw inputs: predict applies it, train takes scaled rows
        self.metadata = {}

    kind = "neuralnet"  # the model-file kind

    def _check_inputs(self, x, name="x"):
        check_rows(x, name, self.config.input_neurons, "input_neurons")

    def initial_weights(self):
        """Return (w_hidden, b_hidden, w_out, b_out) drawn uniformly from [0, 1).

        As article 001's ``train``: every entry of w_hidden (row by row), then
        b_hidden, w_out and b_out, from one generator. The seed makes it
        repeatable.

        >>> w_hidden, b_hidden, w_out, b_out = NeuralNet(ARTICLE_001, seed=0).initial_weights()
        >>> len(w_hidden), len(w_hidden[0]), len(b_hidden), len(w_out), len(b_out)
        (4, 3, 3, 3, 3)
        """
        c = self.config
        rng = random.Random(self.seed)

        def draw(rows, cols):
            return [[rng.random() for _ in range(cols)] for _ in range(rows)]

        w_hidden = draw(c.input_neurons, c.hidden_neurons)
        b_hidden = draw(1, c.hidden_neurons)[0]
        w_out = draw(c.hidden_neurons, c.output_neurons)
        b_out = draw(1, c.output_neurons)[0]
        return w_hidden, b_hidden, w_out, b_out

    def train(self, x, y):
        """Initialise the weights, run ``backpropagate``, keep the result; return self.

        Article 001's ``train``. ``x`` holds one row of input_neurons floats per
        sample, ``y`` one row of output_neurons targets (one-hot for classes).
        ``metadata`` records the epochs and the final summed squared error.

        >>> net = NeuralNet(NeuralNetConfig(1, 1, 2, num_epochs=200, learning_rate=0.5), seed=0)
        >>> net.train([[0.0], [1.0]], [[1.0], [0.0]]).metadata["epochs"]
        200
        """
        self._check_inputs(x)
        check_rows(y, "y", self.config.output_neurons, "output_neurons")
        check_same_count(x, y, "x", "y")
        params = self.backpropagate(x, y, *self.initial_weights())
        self.w_hidden, self.b_hidden, self.w_out, self.b_out = params
        output = feed_forward(x, *params)[3]
        self.metadata = {
            "epochs": self.config.num_epochs, "seed": self.seed,
            "final_loss": 0.5 * sum((t - o) ** 2 for tr, orow in zip(y, output) for t, o in zip(tr, orow)),
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        return self

    def backpropagate(self, x, y, w_hidden, b_hidden, w_out, b_out):
        """Run num_epochs epochs of full-batch gradient descent; return the new weights.

        Article 001's ``backpropagate``, line by line, with one correction. The
        article computes ``slopeOutputLayer`` by applying ``sigmoidPrime`` to
        ``output``, which is already sigma(z); ``sigmoidPrime`` applies the
        sigmoid again, so its "slope" is sigma(a) * (1 - sigma(a)), a value
        stuck between 0.197 and 0.25 whatever a is. Training still works, only
        with the wrong slope. The derivative in terms of the activation is
        a * (1 - a), which is what is used here (``slope``; with
        ``slope=sigmoid_prime`` the step is the article's as written). Article
        002 applies ``sigmoidPrime`` to the pre-activations z, which is also
        correct.

        Returns (w_hidden, b_hidden, w_out, b_out) after training; the
        arguments are not modified.

        >>> net = NeuralNet(NeuralNetConfig(1, 1, 1, num_epochs=1, learning_rate=1.0))
        >>> # b_out moves by lr * (y - output) * slope = (1 - 0.5) * 0.25
        >>> net.backpropagate([[0.0]], [[1.0]], [[0.0]], [0.0], [[0.0]], [0.0])[3]
        [0.125]
        """
        lr = self.config.learning_rate
        for _ in range(self.config.num_epochs):
            # Complete the feed forward process.
            _, hidden_layer_activations, _, output = feed_forward(
                x, w_hidden, b_hidden, w_out, b_out
            )

            # Complete the backpropagation.
            network_error = [vec_sub(t, o) for t, o in zip(y, output)]  # y - output
            slope_output_layer = apply(self.slope, output)  # a * (1 - a)
            slope_hidden_layer = apply(self.slope, hidden_layer_activations)
            d_output = [mul_elem(e, s) for e, s in zip(network_error, slope_output_layer)]
            error_at_hidden_layer = mat_mul(d_output, transpose(w_out))
            d_hidden_layer = [
                mul_elem(e, s) for e, s in zip(error_at_hidden_layer, slope_hidden_layer)
            ]

            # Adjust the parameters: w += lr * (the summed descent direction).
            w_out_adj = mat_mul(transpose(hidden_layer_activations), d_output)
            w_out = [vec_add(w, scalar_mul(lr, adj)) for w, adj in zip(w_out, w_out_adj)]
            b_out_adj = sum_along_axis(0, d_output)
            b_out = vec_add(b_out, scalar_mul(lr, b_out_adj))
            w_hidden_adj = mat_mul(transpose(x), d_hidden_layer)
            w_hidden = [vec_add(w, scalar_mul(lr, adj)) for w, adj in zip(w_hidden, w_hidden_adj)]
            b_hidden_adj = sum_along_axis(0, d_hidden_layer)
            b_hidden = vec_add(b_hidden, scalar_mul(lr, b_hidden_adj))
        return w_hidden, b_hidden, w_out, b_out

    def predict(self, x):
        """Return the network's output for each row of x, one row of output_neurons floats each.

        Article 001's ``predict``: the feed-forward pass with the trained
        weights (after ``scaling``, when set; the article scales its CSV
        beforehand).

        >>> net = NeuralNet(NeuralNetConfig(1, 1, 1, num_epochs=0, learning_rate=1.0))
        >>> net.w_hidden, net.b_hidden, net.w_out, net.b_out = [[0.0]], [0.0], [[0.0]], [0.0]
        >>> net.predict([[5.0]])  # sigma(0) everywhere
        [[0.5]]
        """
        if self.w_hidden is None:
            raise NotTrainedError(
                "NeuralNet: the network is not trained; call train(x, y) before predict(x)"
            )
        self._check_inputs(x)
        if self.scaling is not None:
            x = self.scaling.apply(x)
        return check_outputs(feed_forward(x, self.w_hidden, self.b_hidden, self.w_out, self.b_out)[3], "x")

    # ----- the model protocol, shared by every nnscratch model ---------------------

    @property
    def n_inputs(self):
        """The number of inputs: ``config.input_neurons``.

        >>> NeuralNet(ARTICLE_001).n_inputs, NeuralNet(ARTICLE_001).n_outputs
        (4, 3)
        """
        return self.config.input_neurons

    @property
    def n_outputs(self):
        """The number of outputs: ``config.output_neurons``.

        >>> NeuralNet(ARTICLE_002).n_outputs
        3
        """
        return self.config.output_neurons

    # ----- saving: shortcuts to nnscratch.save, kept so model.save(path) works -------

    def to_dict(self):
        """Return this network as a model-file object (``nnscratch.files.modelfile.to_dict``).

        >>> net = NeuralNet(NeuralNetConfig(1, 1, 1, num_epochs=1, learning_rate=1.0), seed=0)
        >>> net.train([[0.0]], [[1.0]]).to_dict()["kind"]
        'neuralnet'
        """
        from ..files.modelfile import to_dict  # the model-file floor stands above the models
        return to_dict(self)

    def save(self, path):
        """Write the trained network to a JSON model file, atomically: ``nnscratch.save(self, path)``.

        >>> import os, tempfile
        >>> net = NeuralNet(NeuralNetConfig(1, 1, 1, num_epochs=1, learning_rate=1.0), seed=0)
        >>> path = net.train([[0.0]], [[1.0]]).save(os.path.join(tempfile.mkdtemp(), "net.json"))
        >>> from nnscratch import load
        >>> load(path).w_out == net.w_out
        True
        """
        from ..files.modelfile import save  # the model-file floor stands above the models
        return save(self, path)

    def __repr__(self):
        c = self.config
        state = "trained" if self.w_hidden is not None else "untrained"
        return "NeuralNet(%d-%d-%d sigmoid, %s)" % (
            c.input_neurons, c.hidden_neurons, c.output_neurons, state
        )
