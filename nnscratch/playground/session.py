"""One playground session: the data, the network, its training, and what the page draws.

The page's Web Worker runs this module inside Pyodide; the tests run it in
CPython. Everything crossing to JavaScript is plain JSON-able data.

    session = Session()
    session.configure(dataset="xor", hidden=[4], activation="tanh")
    state = session.train_for(0.15)   # as many epochs as fit in 0.15 s (at least one)
    state["epochs"], state["loss"]     # the curves (at most MAX_POINTS points, however long it trains)
    state["field"]                     # the decision field, for 2-D data
    text = session.export()            # a model file nnscratch.load reads: every epoch, the settings
    session.export_name()              # "nnscratch-xor-4-tanh-epoch1368.json"
    code = session.code("forward")     # "Show the code": the reading path's code beside the engine's

``configure`` checks every setting as the page's fields do, and refuses a bad
one with a ``TrainingError`` that names it: nothing is coerced.
"""

import inspect
import json
import time
from pathlib import Path

import math

from .._checks import check_choice, is_number, is_whole
from ..data.builtin import TOY_SETS, load_digits, load_iris, toy_dataset
from ..data.tables import train_test_split
from ..engine import backprop
from ..engine.kernels import DEFAULT
from ..engine.network import Network
from ..errors import DataError, NNScratchError, TrainingError
from ..files.modelfile import dumps
from ..maths.activations import ACTIVATIONS
from ..maths.optimizers import OPTIMIZERS
from ..reading import gophernet, mlp

__all__ = ["Session", "Curves", "checked_settings", "field_rules", "DEFAULTS", "OUTPUTS", "PARTS",
           "FIELD_SIZE", "FIELD_RANGE", "MAX_POINTS", "NUMBERS"]

DEFAULTS = {
    "dataset": "xor", "noise": 0.0, "points": 200, "hidden": [4], "activation": "tanh",
    "output": "softmax", "learning_rate": 0.03, "optimizer": "adam", "batch_size": 16, "l2": 0.0, "seed": 0,
}
#: The hidden activations the page offers (softmax mixes a layer's neurons: an output only).
_ACTIVATIONS = [name for name in ACTIVATIONS if name != "softmax"]
#: Output activation -> its loss.
OUTPUTS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy",
           "sigmoid+squared_error": "squared_error"}
#: The decision field: a FIELD_SIZE x FIELD_SIZE grid over [-FIELD_RANGE, FIELD_RANGE]^2.
FIELD_SIZE, FIELD_RANGE = 40, 1.5
#: Digits shown with their predicted class.
DIGITS_SHOWN = 12
#: The most points a curve sends to the page: an hour of training draws as fast as a minute.
MAX_POINTS = 1000
#: The curves, each a value per epoch kept.
CURVES = ("loss", "accuracy", "val_loss", "val_accuracy")
#: Each number setting: (whole number?, lowest, highest, what the page's field says it is).
NUMBERS = {
    "noise": (False, 0.0, 1.0, "a number from 0 to 1"),
    "points": (True, 20, 2000, "a whole number from 20 to 2000"),
    "learning_rate": (False, 5e-324, 10.0, "a number above 0, at most 10"),  # the least float above 0
    "batch_size": (True, 0, 100000, "a whole number, 0 for all the rows at once"),
    "l2": (False, 0.0, 1.0, "a number from 0 to 1"),
    "seed": (True, 0, 2 ** 31 - 1, "a whole number from 0"),
}
#: Hidden layers: at most this many, each of at most this many neurons.
MAX_HIDDEN_LAYERS, MAX_HIDDEN_WIDTH = 8, 256

#: The parts of a training step the code panel shows.
PARTS = ("forward", "backpropagate", "optimizer")
#: Each part in one line, above its two columns of code.
SUMMARIES = {
    "forward": "Each layer, from the inputs to the outputs: z = W . a + b, then a = f(z).",
    "backpropagate": "From the output error back through the weights: delta = dL/dz of each layer, "
                     "then dL/dW = delta . (the layer's inputs) and dL/db = delta.",
}
OPTIMIZER_SUMMARIES = {
    "sgd": "Move every weight against its gradient: w -= lr * g.",
    "momentum": "Keep a running velocity of the steps: v = mu * v - lr * g; w += v.",
    "adam": "Scale each weight's step by running means of its gradient and of its square: "
            "w -= lr * m_hat / (sqrt(v_hat) + eps).",
}
READING_HEADING = "The article's code (reading path)"
ENGINE_HEADING = "What runs here (fast engine)"
READING_NOTE = ("nnscratch.reading: the Go articles' code written in Python as they write it, plain loops "
                "and nothing tuned. It computes the same numbers as the engine (a test checks it).")
