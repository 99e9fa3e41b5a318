"""The fast engine's network: ``Layer`` and ``Network``, any depth (articles 000 and 004).

Article 000 builds a network from neurons and layers:

    type Neuron struct { Weights []float64; Bias float64 }
    type Layer struct  { Neurons []Neuron; Activation func(float64) float64 }
    network := NewNetwork([]int{784, 128, 10})

``nnscratch.reading.mlp`` has those structs as they read, neuron by neuron.
This is the engine: a ``Layer`` keeps its neurons' weights as rows,
``weights[i]`` and ``biases[i]`` being neuron i's, ``Network([784, 128, 10])``
stacks them, and training runs over mini-batches in column layout with the
kernels chosen for this interpreter (article 004's batches, early stopping
and more, with the tables of ``nnscratch.maths``). It computes the same
numbers as the reading path: a test checks it against ``NeuralNet`` on
article 001's configuration, and against finite differences.

The work is split by idea:

    network.py    construction, inference, the model protocol (here)
    layer.py      one layer: weights, biases, activation
    training.py   the training loop, its checks, early stopping, divergence
    backprop.py   one batch forward and backward, in column layout
    kernels.py    the multiply-add kernels of each dot-product form
    parallel.py   the worker processes of ``workers=N``

Glossary:
    x        one input row; a batch is a list of rows
    z, a     a layer's pre-activations and activations for one sample
    lr       the learning rate; l2 the weight-decay coefficient
"""

import random

from .._checks import check_choice, check_outputs, check_rows, check_seed, is_whole
from ..errors import TrainingError
from ..maths.activations import ACTIVATIONS
from ..maths.init import INITS
from ..maths.losses import LOSSES
from ..maths.metrics import accuracy, confusion_matrix
from ..svg import network_diagram
from . import backprop, training
from .kernels import DEFAULT
from .layer import Layer
from .training import History, check_workers

__all__ = ["Layer", "Network", "History"]

#: Output activations whose values lie in (0, 1), as the cross-entropy losses need.
PROBABILITY_OUTPUTS = ("softmax", "sigmoid")
#: predict() pushes rows through the network in chunks of this many, in column layout...
PREDICT_CHUNK = 256
#: ...unless there are fewer rows than this: then one by one, as forward() does (serving
#: predicts a row at a time). Both give the same floats.
PREDICT_ROWS_ONE_BY_ONE = 4


