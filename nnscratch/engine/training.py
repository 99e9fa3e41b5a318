"""The engine's training loop: batches, optimizer steps, validation, early stopping, divergence.

``Network.train`` calls ``train`` here. One epoch:

    for each batch of the (shuffled) rows:
        loss, hits, grads = backpropagate the batch      (``backprop.gradients``)
        the optimizer moves every weight against its gradient
    score the validation rows; keep the best weights when early stopping

A batch's gradient comes from this process, or from a ``WorkerPool`` of
several (``workers=N``), which adds the parts in a fixed order.
"""

import math
import time
from dataclasses import dataclass, field
from functools import partial

from .._checks import check_choice, check_number, check_rows, check_same_count, check_whole, is_whole
from ..errors import TrainingError
from ..maths.losses import LOSSES
from ..maths.metrics import accuracy
from ..maths.optimizers import OPTIMIZERS
from ..maths.scaling import MinMaxScaling, min_max
from ..svg import history_charts, side_by_side
from . import backprop
from .kernels import DEFAULT, FORMS
from .layer import Layer
from .live import live_view
from .parallel import WorkerFunctions, WorkerPool

__all__ = ["History", "train", "fit", "batches", "validate", "parameter_rows", "copy_weights", "set_weights",
           "predict_in_workers", "worker_functions"]


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

    >>> History(loss=[0.9, 0.5]).epochs
    2
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

    def _repr_svg_(self):
        """The curves a notebook shows: loss and accuracy per epoch, training and validation rows."""
        return side_by_side(history_charts(self.loss, self.accuracy, self.val_loss, self.val_accuracy),
                            "loss and accuracy per epoch")


def parameter_rows(layers):
    """Every layer's weight rows, then its bias row: the rows the optimizer and the workers update."""
    rows = []
    for layer in layers:
        rows += layer.weights + [layer.biases]
    return rows


#: The most worker processes ``workers`` may ask for.
MAX_WORKERS = 256


def check_workers(workers):
    """Return workers if it is a whole number from 1 to MAX_WORKERS, else raise TrainingError."""
    if is_whole(workers) and workers > MAX_WORKERS:
        raise TrainingError("workers must be at most %d, got %d" % (MAX_WORKERS, workers))
    return check_whole(workers, "workers", 1)


def train(net, inputs, targets, *, epochs, learning_rate, batch_size=None, optimizer="sgd", l2=0.0,
          shuffle=True, validation=None, validation_split=0.0, patience=None, on_epoch=None,
          reduction="mean", workers=1, normalize=False, stop=None, live=True):
    """Train ``net`` in place (the arguments are ``Network.train``'s); return a ``History``."""
    check_workers(workers)
    x, y, val = _check_training(net, inputs, targets, epochs, learning_rate, batch_size, optimizer, l2,
                                validation, validation_split, patience, reduction)
    if normalize:
        net.scaling = MinMaxScaling(*min_max(x, net.columns))
    if net.scaling is not None:
        x = net.scaling.apply(x)
        val = None if val is None else (net.scaling.apply(val[0]), val[1])
    settings = dict(epochs=epochs, learning_rate=learning_rate, batch_size=batch_size, optimizer=optimizer,
                    l2=l2, shuffle=shuffle, patience=patience, on_epoch=on_epoch, reduction=reduction,
                    stop=stop)
    local = partial(backprop.gradients, net.layers, net.loss, kernels=net.kernels)
    view = live_view(epochs) if live else None
    if view is not None:
        settings["on_epoch"] = view.wrap(on_epoch)
    try:
        if workers == 1:
            history = fit(net, x, y, val, local, **settings)
        else:
            with WorkerPool(workers, _recipe(net)) as pool:
                history = fit(net, x, y, val, partial(_pooled, pool, net.layers, local), **settings)
    except BaseException as error:  # Ctrl-C or a diverged run: the view says where it stopped
        if view is not None:
            view.finish(error)
        raise
    if view is not None:
        view.finish()
    net.metadata = _metadata(net, history, settings, len(x))
    return history


def predict_in_workers(net, rows, workers, chunk):
    """The output rows of ``net`` for rows already scaled, each chunk split over ``workers`` processes."""
    forward = partial(backprop.forward_columns, net.layers, kernels=net.kernels)
    with WorkerPool(workers, _recipe(net)) as pool:
        return backprop.in_chunks(rows, lambda columns: pool.forward(
            parameter_rows(net.layers), lambda c: forward(c)[-1], columns), chunk, net.kernels.swap_layout)


def _recipe(net):
    """A picklable recipe that builds, in a worker process, the functions of a network of this shape."""
    return partial(worker_functions, net.sizes, net.hidden_activation, net.output_activation, net.loss,
                   net.kernels.form)


