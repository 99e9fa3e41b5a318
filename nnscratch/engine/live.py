"""Training shown live in a Jupyter notebook: a progress line and the curves, redrawn in place.

``train`` asks ``live_view(epochs)`` for a view before the first epoch. In a
notebook's kernel (IPython and its display module already loaded, and a
kernel running) it gets one, which, once training has run for
``REDRAW_SECONDS``, shows a progress line and the loss and accuracy curves as
one output and redraws it after an epoch, at most every ``REDRAW_SECONDS``,
through an IPython display handle. Anywhere else (a
terminal, a script, a browser's Pyodide, a worker process) it gets None and
training runs as it always did. Nothing here imports IPython: a module is
used only when it is already loaded.
"""

import math
import sys
import time
from html import escape

from ..svg import history_charts, side_by_side

__all__ = ["live_view", "LiveView", "Progress", "REDRAW_SECONDS"]

#: The least time between two redraws: drawing then costs little of even a fast run.
REDRAW_SECONDS = 0.25


def notebook_display():
    """IPython's ``display`` when this runs in a Jupyter kernel, else None (IPython is never imported)."""
    display_module, ipython = sys.modules.get("IPython.display"), sys.modules.get("IPython")
    if display_module is None or ipython is None:
        return None
    try:
        shell = ipython.get_ipython()
    except Exception:  # an IPython too old or too broken to ask: no live view
        return None
    if shell is None or getattr(shell, "kernel", None) is None:  # a terminal IPython has no kernel
        return None
    return getattr(display_module, "display", None)


def live_view(epochs):
    """A ``LiveView`` shown in this notebook, or None outside one."""
    display = notebook_display()
    return None if display is None else LiveView(display, epochs, time.monotonic)


class Progress:
    """What the live view shows: a progress line, and the curves once an epoch has run.

    >>> from nnscratch.engine.training import History
    >>> Progress(History(loss=[0.5], accuracy=[0.75]), 10)
    epoch 1 of 10: loss 0.5, accuracy 0.75
    """

    def __init__(self, history, epochs, ending=""):
        self.history, self.epochs, self.ending = history, epochs, ending

    def line(self):
        h = self.history
        if h is None or not h.loss:
            return "training: %d epochs to run" % self.epochs
        parts = ["epoch %d of %d" % (h.epochs, self.epochs), "loss %s" % _short(h.loss[-1]),
                 "accuracy %s" % _short(h.accuracy[-1])]
        if h.val_loss:
            parts += ["validation loss %s" % _short(h.val_loss[-1]),
                      "validation accuracy %s" % _short(h.val_accuracy[-1])]
        return parts[0] + ": " + ", ".join(parts[1:]) + self.ending

    def __repr__(self):
        return self.line()

    def _repr_html_(self):
        text = '<div style="font-family: monospace">%s</div>' % escape(self.line())
        h = self.history
        if h is None or not h.loss:
            return text
        return text + side_by_side(history_charts(h.loss, h.accuracy, h.val_loss, h.val_accuracy),
                                   "loss and accuracy per epoch")


def _short(value):
    return "%.4g" % value if math.isfinite(value) else str(value)


class LiveView:
    """One output in the notebook, shown once training has run ``REDRAW_SECONDS`` (a quicker
    ``train`` call, as a loop of one-epoch calls makes, shows nothing), then redrawn as epochs end;
    ``finish`` draws the last state."""

    def __init__(self, display, epochs, clock=time.monotonic):
        self.display, self.epochs, self.clock = display, epochs, clock
        self.history, self.handle, self.stopped = None, None, False
        self.drawn = clock()

    def wrap(self, on_epoch):
        """An on_epoch callback that redraws, then calls ``on_epoch`` (if any) and returns its answer."""

        def redraw_then(epoch, history):
            self.history = history
            if self.clock() - self.drawn >= REDRAW_SECONDS:
                self.draw()
            answer = None if on_epoch is None else on_epoch(epoch, history)
            self.stopped = answer is False
            return answer

        return redraw_then

    def draw(self, ending=""):
        progress = Progress(self.history, self.epochs, ending)
        if self.handle is None:
            self.handle = self.display(progress, display_id=True)
        else:
            self.handle.update(progress)
        self.drawn = self.clock()

    def finish(self, error=None):
        """Draw the last epoch seen, and how training ended: done, early, stopped or an error."""
        h = self.history
        if h is None or self.handle is None:
            return
        if error is not None:
            ending = " (stopped by %s)" % type(error).__name__
        elif h.stopped_early:
            ending = " (stopped early: kept the weights of epoch %s)" % h.best_epoch
        elif self.stopped or h.interrupted:
            ending = " (stopped by on_epoch)" if self.stopped else " (interrupted)"
        else:
            ending = " (done)"
        self.draw(ending)
