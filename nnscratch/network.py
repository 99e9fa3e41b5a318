"""Networks of any depth: ``Layer`` and ``Network`` (articles 000 and 004).

Article 000 builds a network from neurons and layers:

    type Neuron struct { Weights []float64; Bias float64 }
    type Layer struct  { Neurons []Neuron; Activation func(float64) float64 }
    network := NewNetwork([]int{784, 128, 10})

Here a ``Layer`` keeps its neurons' weights as rows, ``weights[i]`` and
``biases[i]`` being neuron i's, and ``Network([784, 128, 10])`` stacks them.
Training is backpropagation over mini-batches (article 004), with the
activations, losses, initialisations and optimizers of the tables in
``activations``, ``losses``, ``init`` and ``optimizers``.

Glossary:
    x        one input row; a batch is a list of rows
    z, a     a layer's pre-activations and activations for one sample
    delta    dL/dz for one sample at one layer (the article's d_output)
    lr       the learning rate; l2 the weight-decay coefficient
    B        the batch size

How one batch is learned (``_gradients``): article 001's matrix steps, on a
batch held in *column layout* (``A[j]`` is neuron j's activation for every
sample of the batch), so each Python operation handles a whole batch:

    forward:   Z_l = W_l . A_(l-1) + b_l, A_l = f(Z_l), keeping every A_l
    output:    Delta_L = dL/dZ (A - Y for the paired losses)
    backward:  grad W_l[j][i] = dot(Delta_l[j], A_(l-1)[i])   (summed over the batch)
               grad b_l[j]    = sum(Delta_l[j])
               Delta_(l-1)    = f'(A_(l-1)) * (W_l^T . Delta_l)
    update:    the optimizer moves each weight against its gradient

The products and sums are those of ``vector.layer_columns`` and
``vector.dot_table``, the fastest forms this interpreter has.
"""

import math
import random
import time
from dataclasses import dataclass, field
from functools import partial
from operator import eq

from ._checks import check_rows, check_same_count
from .activations import ACTIVATIONS
from .errors import TrainingError
from .init import INITS
from .losses import COMBINED, LOSSES
from .metrics import accuracy, confusion_matrix
from .modelfile import document, json_seed, write
from .optimizers import OPTIMIZERS
from .parallel import WorkerPool
from .scaling import MinMaxScaling, min_max
from .vector import affine, dot_table, layer_columns, swap_layout

__all__ = ["Layer", "Network", "History"]

#: Output activations whose values lie in (0, 1), as the cross-entropy losses need.
PROBABILITY_OUTPUTS = ("softmax", "sigmoid")
#: predict() pushes rows through the network in chunks of this many, in column layout...
PREDICT_CHUNK = 256
#: ...unless there are fewer rows than this: then one by one, as forward() does (serving
#: predicts a row at a time). Both give the same floats.
PREDICT_ROWS_ONE_BY_ONE = 4


_columns = swap_layout  # rows (one per sample) <-> columns (one per neuron)


def _check_workers(workers):
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise TrainingError("workers must be a whole number >= 1, got %r" % (workers,))


def _classes(columns):
    """The class of each sample of a batch in column layout (``metrics.label_index``)."""
    if len(columns) == 1:
        return [1 if v >= 0.5 else 0 for v in columns[0]]
    return [r.index(max(r)) for r in _columns(columns)]


def _activate(activation, z):
    """Apply an activation to pre-activations in column layout."""
    if activation.derivative is None:  # softmax mixes a sample's neurons: work on rows
        return _columns([activation.function(r) for r in _columns(z)])
    f = activation.function
    return [f(column) for column in z]


def _chain(activation, a, g):
    """dL/dz from dL/da = g through an activation, in column layout."""
    if activation.derivative is None:
        return _columns([activation.backward(ar, gr) for ar, gr in zip(_columns(a), _columns(g))])
    back = activation.backward
    return [back(ac, gc) for ac, gc in zip(a, g)]


