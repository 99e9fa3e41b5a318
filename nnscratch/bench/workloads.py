"""The bench's workloads: a network shape, its training settings, its data and its multiply-add counts."""

import random

from ..engine.network import Network

#: The seed of every contender's first weights: the engine and the reading path draw the same.
SEED = 0


class Workload:
    """One benchmark: a network shape, its training settings, and how much data.

    ``article=True`` is article 001's iris network: sigmoid output, squared
    error, the summed gradient, the articles' uniform [0, 1) weights. Otherwise
    sigmoid hidden layers, a softmax output, the cross-entropy and the mean
    gradient of each mini-batch, from Xavier weights. No workload shuffles:
    the rows are learned in order, as the reading path learns them.
    """

    def __init__(self, name, sizes, rows, batch_size, epochs, learning_rate, *, article=False,
                 sparse=False):
        self.name = name
        self.sizes = sizes
        self.rows = rows
        self.batch_size = batch_size  # None: full batch
        self.epochs = epochs  # per timed run
        self.learning_rate = learning_rate
        self.article = article  # iris: sigmoid output, squared error, summed gradient
        self.sparse = sparse  # MNIST-like rows: most pixels 0

    @property
    def init(self):
        """The name of the first weights' draw, in ``nnscratch.maths.init.INITS``."""
        return "uniform01" if self.article else "xavier"

    def network(self, seed=SEED):
        """A fresh engine ``Network`` for this workload."""
        if self.article:
            return Network(self.sizes, hidden_activation="sigmoid", output_activation="sigmoid",
                           loss="squared_error", init=self.init, seed=seed)
        return Network(self.sizes, init=self.init, seed=seed)

    def train_kwargs(self):
        """The engine's ``train`` settings: in order (no shuffling), the summed or the mean gradient."""
        return dict(epochs=self.epochs, learning_rate=self.learning_rate, batch_size=self.batch_size,
                    shuffle=False, reduction="sum" if self.article else "mean")

    def data(self):
        """Random inputs in [0, 1) and one-hot targets, from a fixed seed."""
        rng = random.Random(1)
        width, classes = self.sizes[0], self.sizes[-1]
        x = []
        for _ in range(self.rows):
            if self.sparse:  # about a fifth of the pixels lit, as in MNIST
                x.append([rng.random() if rng.random() < 0.2 else 0.0 for _ in range(width)])
            else:
                x.append([rng.random() for _ in range(width)])
        y = [[1.0 if k == i % classes else 0.0 for k in range(classes)] for i in range(self.rows)]
        return x, y

    def macs_train(self):
        """Multiply-adds per training sample: forward, backward (not into the inputs), gradient."""
        layers = list(zip(self.sizes, self.sizes[1:]))
        forward = sum(a * b for a, b in layers)
        backward = sum(a * b for a, b in layers[1:])
        return 2 * forward + backward

    def macs_predict(self):
        """Multiply-adds per predicted sample: the forward pass."""
        return sum(a * b for a, b in zip(self.sizes, self.sizes[1:]))

    @property
    def label(self):
        shape = "-".join(map(str, self.sizes))
        if self.batch_size is None:
            batch = "full batch of %d" % self.rows
        else:
            batch = "batches of %d" % self.batch_size
        return "%s %s, %s, %d rows" % (self.name, shape, batch, self.rows)


def workloads(quick):
    """The three workloads: tiny under ``quick``."""
    if quick:
        return [
            Workload("iris", [4, 3, 3], 120, None, 5, 0.3, article=True),
            Workload("digits", [64, 32, 10], 96, 32, 1, 0.1),
            Workload("mnist-shaped", [784, 128, 10], 16, 8, 1, 0.1, sparse=True),
        ]
    return [
        Workload("iris", [4, 3, 3], 120, None, 100, 0.3, article=True),
        Workload("digits", [64, 32, 10], 1438, 32, 1, 0.1),
        Workload("mnist-shaped", [784, 128, 10], 256, 32, 1, 0.1, sparse=True),
    ]