ENGINE_NOTE = ("nnscratch.engine, which this page trains with: a whole batch at once in column layout "
               "(A[j] holds neuron j's value for every sample), any depth, activation and loss, with the "
               "multiply-add kernels of this interpreter (the %s form).")
#: The reading path's code of each part: (function, the article and section it mirrors).
READING = {
    "forward": [
        (mlp.Layer.forward,
         'Article 000, "Forward Propagation": Layer.Forward starts each neuron\'s sum at its bias, adds '
         "weight * input, applies the activation; one sample, one layer."),
        (gophernet.feed_forward,
         'Article 001, "Implementing Backpropagation": hiddenLayerInput.Mul(x, wHidden), '
         "Apply(addBHidden), Apply(applySigmoid), then the same for the output layer; the whole batch "
         "as matrices, one row per sample."),
    ],
    "backpropagate": [
        (gophernet.NeuralNet.backpropagate,
         'Article 001, "Implementing Backpropagation": networkError = y - output, dOutput = '
         "networkError * slope, errorAtHiddenLayer = dOutput . wOut^T, dHiddenLayer, then "
         "wOutAdj = hiddenLayerActivations^T . dOutput and bOutAdj = sumAlongAxis(0, dOutput); "
         "one hidden layer, sigmoids, the whole batch."),
        (mlp.Network.gradients,
         "Article 000's BackPropagate, which the article names but does not show: the textbook steps "
         "in its style, any depth, one sample."),
        (mlp.Network.delta_below, "The error sent back to the layer below (article 001's "
                                   "errorAtHiddenLayer times the slope), neuron by neuron."),
    ],
    "optimizer": [
        (mlp.Network.update,
         'The articles\' only step: article 001 adds lr * wOutAdj to wOut ("wOut.Add(wOut, wOutAdj)"); '
         "here, as a gradient, w -= lr * dL/dw."),
    ],
}
#: What the reading column says of an optimizer the articles do not write.
NOT_IN_THE_ARTICLES = ('The articles write only the plain step below. %s is one of article 002\'s '
                       '"Improvement Directions" ("optimizers (e.g., Adam)"): the engine has it, the '
                       "reading path does not.")