def _lookup(table, name, what):
    """Return table[name], or raise TrainingError listing the known names."""
    try:
        return table[name]
    except (KeyError, TypeError):
        raise TrainingError(
            "unknown %s %r; choose one of %s" % (what, name, ", ".join(sorted(table)))
        ) from None


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
        self.weights = weights
        self.biases = biases
        self.activation = activation
        self._activation = _lookup(ACTIVATIONS, activation, "activation")

    @property
    def n_inputs(self):
        return len(self.weights[0]) if self.weights else 0

    @property
    def n_neurons(self):
        return len(self.weights)

    def forward(self, x):
        """Return the layer's output for one input row: f(W . x + b).

        Article 000's ``Layer.Forward``: each neuron's sum starts at its bias
        and adds weight * input, then goes through the activation.
        """
        return self._activation.function(affine(self.weights, x, self.biases))

    def __repr__(self):
        return "Layer(%d -> %d, %s)" % (self.n_inputs, self.n_neurons, self.activation)


@dataclass
class History:
    """What ``Network.train`` measured, one entry per epoch run.

    ``loss`` and ``accuracy`` are over the training rows, averaged over the
    batches of the epoch as they were trained (the L2 penalty is not
    included); ``val_loss`` and ``val_accuracy`` over the validation rows
    after the epoch (empty without validation). ``best_epoch`` (counting from
    1) is the epoch whose weights the network kept when early stopping ran;
    ``stopped_early`` says whether patience ran out before ``epochs``, and
    ``interrupted`` whether ``stop`` ended training after a batch (the last
    epoch is then partial: its figures cover the rows trained on).
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    best_epoch: int = None
    stopped_early: bool = False
    interrupted: bool = False

    @property
    def epochs(self):
        """The number of epochs run."""
        return len(self.loss)


class Network:
    """A fully connected network of any depth, e.g. ``Network([784, 128, 10])`` (article 000).

    Parameters
    ----------
    sizes : list of ints
        The width of every layer, inputs first: [784, 128, 10] has 784 inputs,
        a hidden layer of 128 neurons and 10 outputs.
    hidden_activation, output_activation : str
        Names from ``nnscratch.activations.ACTIVATIONS``.
    loss : str
        A name from ``nnscratch.losses.LOSSES``. The cross-entropy losses need
        a softmax or sigmoid output.
    init : str
        A name from ``nnscratch.init.INITS``. The default, ``"xavier"``, trains
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
        What the last ``train`` call did: epochs, final loss and accuracy,
        seed, date, settings, and whether it was interrupted.

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

    def __init__(self, sizes, *, hidden_activation="sigmoid", output_activation="softmax",
                 loss="cross_entropy", init="xavier", seed=None):
        sizes = list(sizes) if isinstance(sizes, (list, tuple)) else sizes
        if not isinstance(sizes, list) or len(sizes) < 2 or any(
            isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in sizes
        ):
            raise TrainingError(
                "Network: sizes must list at least 2 layer widths, each a whole number >= 1, "
                "e.g. [784, 128, 10]; got %r" % (sizes,)
            )
        _lookup(ACTIVATIONS, hidden_activation, "hidden_activation")
        _lookup(ACTIVATIONS, output_activation, "output_activation")
        self._loss = _lookup(LOSSES, loss, "loss")
        if loss != "squared_error" and output_activation not in PROBABILITY_OUTPUTS:
            raise TrainingError(
                "Network: loss %r needs outputs between 0 and 1; use output_activation "
                "'softmax' (or 'sigmoid'), not %r" % (loss, output_activation)
            )
        draw = _lookup(INITS, init, "init")
        self.sizes = sizes
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation
        self.loss = loss
        self.init = init
        self.seed = seed
        self._rng = random.Random(seed)
        self.scaling = None
        self.classes = None
        self.columns = None
        self.metadata = {}
        self.layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
            weights, biases = draw(n_in, n_out, self._rng)
            activation = output_activation if i == len(sizes) - 2 else hidden_activation
            self.layers.append(Layer(weights, biases, activation))

    # ----- using a network -------------------------------------------------

    def forward(self, x):
        """Return the network's output for one sample: each layer's forward, in turn."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def predict(self, rows, workers=1):
        """Return one output row per input row.

        Rows go through in chunks in column layout; the numbers are those
        ``forward`` gives row by row (after ``scaling``, when the network has
        one). ``workers=N`` splits each chunk over N processes (see
        ``train``); it pays only for many rows of a wide network.
        """
        check_rows(rows, "rows", self.sizes[0], "the network's input width")
        _check_workers(workers)
        if self.scaling is not None:
            rows = self.scaling.apply(rows)
        if workers == 1:
            return self._outputs(rows)
        with WorkerPool(workers, self._factory()) as pool:
            return self._predict_chunks(rows, partial(pool.forward, self), PREDICT_CHUNK * workers)

    def _outputs(self, rows):
        """The output rows for rows already scaled: one by one for a few, else chunks in column layout."""
        if len(rows) < PREDICT_ROWS_ONE_BY_ONE:  # too few rows to pay for the column layout
            return [self.forward(x) for x in rows]
        return self._predict_chunks(rows, lambda columns: self._forward_columns(columns)[-1], PREDICT_CHUNK)

    @staticmethod
    def _predict_chunks(rows, forward, chunk):
        out = []
        for start in range(0, len(rows), chunk):
            out += _columns(forward(_columns(rows[start:start + chunk])))
        return out

    def _factory(self):
        """A picklable recipe for a network of this shape, for worker processes."""
        return partial(Network, self.sizes, hidden_activation=self.hidden_activation,
                       output_activation=self.output_activation, loss=self.loss, init=self.init, seed=0)

    def _forward_columns(self, columns):
        """Return every layer's activations for a batch in column layout, input first."""
        activations = [columns]
        for layer in self.layers:
            z = layer_columns(layer.weights, activations[-1], layer.biases)
            activations.append(_activate(layer._activation, z))
        return activations

    def evaluate(self, rows, labels):
        """Return the accuracy on rows: the fraction whose predicted class is the label's (rows as predict takes them).

        Article 000's ``Evaluate``. Labels are one-hot rows or class indexes;
        see ``nnscratch.metrics.accuracy`` for the rule.
        """
        return accuracy(self.predict(rows), labels)

    def confusion_matrix(self, rows, labels):
        """Return counts[true class][predicted class] over rows."""
        return confusion_matrix(self.predict(rows), labels, max(2, self.sizes[-1]))

    def to_dict(self):
        """Return this network as a model-file object (see ``nnscratch.modelfile``); a copy."""
        model = {
            "sizes": list(self.sizes),
            "hidden_activation": self.hidden_activation,
            "output_activation": self.output_activation,
            "loss": self.loss,
            "init": self.init,
            "seed": json_seed(self.seed),
            "layers": [{"activation": layer.activation, "weights": [list(row) for row in layer.weights],
                        "biases": list(layer.biases)} for layer in self.layers],
        }
        return document("network", model, self.classes, self.columns, self.scaling, self.metadata)

    def save(self, path):
        """Write the network to a JSON model file, atomically; ``nnscratch.load`` reads it back."""
        return write(path, self.to_dict())

    def __repr__(self):
        return "Network(%r, hidden_activation=%r, output_activation=%r, loss=%r)" % (
            self.sizes, self.hidden_activation, self.output_activation, self.loss
        )

    # ----- training ----------------------------------------------------------

    def train(self, inputs, targets, *, epochs, learning_rate, batch_size=None, optimizer="sgd",
              l2=0.0, shuffle=True, validation=None, validation_split=0.0, patience=None,
              on_epoch=None, reduction="mean", workers=1, normalize=False, stop=None):
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
            ``nnscratch.optimizers`` (such as ``Adam(0.01)``), which keeps its
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
        """
        _check_workers(workers)
        x, y, val = self._check_training(
            inputs, targets, epochs, learning_rate, batch_size, optimizer, l2,
            validation, validation_split, patience, reduction,
        )
        if normalize:
            self.scaling = MinMaxScaling(*min_max(x))
        if self.scaling is not None:
            x = self.scaling.apply(x)
            val = None if val is None else (self.scaling.apply(val[0]), val[1])
        settings = dict(epochs=epochs, learning_rate=learning_rate, batch_size=batch_size,
                        optimizer=optimizer, l2=l2, shuffle=shuffle, patience=patience,
                        on_epoch=on_epoch, reduction=reduction, stop=stop)
        if workers == 1:
            history = self._train(x, y, val, self._gradients, **settings)
        else:
            with WorkerPool(workers, self._factory()) as pool:
                history = self._train(x, y, val, partial(pool.gradients, self), **settings)
        self.metadata = {
            "epochs": history.epochs, "final_loss": history.loss[-1] if history.loss else None,
            "final_accuracy": history.accuracy[-1] if history.accuracy else None,
            "best_epoch": history.best_epoch, "stopped_early": history.stopped_early,
            "interrupted": history.interrupted, "seed": self.seed,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "optimizer": optimizer if isinstance(optimizer, str) else getattr(optimizer, "name", "custom"),
            "learning_rate": learning_rate, "batch_size": batch_size,
            "l2": l2, "reduction": reduction, "rows": len(x), "normalized": self.scaling is not None,
        }
        return history

    def _train(self, x, y, val, gradients, *, epochs, learning_rate, batch_size, optimizer, l2, shuffle,
               patience, on_epoch, reduction, stop):
        """The training loop of ``train``, after its checks; ``gradients`` backpropagates a batch."""
        n = len(x)
        batch_size = n if batch_size is None else min(batch_size, n)
        if isinstance(optimizer, str):
            step = OPTIMIZERS[optimizer](learning_rate).step
        else:  # an optimizer object, carried over from an earlier call
            optimizer.learning_rate = learning_rate
            step = optimizer.step
        params, decay = self._parameter_rows(l2)
        history = History()
        best_loss, best_weights, waited = math.inf, None, 0
        order = list(range(n))
        classes = _classes(_columns(y))  # each row's target class, for the accuracy
        # Without shuffling every epoch sees the same batches: lay them out once.
        fixed = None if shuffle else list(self._batches(x, y, classes, order, batch_size))

        for epoch in range(1, epochs + 1):
            if shuffle:
                self._rng.shuffle(order)
            before = self._copy_weights()
            loss_sum, hits, seen = 0.0, 0, 0
            for batch in fixed or self._batches(x, y, classes, order, batch_size):
                batch_loss, batch_hits, grads = gradients(*batch)
                if not math.isfinite(batch_loss):
                    self._diverged(epoch, learning_rate, before, history, batch_loss)
                scale = 1.0 / len(batch[2]) if reduction == "mean" else 1.0
                step(params, grads, scale, decay)
                loss_sum += batch_loss
                hits += batch_hits
                seen += len(batch[2])
                if stop is not None and stop():
                    history.interrupted = True
                    break
            if not self._weights_finite():
                self._diverged(epoch, learning_rate, before, history, math.nan)
            history.loss.append(loss_sum / seen)
            history.accuracy.append(hits / seen)

            if val is not None:
                val_loss, val_accuracy = self._score(*val)
                history.val_loss.append(val_loss)
                history.val_accuracy.append(val_accuracy)
                if patience is not None:
                    if val_loss < best_loss:
                        best_loss, best_weights, waited = val_loss, self._copy_weights(), 0
                        history.best_epoch = epoch
                    else:
                        waited += 1
                        if waited >= patience:
                            history.stopped_early = True
            if on_epoch is not None and on_epoch(epoch, history) is False:
                break
            if history.stopped_early or history.interrupted:
                break

        if best_weights is not None:
            self._set_weights(best_weights)
        return history

    @staticmethod
    def _batches(x, y, classes, order, batch_size):
        """Yield each batch of rows in ``order`` as (input columns, target columns, target classes)."""
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            yield (_columns([x[i] for i in batch]), _columns([y[i] for i in batch]),
                   [classes[i] for i in batch])

    def _gradients(self, inputs, targets, classes):
        """Backpropagate one batch given in column layout; return (summed loss, correct count, gradients).

        ``classes`` holds each sample's target class. The gradient rows come in
        the order of ``_parameter_rows``: for each layer, one row per neuron's
        weights, then the row of biases.
        """
        layers = self.layers
        # Forward, in column layout: every layer's activations for the whole batch.
        activations = self._forward_columns(inputs)
        outputs = activations[-1]  # one column per output neuron

        # Output: the loss (a sum of one term per output, so it can take columns),
        # the correct count, and Delta = dL/dZ.
        loss = self._loss
        total = sum([loss.function(a, t) for a, t in zip(outputs, targets)])
        hits = sum(map(eq, _classes(outputs), classes))
        combined = COMBINED.get((self.output_activation, self.loss))
        if combined is not None:
            deltas = [combined(a, t) for a, t in zip(outputs, targets)]  # e.g. A - Y
        else:
            gradient = loss.gradient
            deltas = _chain(layers[-1]._activation,
                            outputs, [gradient(a, t) for a, t in zip(outputs, targets)])

        # Backward: the gradients of each layer, last layer first.
        grads = []
        for l in range(len(layers) - 1, -1, -1):
            inputs = activations[l]  # this layer's input, one column per input
            grads[:0] = dot_table(deltas, inputs) + [[sum(d) for d in deltas]]
            if l > 0:
                transposed = _columns(layers[l].weights)  # W^T: one row per input
                errors = layer_columns(transposed, deltas)  # W^T . Delta
                deltas = _chain(layers[l - 1]._activation, inputs, errors)
        return total, hits, grads

    def _score(self, rows, targets):
        """Return (mean loss, accuracy) of the network on rows (already scaled)."""
        outputs = self._outputs(rows)
        f = self._loss.function
        return sum([f(a, t) for a, t in zip(outputs, targets)]) / len(rows), accuracy(outputs, targets)

    def _parameter_rows(self, l2):
        """Return every layer's weight rows and bias row, and each row's L2 coefficient."""
        params, decay = [], []
        for layer in self.layers:
            params += layer.weights + [layer.biases]
            decay += [l2] * len(layer.weights) + [0.0]
        return params, (decay if l2 else None)

    def _copy_weights(self):
        return [([list(w) for w in layer.weights], list(layer.biases)) for layer in self.layers]

    def _set_weights(self, saved):
        """Copy saved weights back into the layers' own rows (the optimizer holds those)."""
        for layer, (weights, biases) in zip(self.layers, saved):
            for row, values in zip(layer.weights, weights):
                row[:] = values
            layer.biases[:] = biases

    def _weights_finite(self):
        return all(
            math.isfinite(sum(row)) for layer in self.layers for row in layer.weights + [layer.biases]
        )

    def _diverged(self, epoch, learning_rate, before, history, loss):
        self._set_weights(before)
        error = TrainingError(
            "training diverged in epoch %d: the loss became %r. Try a smaller learning_rate "
            "than %r. The weights are back to those before epoch %d."
            % (epoch, loss, learning_rate, epoch)
        )
        error.history = history
        raise error

    def _check_training(self, inputs, targets, epochs, learning_rate, batch_size, optimizer, l2,
                        validation, validation_split, patience, reduction):
        """Check every argument of train before any work; return (x, y, validation)."""
        n_in, n_out = self.sizes[0], self.sizes[-1]
        check_rows(inputs, "inputs", n_in, "the network's input width")
        check_rows(targets, "targets", n_out, "the network's output width")
        check_same_count(inputs, targets, "inputs", "targets")

        def whole(name, value, low):
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise TrainingError("train: %s must be a whole number >= %d, got %r" % (name, low, value))

        def number(name, value, positive):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or value < 0 or (positive and value == 0):
                raise TrainingError("train: %s must be a finite number %s 0, got %r"
                                    % (name, ">" if positive else ">=", value))

        whole("epochs", epochs, 0)
        number("learning_rate", learning_rate, True)
        number("l2", l2, False)
        if batch_size is not None:
            whole("batch_size", batch_size, 1)
        if isinstance(optimizer, str) or not callable(getattr(optimizer, "step", None)):
            _lookup(OPTIMIZERS, optimizer, "optimizer")
        if reduction not in ("mean", "sum"):
            raise TrainingError("train: reduction must be 'mean' or 'sum', got %r" % (reduction,))
        if patience is not None:
            whole("patience", patience, 1)
        number("validation_split", validation_split, False)
        if validation_split >= 1:
            raise TrainingError("train: validation_split must be below 1, got %r" % (validation_split,))
        if validation is not None and validation_split:
            raise TrainingError("train: give validation or validation_split, not both")

        x, y = inputs, targets
        if validation is not None:
            try:
                val_x, val_y = validation
            except (TypeError, ValueError):
                raise TrainingError("train: validation must be a pair (rows, targets)") from None
            check_rows(val_x, "validation rows", n_in, "the network's input width")
            check_rows(val_y, "validation targets", n_out, "the network's output width")
            check_same_count(val_x, val_y, "validation rows", "validation targets")
            validation = (val_x, val_y)
        elif validation_split:
            n_val = int(round(len(x) * validation_split))
            if not 0 < n_val < len(x):
                raise TrainingError(
                    "train: validation_split=%r of %d rows leaves %d for validation; "
                    "both parts need at least one row" % (validation_split, len(x), n_val)
                )
            order = list(range(len(x)))
            self._rng.shuffle(order)
            keep, held = order[n_val:], order[:n_val]
            validation = ([x[i] for i in held], [y[i] for i in held])
            x, y = [x[i] for i in keep], [y[i] for i in keep]
        if patience is not None and validation is None:
            raise TrainingError("train: patience needs validation rows (validation= or validation_split=)")
        return x, y, validation