def worker_functions(sizes, hidden_activation, output_activation, loss, form=DEFAULT.form):
    """Build layers of this shape and return their ``WorkerFunctions``, for a worker process.

    ``form`` names the kernels (``kernels.FORMS``) the worker computes with: the network's own.
    """
    kernels = FORMS[form]
    layers = [Layer([[0.0] * n_in for _ in range(n_out)], [0.0] * n_out,
                    output_activation if i == len(sizes) - 2 else hidden_activation)
              for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]))]

    def load(rows):
        rows = iter(rows)
        for layer in layers:
            layer.weights = [next(rows) for _ in layer.weights]
            layer.biases = next(rows)

    return WorkerFunctions(
        load=load,
        gradients=partial(backprop.gradients, layers, loss, kernels=kernels),
        forward=lambda columns: backprop.forward_columns(layers, columns, kernels)[-1],
        lengths=[len(row) for row in parameter_rows(layers)],
    )


def _pooled(pool, layers, local, inputs, targets, classes):
    """A batch's gradients from the pool, with this process's share from ``local``."""
    return pool.gradients(parameter_rows(layers), local, inputs, targets, classes)


def _metadata(net, history, settings, rows):
    """What training did: epochs summed over every ``train`` call, the rest from this one."""
    before = net.metadata or {}
    earlier = before.get("epochs", 0) if isinstance(before.get("epochs"), int) else 0
    optimizer = settings["optimizer"]
    return {
        "epochs": earlier + history.epochs, "train_calls": before.get("train_calls", 0) + 1,
        "final_loss": history.loss[-1] if history.loss else before.get("final_loss"),
        "final_accuracy": history.accuracy[-1] if history.accuracy else before.get("final_accuracy"),
        "best_epoch": None if history.best_epoch is None else earlier + history.best_epoch,
        "stopped_early": history.stopped_early, "interrupted": history.interrupted, "seed": net.seed,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "optimizer": optimizer if isinstance(optimizer, str) else getattr(optimizer, "name", "custom"),
        "learning_rate": settings["learning_rate"], "batch_size": settings["batch_size"],
        "l2": settings["l2"], "reduction": settings["reduction"], "rows": rows,
        "normalized": net.scaling is not None,
    }


def fit(net, x, y, val, gradients, *, epochs, learning_rate, batch_size, optimizer, l2, shuffle,
         patience, on_epoch, reduction, stop):
    """The loop of ``train``, after its checks; ``gradients`` backpropagates a batch."""
    n = len(x)
    batch_size = n if batch_size is None else min(batch_size, n)
    step = _optimizer_step(optimizer, learning_rate)
    params = parameter_rows(net.layers)
    decay = []  # each parameter row's L2 coefficient, in the order of params
    for layer in net.layers:
        decay += [l2] * len(layer.weights) + [0.0]  # biases are not decayed
    swap = net.kernels.swap_layout
    history = History()
    best = _Best()
    order = list(range(n))
    classes = backprop.predicted_classes(swap(y), net.kernels)  # each row's target class
    # Without shuffling every epoch sees the same batches: lay them out once.
    fixed = None if shuffle else list(batches(x, y, classes, order, batch_size, swap))

    for epoch in range(1, epochs + 1):
        if shuffle:
            net.rng.shuffle(order)
        before = copy_weights(net.layers)
        loss_sum, hits, seen = 0.0, 0, 0
        for batch in fixed or batches(x, y, classes, order, batch_size, swap):
            batch_loss, batch_hits, grads = gradients(*batch)
            if not math.isfinite(batch_loss):
                _diverged(net, epoch, learning_rate, before, history, batch_loss)
            step(params, grads, 1.0 / len(batch[2]) if reduction == "mean" else 1.0, decay if l2 else None)
            loss_sum, hits, seen = loss_sum + batch_loss, hits + batch_hits, seen + len(batch[2])
            if stop is not None and stop():
                history.interrupted = True
                break
        if not _weights_finite(net.layers):
            _diverged(net, epoch, learning_rate, before, history, math.nan)
        history.loss.append(loss_sum / seen)
        history.accuracy.append(hits / seen)
        if val is not None:
            validate(net, val, patience, epoch, history, best)
        if on_epoch is not None and on_epoch(epoch, history) is False:
            break
        if history.stopped_early or history.interrupted:
            break

    if best.weights is not None:
        set_weights(net.layers, best.weights)
    return history


class _Best:
    """Early stopping's memory: the best validation loss, its weights, and epochs waited since."""

    def __init__(self):
        self.loss, self.weights, self.waited = math.inf, None, 0