class Session:
    """The playground's state: configure, train, draw, export."""

    def __init__(self):
        self.settings = None
        self.net = None

    # ----- setting up -------------------------------------------------------------------

    def configure(self, **settings):
        """Make the data and a fresh network from the settings (missing ones take DEFAULTS); return a summary.

        Raises ``TrainingError`` for an unknown output or optimizer, ``DataError`` for an unknown dataset.
        """
        s = checked_settings(settings)
        data, self.kind = self._data(s)
        train_x, val_x, train_y, val_y = train_test_split(data.inputs, data.labels, test_fraction=0.2,
                                                          seed=int(s["seed"]))
        self.train_x, self.train_y, self.val_x, self.val_y = train_x, train_y, val_x, val_y
        self.classes, self.columns = data.classes, data.columns
        output = "sigmoid" if s["output"].startswith("sigmoid") else "softmax"
        sizes = [len(data.columns)] + s["hidden"] + [len(data.classes)]
        init = "he" if s["activation"] in ("relu", "leaky_relu") else "xavier"
        self.net = Network(sizes, hidden_activation=s["activation"], output_activation=output,
                           loss=OUTPUTS[s["output"]], init=init, seed=int(s["seed"]))
        self.net.classes, self.net.columns = list(data.classes), list(data.columns)
        self.optimizer = OPTIMIZERS[s["optimizer"]](float(s["learning_rate"]))
        self.curves = Curves()
        self.epoch = 0
        self.train_seconds = 0.0
        self.settings = s
        return {"settings": s, "kind": self.kind, "sizes": sizes, "classes": self.classes,
                "points": self._points(), "state": self.state()}

    def configure_json(self, text):
        """``configure`` with the settings as a JSON object (how the page's worker sends them); a
        setting that is null takes its default."""
        settings = json.loads(text)
        if not isinstance(settings, dict):
            raise TrainingError("the settings must be a JSON object, got %s" % type(settings).__name__)
        return self.configure(**settings)

    def _data(self, s):
        name = s["dataset"]
        if name in TOY_SETS:
            return toy_dataset(name, int(s["points"]), float(s["noise"]), int(s["seed"])), "toy"
        if name == "iris":
            return load_iris(), "iris"
        if name == "digits":
            data = load_digits()
            return data._replace(inputs=[[v / 16.0 for v in row] for row in data.inputs]), "digits"
        raise DataError("unknown dataset %r" % name)

    def _points(self):
        """For 2-D data, the points to draw: [x, y, class, is_validation]."""
        if self.kind != "toy":
            return []
        def rows(xs, ys, val):
            return [[x[0], x[1], y.index(1.0), val] for x, y in zip(xs, ys)]
        return rows(self.train_x, self.train_y, 0) + rows(self.val_x, self.val_y, 1)

    # ----- training ----------------------------------------------------------------------

    def step(self):
        """Train one epoch; return the state."""
        return self.train_for(0.0)

    def train_for(self, seconds):
        """Train epoch after epoch until ``seconds`` have passed (at least one epoch); return the state."""
        s = self.settings
        deadline = time.perf_counter() + seconds
        while True:
            start = time.perf_counter()
            h = self.net.train(self.train_x, self.train_y, epochs=1, learning_rate=float(s["learning_rate"]),
                               batch_size=int(s["batch_size"]) or None, optimizer=self.optimizer,
                               l2=float(s["l2"]), validation=(self.val_x, self.val_y),
                               normalize=self.kind == "iris" and self.epoch == 0)
            self.train_seconds += time.perf_counter() - start
            self.epoch += 1
            self.curves.add(self.epoch, {key: getattr(h, key)[-1] for key in CURVES})
            if time.perf_counter() >= deadline:
                return self.state()

    # ----- what the page draws --------------------------------------------------------------

    def state(self):
        """Everything the page draws now: curves, field or digits, weights."""
        out = dict(self.curves.state(), epoch=self.epoch, seconds=self.train_seconds,
                   weights=[layer.weights for layer in self.net.layers],
                   activations=[layer.activation for layer in self.net.layers])
        if self.kind == "toy":
            out["field"] = self.field()
        if self.kind == "digits":
            shown = self.val_x[:DIGITS_SHOWN]
            predictions = self.net.predict(shown)
            out["digits"] = [{"pixels": x, "predicted": self.classes[p.index(max(p))],
                              "true": self.classes[y.index(1.0)]}
                             for x, p, y in zip(shown, predictions, self.val_y)]
        return out

    def field(self):
        """The chance of class 1 over the grid, row by row from the top (y = +FIELD_RANGE) down."""
        step = 2 * FIELD_RANGE / (FIELD_SIZE - 1)
        grid = [[-FIELD_RANGE + step * i, FIELD_RANGE - step * j]
                for j in range(FIELD_SIZE) for i in range(FIELD_SIZE)]
        outputs = self.net.predict(grid)
        return [o[1] / ((o[0] + o[1]) or 1.0) for o in outputs]

    def export(self):
        """The trained network as a model file (JSON text), as ``Network.save`` writes it; its training
        record has every epoch since the last configure (the engine adds up its train calls), and the
        page's settings: the dataset, its noise and points, the hidden layers, activation and output."""
        s, metadata = self.settings, self.net.metadata
        self.net.metadata = dict(metadata or {}, source="nnscratch playground", dataset=s["dataset"],
                                 noise=s["noise"], points=s["points"],
                                 hidden=", ".join(map(str, s["hidden"])), activation=s["activation"],
                                 output=s["output"])
        try:
            return dumps(self.net.to_dict()) + "\n"
        finally:
            self.net.metadata = metadata

    def export_name(self):
        """A file name that says what the export is: the dataset, the layers, the activation, the epochs.

        >>> session = Session()
        >>> _ = session.configure(dataset="moons", hidden=[8, 8])
        >>> session.export_name()
        'nnscratch-moons-8-8-tanh-epoch0.json'
        """
        s = self.settings
        layers = "-".join(map(str, s["hidden"])) or "no-hidden"
        return "nnscratch-%s-%s-%s-epoch%d.json" % (s["dataset"], layers, s["activation"], self.epoch)

    def code(self, part):
        """The source of one training step ("forward", "backpropagate", "optimizer"), in two columns.

        ``reading``: the articles' code from ``nnscratch.reading``, each piece
        with the article and section it mirrors; ``engine``: what this session
        trains with. Every piece is the live function's source, with its file
        and first line.
        """
        check_choice(part, dict.fromkeys(PARTS), "code part", error=NNScratchError)
        kernels = self.net.kernels if self.net is not None else DEFAULT
        name = self.settings["optimizer"] if self.settings else DEFAULTS["optimizer"]
        reading_note = READING_NOTE
        if part == "forward":
            summary = SUMMARIES[part]
            engine = [
                (backprop.forward_columns,
                 "Every layer for the whole batch, keeping each layer's activations for backpropagation."),
                (kernels.layer_columns,
                 "kernels.layer_columns, the %s form: Z = W . A + b for every sample of the batch."
                 % kernels.form),
            ]
        elif part == "backpropagate":
            summary = SUMMARIES[part]
            engine = [
                (backprop.gradients,
                 "Any depth, activation and loss; Delta = dL/dZ is the negative of article 001's dOutput "
                 "(the engine subtracts gradients, the article adds adjustments)."),
                (kernels.dot_table,
                 "kernels.dot_table, the %s form: the weight gradients, Delta . A^T summed over the batch "
                 "(article 001's hiddenLayerActivations^T . dOutput)." % kernels.form),
            ]
        else:
            summary = OPTIMIZER_SUMMARIES[name]
            cls = OPTIMIZERS[name]
            engine = [(cls.step, "The %s step the training loop calls after each batch, on every row of "
                                 "weights and biases in place." % cls.__name__)]
            if name != "sgd":
                reading_note = NOT_IN_THE_ARTICLES % cls.__name__
        return {
            "part": part, "summary": summary,
            "reading": {"heading": READING_HEADING, "note": reading_note,
                        "pieces": [_piece(f, note) for f, note in READING[part]]},
            "engine": {"heading": ENGINE_HEADING, "note": ENGINE_NOTE % kernels.form,
                       "pieces": [_piece(f, note) for f, note in _with_helpers(engine)]},
        }


