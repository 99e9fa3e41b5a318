"""The ceiling: the multiply-add kernels nnscratch calls (``DEFAULT``'s), run alone on a workload's shapes.

Exactly the kernel calls of training or prediction, with no activation, loss
or update: nnscratch can approach it, not pass it.
"""

import random

from ..engine.kernels import DEFAULT
from ..engine.network import PREDICT_CHUNK

dot_table, layer_columns, swap_layout = DEFAULT.dot_table, DEFAULT.layer_columns, DEFAULT.swap_layout


def kernel_state(workload, seed=2):
    """Random weights of the workload's shape, zero biases, and its rows."""
    rng = random.Random(seed)
    weights = [[[rng.uniform(-1, 1) for _ in range(n_in)] for _ in range(n_out)]
               for n_in, n_out in zip(workload.sizes, workload.sizes[1:])]
    biases = [[0.0] * n_out for n_out in workload.sizes[1:]]
    x, _ = workload.data()
    return weights, biases, x


def ceiling_train(workload):
    """(setup, run) doing exactly the kernel calls of training, and nothing else."""

    def run(state):
        weights, biases, x = state
        n, batch = len(x), workload.batch_size or len(x)
        for _ in range(workload.epochs):
            for start in range(0, n, batch):
                kernel_step(weights, biases, swap_layout(x[start:start + batch]))

    return (lambda: kernel_state(workload)), run


def kernel_step(weights, biases, columns):
    """The kernel calls of one training batch in column layout: forward, gradients, the step back."""
    activations = [columns]
    for w, b in zip(weights, biases):
        activations.append(layer_columns(w, activations[-1], b))
    deltas = activations[-1]
    for l in range(len(weights) - 1, -1, -1):
        dot_table(deltas, activations[l])
        if l > 0:
            deltas = layer_columns(swap_layout(weights[l]), deltas)


def ceiling_predict(workload):
    """(setup, run) doing exactly the kernel calls of prediction, chunk by chunk."""

    def run(state):
        weights, biases, x = state
        for start in range(0, len(x), PREDICT_CHUNK):
            columns = swap_layout(x[start:start + PREDICT_CHUNK])
            for w, b in zip(weights, biases):
                columns = layer_columns(w, columns, b)

    return (lambda: kernel_state(workload)), run