class Network:
    """A fully connected network of any depth, e.g. ``Network([784, 128, 10])`` (article 000).

    Parameters
    ----------
    sizes : list of ints
        The width of every layer, inputs first: [784, 128, 10] has 784 inputs,
        a hidden layer of 128 neurons and 10 outputs.
    hidden_activation, output_activation : str
        Names from ``nnscratch.maths.activations.ACTIVATIONS``.
    loss : str
        A name from ``nnscratch.maths.losses.LOSSES``. The cross-entropy losses need
        a softmax or sigmoid output.
    init : str
        A name from ``nnscratch.maths.init.INITS``. The default, ``"xavier"``, trains
        deep sigmoid networks; the articles' ``"uniform01"`` saturates them.
    seed : int or None
        Seeds the one ``random.Random`` behind the initial weights, the
        shuffles and the validation split: same seed, same numbers.

    Attributes
    ----------
    layers : list of Layer
    scaling : MinMaxScaling or None
        Input scaling learned by ``train(normalize=True)``; when set,
        ``predict``, ``evaluate``, ``confusion_matrix`` and ``train`` apply it
        to the rows they are given (``forward`` and ``Layer.forward`` do not).
    classes, columns : lists of names, or None
        The class of each output and the name of each input, when known;
        model files keep them.
    metadata : dict
        What training did: the epochs summed over every ``train`` call (and
        ``train_calls``); the final loss and accuracy, seed, date and
        settings of the last call, and whether it was interrupted.
    rng : random.Random
        The one generator behind the initial weights, shuffles and splits.
    kernels : nnscratch.engine.kernels.Kernels
        The multiply-add kernels this network computes with: by default the
        fastest form for this interpreter. Every form gives the same numbers
        up to float rounding.

    Examples
    --------
    >>> net = Network([2, 8, 2], hidden_activation="tanh", seed=0)
    >>> net
    Network([2, 8, 2], hidden_activation='tanh', output_activation='softmax', loss='cross_entropy')
    >>> x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    >>> y = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]  # XOR
    >>> history = net.train(x, y, epochs=300, learning_rate=0.05, optimizer="adam")
    >>> net.evaluate(x, y)
    1.0
    """

    kind = "network"  # the model-file kind

    def __init__(self, sizes, *, hidden_activation="sigmoid", output_activation="softmax",
                 loss="cross_entropy", init="xavier", seed=None):
        draw = self._settle(sizes, hidden_activation, output_activation, loss, init, seed)
        for i, (n_in, n_out) in enumerate(zip(self.sizes, self.sizes[1:])):
            weights, biases = draw(n_in, n_out, self.rng)
            activation = output_activation if i == len(self.sizes) - 2 else hidden_activation
            self.layers.append(Layer(weights, biases, activation))

    @classmethod
    def from_layers(cls, layers, *, hidden_activation="sigmoid", output_activation="softmax",
                    loss="cross_entropy", init="xavier", seed=None):
        """Return a network made of these ``Layer``\\ s, whose widths must chain; no weights are drawn.

        For a loaded model: ``Network(sizes)`` would spend time and memory on
        random weights only to replace them. ``rng`` starts from ``seed``.

        >>> net = Network.from_layers([Layer([[1.0, 2.0]], [0.5], "sigmoid")], output_activation="sigmoid")
        >>> net.sizes
        [2, 1]
        """
        layers = list(layers) if isinstance(layers, (list, tuple)) else None
        if not layers or not all(isinstance(layer, Layer) for layer in layers):
            raise TrainingError("Network.from_layers: give a non-empty list of Layer objects")
        for i, (below, above) in enumerate(zip(layers, layers[1:])):
            if above.n_inputs != below.n_neurons:
                raise TrainingError("Network.from_layers: layer %d takes %d inputs, but layer %d has %d "
                                    "neurons" % (i + 1, above.n_inputs, i, below.n_neurons))
        net = cls.__new__(cls)
        net._settle([layers[0].n_inputs] + [layer.n_neurons for layer in layers],
                    hidden_activation, output_activation, loss, init, seed)
        net.layers = layers
        return net

    def _settle(self, sizes, hidden_activation, output_activation, loss, init, seed):
        """Check the settings and set every attribute but the layers' weights; return the init's draw."""
        sizes = list(sizes) if isinstance(sizes, (list, tuple)) else sizes
        if not isinstance(sizes, list) or len(sizes) < 2 or not all(is_whole(n) and n >= 1 for n in sizes):
            raise TrainingError(
                "Network: sizes must list at least 2 layer widths, each a whole number >= 1, "
                "e.g. [784, 128, 10]; got %r" % (sizes,)
            )
        check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
        check_choice(output_activation, ACTIVATIONS, "output_activation")
        check_choice(loss, LOSSES, "loss")
        if loss != "squared_error" and output_activation not in PROBABILITY_OUTPUTS:
            raise TrainingError(
                "Network: loss %r needs outputs between 0 and 1; use output_activation "
                "'softmax' (or 'sigmoid'), not %r" % (loss, output_activation)
            )
        draw = check_choice(init, INITS, "init")
        self.sizes = sizes
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation
        self.loss = loss
        self.init = init
        self.seed = seed
        self.rng = random.Random(check_seed(seed, "Network: seed"))
        self.kernels = DEFAULT
        self.scaling = None
        self.classes = None
        self.columns = None
        self.metadata = {}
        self.layers = []
        return draw

    # ----- the model protocol, shared by every nnscratch model ----------------------

    @property
    def n_inputs(self):
        """The number of inputs a row must have."""
        return self.sizes[0]

    @property
    def n_outputs(self):
        """The number of outputs ``predict`` gives per row."""
        return self.sizes[-1]

    def predict(self, rows, workers=1):
        """Return one output row per input row.

        Rows go through in chunks in column layout; the numbers are those
        ``forward`` gives row by row (after ``scaling``, when the network has
        one). ``workers=N`` splits each chunk over N processes (see
        ``train``); it pays only for many rows of a wide network.
        """
        check_rows(rows, "rows", self.sizes[0], "the network's input width")
        if self.scaling is not None:
            rows = self.scaling.apply(rows)
        if workers.__class__ is int and workers == 1:  # the usual case, without a call to check it
            return check_outputs(self.forward_rows(rows))
        check_workers(workers)
        return check_outputs(training.predict_in_workers(self, rows, workers, PREDICT_CHUNK * workers))

    # ----- using a network ------------------------------------------------------------

    def forward(self, x):
        """Return the network's output for one sample: each layer's f(W . x + b), in turn.

        The same as each ``Layer.forward`` in turn, computed with this network's ``kernels``.
        x is one row, unscaled: a list or a tuple. A row of the wrong width, or
        holding a value that is not a number, raises DataError. It is the
        quick call for one row: unlike ``predict``, it does not apply
        ``scaling``, does not refuse booleans (True computes as 1) and does
        not refuse outputs that are not finite.
        """
        try:
            if (x.__class__ is list or x.__class__ is tuple) and len(x) == self.sizes[0]:
                return self._forward(x)
        except (TypeError, OverflowError):  # a value that is not a number, or an int too large
            pass
        check_rows([x], "x", self.sizes[0], "the network's input width")  # raises, naming the problem
        return self._forward(list(x))  # a subclass of list, say: check_rows found nothing wrong

    def _forward(self, x):
        affine = self.kernels.affine
        for layer in self.layers:
            x = ACTIVATIONS[layer.activation].function(affine(layer.weights, x, layer.biases))
        return x

    def forward_rows(self, rows):
        """Return the output rows for rows already scaled: one by one for a few, else in column layout."""
        if len(rows) < PREDICT_ROWS_ONE_BY_ONE:  # too few rows to pay for the column layout
            return list(map(self._forward, rows))
        return backprop.in_chunks(
            rows, lambda columns: backprop.forward_columns(self.layers, columns, self.kernels)[-1],
            PREDICT_CHUNK, self.kernels.swap_layout)

    def evaluate(self, rows, labels):
        """Return the accuracy on rows: the fraction whose predicted class is the label's.

        Rows are as ``predict`` takes them.

        Article 000's ``Evaluate``. Labels are one-hot rows or class indexes;
        see ``nnscratch.maths.metrics.accuracy`` for the rule.
        """
        return accuracy(self.predict(rows), labels)

    def confusion_matrix(self, rows, labels):
        """Return counts[true class][predicted class] over rows, as a ``ConfusionMatrix``."""
        n = max(2, self.sizes[-1])
        named = self.classes if len(self.classes or ()) == n else None
        return confusion_matrix(self.predict(rows), labels, n, named)

    # ----- saving: shortcuts to nnscratch.save, kept so model.save(path) works -------

    def to_dict(self):
        """Return this network as a model-file object (``nnscratch.files.modelfile.to_dict``)."""
        from ..files.modelfile import to_dict  # the model-file floor stands above the models
        return to_dict(self)

    def save(self, path):
        """Write the network to a JSON model file, atomically: ``nnscratch.save(self, path)``."""
        from ..files.modelfile import save  # the model-file floor stands above the models
        return save(self, path)

    def __repr__(self):
        return "Network(%r, hidden_activation=%r, output_activation=%r, loss=%r)" % (
            self.sizes, self.hidden_activation, self.output_activation, self.loss)

    def _repr_svg_(self):  # what a notebook shows: the layers, their sizes and activations
        return network_diagram(self.sizes, [layer.activation for layer in self.layers])

    # ----- training -------------------------------------------------------------------

    def train(self, inputs, targets, *, epochs, learning_rate, batch_size=None, optimizer="sgd",
              l2=0.0, shuffle=True, validation=None, validation_split=0.0, patience=None,
              on_epoch=None, reduction="mean", workers=1, normalize=False, stop=None, live=True):
        """Train by backpropagation over mini-batches; return a ``History``.

        Parameters
        ----------
        inputs, targets : lists of rows
            One target row per input row (one-hot rows for classes).
        epochs : int
            Passes over the training rows.
        learning_rate : float
            The step size (> 0).
        batch_size : int or None
            Rows per update; None is the whole set at once, as the articles do.
        optimizer : str or optimizer object
            ``"sgd"``, ``"momentum"`` or ``"adam"``; or an object from
            ``nnscratch.maths.optimizers`` (such as ``Adam(0.01)``), which keeps its
            state (momentum, Adam's averages) from one ``train`` call to the
            next. Its learning rate is set to ``learning_rate``.
        l2 : float
            Weight decay: adds l2/2 * (sum of squared weights) to the loss.
            Biases are not decayed.
        shuffle : bool
            Reorder the rows every epoch (seeded by the network's seed).
        validation : (rows, targets) or None
            Rows scored after every epoch, never trained on.
        validation_split : float
            Instead of ``validation``: hold out this fraction of the rows,
            picked at random (seeded).
        patience : int or None
            Early stopping: stop when the validation loss has not improved
            for this many epochs, and restore the weights of the best epoch.
        on_epoch : callable or None
            Called as on_epoch(epoch, history) after each epoch (epoch counts
            from 1); returning False stops training.
        reduction : "mean" or "sum"
            How a batch's gradients combine. "mean" (the default) keeps the
            learning rate independent of the batch size; "sum" is the
            articles' full-batch sum.
        workers : int
            Split each batch's gradient over this many processes (this one
            and workers - 1 started for this call), add the parts in a fixed
            order and make one update: the result differs from ``workers=1``
            only by float rounding. It pays only for large batches, and only
            when other cores are idle; see the README's Performance section.
        normalize : bool
            Learn a min-max ``scaling`` from the training rows (after any
            validation split) and keep it; predictions then apply it too.
            Without it, a scaling the network already has is applied.
        stop : callable or None
            Called after every batch; when it returns True, training stops
            there (``history.interrupted``). For Ctrl-C in a command line, or
            a Stop button.
        live : bool
            In a Jupyter notebook, show the progress and the curves as they
            grow (``nnscratch.engine.live``); elsewhere it changes nothing.

        Raises
        ------
        DataError
            Before any work, for empty, ragged or non-numeric rows, widths that
            differ from the network's, or counts that differ.
        TrainingError
            Before any work, for unusable settings; during training, when the
            loss becomes NaN or infinite. The weights are then put back to
            those before the failing epoch, and the error's ``history``
            attribute holds the epochs completed.

        ``metadata`` then records the epochs of every ``train`` call so far.
        The loop itself is ``nnscratch.engine.training.train``.
        """
        return training.train(
            self, inputs, targets, epochs=epochs, learning_rate=learning_rate, batch_size=batch_size,
            optimizer=optimizer, l2=l2, shuffle=shuffle, validation=validation,
            validation_split=validation_split, patience=patience, on_epoch=on_epoch, reduction=reduction,
            workers=workers, normalize=normalize, stop=stop, live=live,
        )