def checked_settings(settings):
    """The settings (DEFAULTS for those missing), each checked as the page's field checks it.

    A bad value raises ``TrainingError`` naming the setting and saying what it takes; nothing is
    coerced (2.5 points is refused, not made 2).

    >>> checked_settings({"hidden": [8, 8], "seed": 3})["hidden"]
    [8, 8]
    >>> checked_settings({"learning_rate": 0})
    Traceback (most recent call last):
    ...
    nnscratch.errors.TrainingError: learning_rate: expected a number above 0, at most 10, got 0
    """
    unknown = sorted(set(settings) - set(DEFAULTS))
    if unknown:
        raise TrainingError("unknown setting %r" % unknown[0])
    s = dict(DEFAULTS)
    s.update({k: v for k, v in settings.items() if v is not None})
    for name, (whole, low, high, what) in NUMBERS.items():
        value = s[name]
        if not (is_whole(value) if whole else is_number(value) and math.isfinite(value)) \
                or not low <= value <= high:
            raise TrainingError("%s: expected %s, got %r" % (name, what, value))
    hidden = s["hidden"]
    if not isinstance(hidden, (list, tuple)) or len(hidden) > MAX_HIDDEN_LAYERS or not all(
            is_whole(h) and 1 <= h <= MAX_HIDDEN_WIDTH for h in hidden):
        raise TrainingError("hidden: expected %s, got %r" % (field_rules()["hidden"]["says"], hidden))
    s["hidden"] = list(hidden)
    for name, table in (("output", OUTPUTS), ("optimizer", OPTIMIZERS), ("activation", _ACTIVATIONS)):
        if s[name] not in table:
            raise TrainingError("unknown %s %r; choose one of %s" % (name, s[name], ", ".join(table)))
    return s