def validate(net, val, patience, epoch, history, best):
    """Score the validation rows after an epoch; track the best epoch for early stopping."""
    outputs = net.forward_rows(val[0])
    f = LOSSES[net.loss].function
    val_loss = sum([f(a, t) for a, t in zip(outputs, val[1])]) / len(val[0])
    history.val_loss.append(val_loss)
    history.val_accuracy.append(accuracy(outputs, val[1]))
    if patience is None:
        return
    if val_loss < best.loss:
        best.loss, best.weights, best.waited = val_loss, copy_weights(net.layers), 0
        history.best_epoch = epoch
    else:
        best.waited += 1
        if best.waited >= patience:
            history.stopped_early = True


def _optimizer_step(optimizer, learning_rate):
    """The step function of a named optimizer, or of an optimizer object carried over from an earlier call."""
    if isinstance(optimizer, str):
        return OPTIMIZERS[optimizer](learning_rate).step
    optimizer.learning_rate = learning_rate
    return optimizer.step


def batches(x, y, classes, order, batch_size, swap):
    """Yield each batch of rows in ``order`` as (input columns, target columns, target classes)."""
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        yield swap([x[i] for i in batch]), swap([y[i] for i in batch]), [classes[i] for i in batch]


def copy_weights(layers):
    """A copy of every layer's (weights, biases)."""
    return [([list(w) for w in layer.weights], list(layer.biases)) for layer in layers]


def set_weights(layers, saved):
    """Copy saved weights back into the layers' own rows (the optimizer holds those)."""
    for layer, (weights, biases) in zip(layers, saved):
        for row, values in zip(layer.weights, weights):
            row[:] = values
        layer.biases[:] = biases


def _weights_finite(layers):
    return all(math.isfinite(sum(row)) for row in parameter_rows(layers))


def _diverged(net, epoch, learning_rate, before, history, loss):
    set_weights(net.layers, before)
    error = TrainingError(
        "training diverged in epoch %d: the loss became %r. Try a smaller learning_rate "
        "than %r. The weights are back to those before epoch %d." % (epoch, loss, learning_rate, epoch)
    )
    error.history = history
    raise error


def _check_training(net, inputs, targets, epochs, learning_rate, batch_size, optimizer, l2,
                    validation, validation_split, patience, reduction):
    """Check every argument of train before any work; return (x, y, validation)."""
    n_in, n_out = net.n_inputs, net.n_outputs
    check_rows(inputs, "inputs", n_in, "the network's input width")
    check_rows(targets, "targets", n_out, "the network's output width")
    check_same_count(inputs, targets, "inputs", "targets")
    check_whole(epochs, "train: epochs", 0)
    check_number(learning_rate, "train: learning_rate", positive=True)
    check_number(l2, "train: l2")
    if batch_size is not None:
        check_whole(batch_size, "train: batch_size", 1)
    if isinstance(optimizer, str) or not callable(getattr(optimizer, "step", None)):
        check_choice(optimizer, OPTIMIZERS, "optimizer")
    if reduction not in ("mean", "sum"):
        raise TrainingError("train: reduction must be 'mean' or 'sum', got %r" % (reduction,))
    if patience is not None:
        check_whole(patience, "train: patience", 1)
    check_number(validation_split, "train: validation_split")
    if validation_split >= 1:
        raise TrainingError("train: validation_split must be below 1, got %r" % (validation_split,))
    if validation is not None and validation_split:
        raise TrainingError("train: give validation or validation_split, not both")
    x, y = inputs, targets
    if validation is not None:
        validation = _check_validation(validation, n_in, n_out)
    elif validation_split:
        x, y, validation = _split(net.rng, x, y, validation_split)
    if patience is not None and validation is None:
        raise TrainingError("train: patience needs validation rows (validation= or validation_split=)")
    return x, y, validation


def _check_validation(validation, n_in, n_out):
    try:
        val_x, val_y = validation
    except (TypeError, ValueError):
        raise TrainingError("train: validation must be a pair (rows, targets)") from None
    check_rows(val_x, "validation rows", n_in, "the network's input width")
    check_rows(val_y, "validation targets", n_out, "the network's output width")
    check_same_count(val_x, val_y, "validation rows", "validation targets")
    return val_x, val_y


def _split(rng, x, y, validation_split):
    """Hold out a seeded random fraction of the rows: (x, y, (held x, held y))."""
    n_val = int(round(len(x) * validation_split))
    if not 0 < n_val < len(x):
        raise TrainingError(
            "train: validation_split=%r of %d rows leaves %d for validation; "
            "both parts need at least one row" % (validation_split, len(x), n_val)
        )
    order = list(range(len(x)))
    rng.shuffle(order)
    keep, held = order[n_val:], order[:n_val]
    return [x[i] for i in keep], [y[i] for i in keep], ([x[i] for i in held], [y[i] for i in held])
