"""One playground session: the data, the network, its training, and what the page draws.

The page's Web Worker runs this module inside Pyodide; the tests run it in
CPython. Everything crossing to JavaScript is plain JSON-able data.

    session = Session()
    session.configure(dataset="xor", hidden=[4], activation="tanh")
    state = session.train_for(0.15)   # as many epochs as fit in 0.15 s (at least one)
    state["loss"], state["field"]      # curves, and the decision field for 2-D data
    text = session.export()            # a model file nnscratch.load reads
"""

import inspect
import time
from pathlib import Path

from ..engine import backprop
from ..engine.kernels import DEFAULT
from ..data.tables import train_test_split
from ..data.builtin import TOY_SETS, load_digits, load_iris, toy_dataset
from ..files.modelfile import dumps
from ..engine.network import Network
from ..maths.optimizers import OPTIMIZERS

__all__ = ["Session", "DEFAULTS", "OUTPUTS", "FIELD_SIZE", "FIELD_RANGE"]

DEFAULTS = {
    "dataset": "xor", "noise": 0.0, "points": 200, "hidden": [4], "activation": "tanh",
    "output": "softmax", "learning_rate": 0.03, "optimizer": "adam", "batch_size": 16, "l2": 0.0, "seed": 0,
}
#: Output activation -> its loss.
OUTPUTS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy", "sigmoid+squared_error": "squared_error"}
#: The decision field: a FIELD_SIZE x FIELD_SIZE grid over [-FIELD_RANGE, FIELD_RANGE]^2.
FIELD_SIZE, FIELD_RANGE = 40, 1.5
#: Digits shown with their predicted class.
DIGITS_SHOWN = 12

CODE = {
    "forward": ([backprop.forward_columns, DEFAULT.layer_columns],
                'Article 000, "Forward Propagation": Layer.Forward starts each neuron\'s sum at its bias, adds '
                "weight * input, applies the activation. Article 001: hiddenLayerInput.Mul(x, wHidden), "
                "Apply(addBHidden), Apply(applySigmoid), then the same for the output layer."),
    "backpropagate": ([backprop.gradients],
                      'Article 001, "Implementing Backpropagation": networkError = y - output, dOutput = '
                      "networkError * slope, errorAtHiddenLayer = dOutput . wOut^T, dHiddenLayer, then "
                      "wOutAdj = hiddenLayerActivations^T . dOutput and bOutAdj = sumAlongAxis(0, dOutput)."),
}
OPTIMIZER_ARTICLE = {
    "sgd": 'Article 001, "Implementing Backpropagation": wOut.Add(wOut, wOutAdj) after wOutAdj.Scale(learningRate, '
           "wOutAdj): a plain gradient step.",
    "momentum": 'Article 002, "Improvement Directions": "optimizers (e.g., Adam)". Momentum keeps a running '
                "velocity of the steps.",
    "adam": 'Article 002, "Improvement Directions": "Experiment with ... optimizers (e.g., Adam)".',
}


class Session:
    """The playground's state: configure, train, draw, export."""

    def __init__(self):
        self.settings = None
        self.net = None

    # ----- setting up -------------------------------------------------------------------

    def configure(self, **settings):
        """Make the data and a fresh network from the settings (missing ones take DEFAULTS); return a summary."""
        s = dict(DEFAULTS)
        s.update({k: v for k, v in settings.items() if v is not None})
        s["hidden"] = [int(h) for h in s["hidden"] if int(h) > 0]
        if s["output"] not in OUTPUTS:
            raise ValueError("unknown output %r; choose one of %s" % (s["output"], ", ".join(OUTPUTS)))
        if s["optimizer"] not in OPTIMIZERS:
            raise ValueError("unknown optimizer %r" % s["optimizer"])
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
        self.history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
        self.epoch = 0
        self.train_seconds = 0.0
        self.settings = s
        return {"settings": s, "kind": self.kind, "sizes": sizes, "classes": self.classes,
                "points": self._points(), "state": self.state()}

    def _data(self, s):
        name = s["dataset"]
        if name in TOY_SETS:
            return toy_dataset(name, int(s["points"]), float(s["noise"]), int(s["seed"])), "toy"
        if name == "iris":
            return load_iris(), "iris"
        if name == "digits":
            data = load_digits()
            return data._replace(inputs=[[v / 16.0 for v in row] for row in data.inputs]), "digits"
        raise ValueError("unknown dataset %r" % name)

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
            for key in self.history:
                self.history[key].append(getattr(h, key)[-1])
            if time.perf_counter() >= deadline:
                return self.state()

    # ----- what the page draws --------------------------------------------------------------

    def state(self):
        """Everything the page draws now: curves, field or digits, weights."""
        out = dict(self.history, epoch=self.epoch, seconds=self.train_seconds,
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
        grid = [[-FIELD_RANGE + step * i, FIELD_RANGE - step * j] for j in range(FIELD_SIZE) for i in range(FIELD_SIZE)]
        outputs = self.net.predict(grid)
        return [o[1] / ((o[0] + o[1]) or 1.0) for o in outputs]

    def export(self):
        """The trained network as a model file (JSON text), as ``Network.save`` writes it."""
        return dumps(self.net.to_dict()) + "\n"

    def code(self, part):
        """The nnscratch source of one training step ("forward", "backpropagate", "optimizer"), and its Go."""
        if part == "optimizer":
            cls = type(self.optimizer)
            targets, article = [cls.step], OPTIMIZER_ARTICLE[self.settings["optimizer"]]
        else:
            targets, article = CODE[part]
        pieces = []
        for target in targets:
            lines, first = inspect.getsourcelines(target)
            where = "nnscratch/%s, line %d" % (Path(inspect.getsourcefile(target)).name, first)
            pieces.append({"name": target.__qualname__, "where": where, "source": "".join(lines)})
        return {"part": part, "article": article, "pieces": pieces}