def field_rules():
    """What each setting of the page takes, for its fields to check as they change (JSON-able).

    The page checks a field with these rules, and ``checked_settings`` checks the settings again
    with the same ones: the rules are written once, here.

    >>> field_rules()["points"]
    {'whole': True, 'low': 20, 'high': 2000, 'says': 'a whole number from 20 to 2000'}
    """
    rules = {name: {"whole": whole, "low": low, "high": high, "says": says}
             for name, (whole, low, high, says) in NUMBERS.items()}
    rules["hidden"] = {"layers": MAX_HIDDEN_LAYERS, "width": MAX_HIDDEN_WIDTH,
                       "says": "layer sizes from 1 to %d, such as 8, 8 (at most %d layers), or none"
                               % (MAX_HIDDEN_WIDTH, MAX_HIDDEN_LAYERS)}
    return rules


class Curves:
    """The loss and accuracy per epoch as the page draws them: at most ``MAX_POINTS`` points a series.

    Epoch e is kept when e is a multiple of ``stride``; when ``MAX_POINTS`` are kept, the stride
    doubles and every other point goes, so an hour of training sends no more than a minute. The
    last epoch trained is always in the state, so the curves end where training is.

    >>> curves = Curves()
    >>> for epoch in range(1, 5001):
    ...     curves.add(epoch, dict.fromkeys(CURVES, 0.5))
    >>> state = curves.state()
    >>> len(state["epochs"]) <= MAX_POINTS, state["epochs"][:2], state["epochs"][-1]
    (True, [8, 16], 5000)
    """

    def __init__(self):
        self.stride, self.epochs, self.last = 1, [], None
        self.series = {key: [] for key in CURVES}

    def add(self, epoch, values):
        self.last = (epoch, values)
        if epoch % self.stride:
            return
        self.epochs.append(epoch)
        for key in CURVES:
            self.series[key].append(values[key])
        if len(self.epochs) >= MAX_POINTS:
            self.stride *= 2
            keep = [i for i, e in enumerate(self.epochs) if e % self.stride == 0]
            self.epochs = [self.epochs[i] for i in keep]
            self.series = {key: [values[i] for i in keep] for key, values in self.series.items()}

    def state(self):
        """{"epochs": [...], "loss": [...], ...}: the points kept, and the last epoch's."""
        epochs, series = list(self.epochs), {key: list(v) for key, v in self.series.items()}
        if self.last is not None and (not epochs or epochs[-1] != self.last[0]):
            epochs.append(self.last[0])
            for key in CURVES:
                series[key].append(self.last[1][key])
        return dict(series, epochs=epochs)


#: The folder that holds the nnscratch package folder: pieces name their files from there.
_ROOT = Path(__file__).resolve().parent.parent.parent


def _with_helpers(pieces):
    """The pieces, each followed by the private functions of its module that it calls (once each).

    The engine's functions hand parts of their work to such helpers (the
    activation of a batch, a kernel's inner form); showing them leaves none of
    the code that runs out of the panel.
    """
    out, seen = [], set()
    for function, note in pieces:
        out.append((function, note))
        seen.add(function)
        module = inspect.getmodule(function)
        for name in function.__code__.co_names:
            helper = getattr(module, name, None)
            if (name.startswith("_") and inspect.isfunction(helper) and helper.__module__ == module.__name__
                    and helper not in seen):
                out.append((helper, "Called by %s above." % function.__name__))
                seen.add(helper)
    return out


def _piece(function, note):
    """One function's source, named by its module, with its file and first line."""
    lines, first = inspect.getsourcelines(function)
    path = Path(inspect.getsourcefile(function)).resolve()
    try:
        where = path.relative_to(_ROOT).as_posix()
    except ValueError:  # pragma: no cover - a source file outside the package
        where = path.name
    return {"name": "%s.%s" % (function.__module__, function.__qualname__),
            "where": "%s, line %d" % (where, first), "note": note, "source": "".join(lines)}
