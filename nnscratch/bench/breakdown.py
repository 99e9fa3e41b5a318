"""Where a training run's time goes: the engine's training loop, timed step by step as it runs.

The ceiling counts multiply-adds only, so the share of it nnscratch reaches
says how much of a run goes elsewhere; this says where. The workload's run
goes through the engine's own loop (``training.fit``, what ``train`` calls
after its checks) with two wrappers that read the clock around each batch's
``backprop.gradients`` and each optimizer step. Beside each batch's gradients,
the wrapper also times, on the same batch, the ceiling's kernel calls
(``ceiling.kernel_step``) and ``backprop.correct_count`` on the batch's
outputs (from the first weights); those extra calls are kept out of the run's
time. Timing them batch by batch, next to the step they belong to, keeps the
machine's slow and fast spells out of the differences. The kernel calls and
the gradients take turns going first, batch after batch, so that neither
always runs on a batch the other has just brought into the processor's cache
(with one fixed order, a large network's kernel calls sometimes measured
slower than its whole gradients step).

    multiply-adds          the kernel calls of each batch, alone
    activations and loss   gradients - multiply-adds - correct count: the activations (and
                           their slopes on the way back), the loss, the output deltas and the
                           bias sums (a narrow layer computes its activation in the same
                           comprehension as its multiply-adds: the subtraction still parts them)
    correct count          each batch's count of correct predictions
    update                 the optimizer's steps
    the rest               the loop's time - gradients - update: the batch layout, the
                           epochs' bookkeeping

The report gives the run of median loop time (its parts add up to it).
``bound`` is multiply-adds / (multiply-adds + activations and loss): the share
of the ceiling a run would reach if the count, the update and the rest cost
nothing. A part found by subtraction comes out below zero when it is smaller
than the machine's noise (the activations of a wide network can be): it is
reported as measured, and there is then no bound.
"""

import statistics
import time
from functools import partial

from ..engine import backprop
from ..engine.training import fit
from ..maths.optimizers import SGD
from .ceiling import kernel_step
from .timing import timed

__all__ = ["breakdown", "timed_run", "PARTS"]

#: The parts in the order the report prints them.
PARTS = ("multiply-adds", "activations and loss", "correct count", "update", "the rest")


class _TimedSGD(SGD):
    """SGD, its steps timed into ``spent["update"]``."""

    def __init__(self, learning_rate, spent, clock):
        super().__init__(learning_rate)
        self.spent, self.clock = spent, clock

    def step(self, params, grads, scale=1.0, l2=None):
        start = self.clock()
        super().step(params, grads, scale, l2)
        self.spent["update"] += self.clock() - start


def timed_run(workload, clock=time.perf_counter):
    """Train a fresh network on the workload through ``fit``; return (the network, seconds by part).

    The seconds are those of ``gradients``, ``multiply-adds``, ``correct count``, ``update``
    and ``loop`` (the whole loop, without the extra calls).
    """
    net = workload.network()
    x, y = workload.data()
    size = workload.batch_size or len(x)
    outputs = [backprop.forward_columns(net.layers, net.kernels.swap_layout(x[s:s + size]), net.kernels)[-1]
               for s in range(0, len(x), size)]
    weights, biases = [l.weights for l in net.layers], [l.biases for l in net.layers]
    spent = dict.fromkeys(("gradients", "multiply-adds", "correct count", "update"), 0.0)
    local = partial(backprop.gradients, net.layers, net.loss, kernels=net.kernels)
    batch = [0]

    def clocked(part, function, *args):
        start = clock()
        result = function(*args)
        spent[part] += clock() - start
        return result

    def gradients(columns, targets, classes):
        kernels_first = batch[0] % 2 == 0  # they take turns going first: see the module's docstring
        if kernels_first:
            clocked("multiply-adds", kernel_step, weights, biases, columns)
        result = clocked("gradients", local, columns, targets, classes)
        if not kernels_first:
            clocked("multiply-adds", kernel_step, weights, biases, columns)
        outputs_now = outputs[batch[0] % len(outputs)]
        clocked("correct count", backprop.correct_count, outputs_now, classes, net.kernels)
        batch[0] += 1
        return result

    settings = workload.train_kwargs()
    optimizer = _TimedSGD(settings["learning_rate"], spent, clock)
    start = clock()
    fit(net, x, y, None, gradients, optimizer=optimizer, l2=0.0, patience=None, on_epoch=None, stop=None,
        **settings)  # train's defaults for the rest: no L2, no validation
    spent["loop"] = clock() - start - spent["multiply-adds"] - spent["correct count"]
    return net, spent


def breakdown(workload, repeats):
    """{"workload", "loop": ms, "parts": {part: ms}, "bound"}: the timed run of median loop time,
    of ``repeats`` (after one more to warm up)."""
    runs = []
    for round_ in range(repeats + 1):  # round 0 warms caches and PyPy's JIT
        spent = {}
        timed(lambda: spent.update(timed_run(workload)[1]))
        if round_:
            runs.append(spent)
    median = statistics.median_low([run["loop"] for run in runs])
    ms = {name: 1e3 * seconds for name, seconds in next(r for r in runs if r["loop"] == median).items()}
    parts = {
        "multiply-adds": ms["multiply-adds"],
        "activations and loss": ms["gradients"] - ms["multiply-adds"] - ms["correct count"],
        "correct count": ms["correct count"],
        "update": ms["update"],
        "the rest": ms["loop"] - ms["gradients"] - ms["update"],
    }
    maths = parts["multiply-adds"] + parts["activations and loss"]
    measured = parts["activations and loss"] >= 0  # else it was smaller than the noise: no bound
    return {"workload": workload.label, "loop": ms["loop"], "parts": parts,
            "bound": parts["multiply-adds"] / maths if measured and maths > 0 else None}
