"""Time to accuracy: the seconds a user waits for 0.95 test accuracy on the built-in digits.

The figure a user feels. With the digits demo's settings (``python -m
nnscratch.demo digits``: ``Network([64, 32, 10])``, Adam with learning rate
0.01, shuffled mini-batches of 32, its 80/20 split of the 1797 images), one
``train`` call runs epoch after epoch and scores the test rows after each;
the clock runs while it trains, not while it scores, and stops at the first
epoch whose test accuracy reaches the target. The run is deterministic (the
seed fixes the weights and the shuffles), so every repeat stops at the same
epoch; only its time varies.
"""

import statistics
import time

from ..data.builtin import load_digits
from ..data.tables import train_test_split
from ..demo import DIGITS_LEARNING_RATE, DIGITS_SPLIT_SEED
from ..engine.network import Network

__all__ = ["time_to_accuracy", "TARGET", "MAX_EPOCHS", "SETTINGS"]

#: The test accuracy to reach, and the most epochs tried for it.
TARGET, MAX_EPOCHS = 0.95, 60
#: What the line says of the settings.
SETTINGS = ("the digits demo's settings: 64-32-10, Adam, learning rate %g, batches of 32"
            % DIGITS_LEARNING_RATE)


def digits_split():
    """The digits demo's rows: pixels scaled to [0, 1], split 80/20 with its seed."""
    data = load_digits()
    inputs = [[v / 16.0 for v in row] for row in data.inputs]
    return train_test_split(inputs, data.labels, test_fraction=0.2, seed=DIGITS_SPLIT_SEED)


def one_run(split, target, max_epochs, seed=0):
    """(training seconds, epochs, test accuracy) of one run to the target, or to max_epochs."""
    train_x, test_x, train_y, test_y = split
    reached = {"seconds": None, "epoch": max_epochs, "accuracy": None}
    scoring = [0.0]  # the seconds spent scoring, taken off the clock
    started = time.perf_counter()

    def on_epoch(epoch, history):
        began = time.perf_counter()
        accuracy = net.evaluate(test_x, test_y)
        scoring[0] += time.perf_counter() - began
        reached.update(epoch=epoch, accuracy=accuracy)
        if accuracy >= target:
            reached["seconds"] = time.perf_counter() - started - scoring[0]
            return False
        return True

    net = Network([64, 32, 10], seed=seed)
    net.train(train_x, train_y, epochs=max_epochs, learning_rate=DIGITS_LEARNING_RATE, batch_size=32,
              optimizer="adam", on_epoch=on_epoch, live=False)
    return reached


def time_to_accuracy(repeats, quick=False):
    """{"target", "epochs", "accuracy", "seconds": {median, min, max} or None, "settings"}.

    ``quick`` trains one epoch, once, whatever its accuracy (a smoke test: the target is not
    expected then, and ``seconds`` is None unless it is met).
    """
    split = digits_split()
    max_epochs = 1 if quick else MAX_EPOCHS
    runs = [one_run(split, TARGET, max_epochs) for _ in range(1 if quick else repeats)]
    seconds = [r["seconds"] for r in runs if r["seconds"] is not None]
    stat = None
    if seconds and len(seconds) == len(runs):
        stat = {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds)}
    return {"target": TARGET, "epochs": runs[0]["epoch"], "accuracy": runs[0]["accuracy"], "seconds": stat,
            "settings": SETTINGS, "max_epochs": max_epochs}
