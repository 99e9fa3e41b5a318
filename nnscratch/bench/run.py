"""Measure nnscratch's speed on this machine: ``python -m nnscratch.bench``.

    python -m nnscratch.bench                 # about two minutes
    python -m nnscratch.bench --quick         # a few seconds: a smoke test
    python -m nnscratch.bench --json FILE     # also write the figures as JSON
    python -m nnscratch.bench serve           # the HTTP server under load (see bench_serve)

In one run, side by side (each contender in turn, repeat after repeat, so a
machine that slows down slows them all), for three workloads:

- iris 4-3-3, full batch, article 001's settings (sigmoid, squared error,
  SGD with learning rate 0.3 on the summed gradient);
- digits 64-32-10, mini-batches of 32 (sigmoid, softmax, cross-entropy, SGD);
- 784-128-10 on MNIST-shaped rows, mini-batches of 32 (the same network).

it measures training and prediction throughput, in samples a second and in
millions of multiply-adds a second (M MAC/s), of:

- nnscratch;
- the ceiling: the multiply-add kernels nnscratch calls (``vector.layer_columns``
  and ``vector.dot_table``: the dot product in use, at the layer widths in use)
  run alone on the same shapes, with no activation, loss or update. nnscratch
  can approach it, not pass it;
- on CPython 3.12+, nnscratch with the ``sum(map(mul))`` dot product instead
  of ``math.sumprod``;
- a naive line-for-line list port of the same algorithm, kept here as the
  baseline: article 001's gonum calls as plain loops for iris, article 000's
  neuron-by-neuron loops for the others;
- peers, where installed: the same algorithm in numpy, scikit-learn's
  ``MLPClassifier`` and micrograd (skipped with a note otherwise);

the latency of predicting one row of an iris-sized network, and what
``workers=2`` gains on digits for mini-batches of 32 and 256 and the full
batch, each beside a control that shows whether a second core was free.

The data are random rows of the workloads' shapes (speed does not depend on
the values), made from a fixed seed. Timings are wall-clock
``time.perf_counter`` with the garbage collector paused, as ``timeit`` does.
Peers run on one thread, like nnscratch (``OPENBLAS_NUM_THREADS=1`` and
friends, unless you set them).
"""

import argparse
import gc
import importlib.util
import json
import math
import os
import platform
import random
import statistics
import sys
import time
import warnings

from .. import __version__
from ..engine.network import PREDICT_CHUNK, Network
from ..engine.kernels import DEFAULT, FORMS, SUM_MAP, SUMPROD

dot_table, layer_columns, swap_layout = DEFAULT.dot_table, DEFAULT.layer_columns, DEFAULT.swap_layout

# ----- the workloads ---------------------------------------------------------


class Workload:
    """One benchmark: a network shape, its training settings, and how much data."""

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

    def network(self, seed=0):
        if self.article:
            return Network(self.sizes, hidden_activation="sigmoid", output_activation="sigmoid",
                           loss="squared_error", init="uniform01", seed=seed)
        return Network(self.sizes, seed=seed)

    def train_kwargs(self):
        return dict(epochs=self.epochs, learning_rate=self.learning_rate, batch_size=self.batch_size,
                    shuffle=not self.article, reduction="sum" if self.article else "mean")

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
        return sum(a * b for a, b in zip(self.sizes, self.sizes[1:]))

    @property
    def label(self):
        shape = "-".join(map(str, self.sizes))
        batch = "full batch of %d" % self.rows if self.batch_size is None else "batches of %d" % self.batch_size
        return "%s %s, %s, %d rows" % (self.name, shape, batch, self.rows)


def workloads(quick):
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


# ----- timing ----------------------------------------------------------------


def _timed(fn):
    """Run fn once with the garbage collector paused; return seconds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def measure(contenders, repeats):
    """Time each contender in turn, ``repeats`` rounds after one warm-up round.

    ``contenders`` maps a name to (setup, run): setup() makes fresh state
    (untimed) and run(state) is timed. Returns name -> list of seconds.
    """
    times = {name: [] for name in contenders}
    for round_ in range(repeats + 1):
        for name, (setup, run) in contenders.items():
            state = setup()
            seconds = _timed(lambda: run(state))
            if round_:  # round 0 warms caches and PyPy's JIT
                times[name].append(seconds)
    return times


def _stats(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def _rates(seconds, samples, macs_per_sample):
    """Throughput figures from a list of run times."""
    per_second = [samples / s for s in seconds]
    return {
        "samples_per_s": _stats(per_second),
        "mmac_per_s": _stats([r * macs_per_sample / 1e6 for r in per_second]),
        "seconds": _stats(seconds),
    }


# ----- the ceiling: the multiply-add kernels alone ----------------------------


def _kernel_state(workload, seed=2):
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
                columns = swap_layout(x[start:start + batch])
                activations = [columns]
                for w, b in zip(weights, biases):
                    activations.append(layer_columns(w, activations[-1], b))
                deltas = activations[-1]
                for l in range(len(weights) - 1, -1, -1):
                    dot_table(deltas, activations[l])
                    if l > 0:
                        deltas = layer_columns(swap_layout(weights[l]), deltas)

    return (lambda: _kernel_state(workload)), run


def ceiling_predict(workload):
    def run(state):
        weights, biases, x = state
        for start in range(0, len(x), PREDICT_CHUNK):
            columns = swap_layout(x[start:start + PREDICT_CHUNK])
            for w, b in zip(weights, biases):
                columns = layer_columns(w, columns, b)

    return (lambda: _kernel_state(workload)), run


def dot_rates(widths, repeats):
    """M MAC/s of the dot product in use at each width, on 64 rows at a time."""
    rates = {}
    rng = random.Random(3)
    for width in widths:
        rows = [[rng.random() for _ in range(width)] for _ in range(64)]
        x = [[rng.random() for _ in range(width)] for _ in range(64)]
        loops = max(1, 20000 // width)
        seconds = measure({"dot": (lambda: None, lambda _: [dot_table(rows, x) for _ in range(loops // 64 + 1)])},
                          repeats)["dot"]
        macs = width * 64 * 64 * (loops // 64 + 1)
        rates[width] = _stats([macs / s / 1e6 for s in seconds])
    return rates


# ----- nnscratch ---------------------------------------------------------------


def nnscratch_train(workload, form=None):
    """(setup, run) training a fresh network; ``form`` picks another dot product."""

    def setup():
        x, y = workload.data()
        net = workload.network()
        if form:
            net.kernels = FORMS[form]
        return net, x, y

    def run(state):
        net, x, y = state
        net.train(x, y, **workload.train_kwargs())

    return setup, run


def nnscratch_predict(workload):
    def setup():
        x, _ = workload.data()
        return workload.network(), x

    return setup, (lambda state: state[0].predict(state[1]))


# ----- the naive line-for-line ports ---------------------------------------------


def _go_sigmoid(x):
    """Article 001's sigmoid, as written: 1 / (1 + e^-x)."""
    return 1.0 / (1.0 + math.exp(-x))


def _go_mul(a, b):
    """gonum's Mul on lists: the textbook triple loop."""
    rows, inner, cols = len(a), len(b), len(b[0])
    out = [[0.0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            total = 0.0
            for k in range(inner):
                total += a[i][k] * b[k][j]
            out[i][j] = total
    return out


def _go_apply(f, m):
    """gonum's Apply: f(i, j, v) for every element."""
    out = [[0.0] * len(m[0]) for _ in range(len(m))]
    for i in range(len(m)):
        for j in range(len(m[0])):
            out[i][j] = f(i, j, m[i][j])
    return out


def _go_elementwise(f, a, b):
    """gonum's Sub, MulElem and Add: f(a[i][j], b[i][j]) for every element."""
    out = [[0.0] * len(a[0]) for _ in range(len(a))]
    for i in range(len(a)):
        for j in range(len(a[0])):
            out[i][j] = f(a[i][j], b[i][j])
    return out


def _go_t(m):
    """gonum's T()."""
    return [[m[i][j] for i in range(len(m))] for j in range(len(m[0]))]


def _go_scale(s, m):
    return _go_apply(lambda _, __, v: s * v, m)


def _go_sum_along_axis0(m):
    out = [0.0] * len(m[0])
    for j in range(len(m[0])):
        for i in range(len(m)):
            out[j] += m[i][j]
    return [out]


def naive_article_001(x, y, w_hidden, b_hidden, w_out, b_out, epochs, lr):
    """Article 001's backpropagate, line for line, on lists (with the correct slope a * (1 - a))."""
    for _ in range(epochs):
        hidden_layer_input = _go_mul(x, w_hidden)
        hidden_layer_input = _go_apply(lambda _, col, v: v + b_hidden[0][col], hidden_layer_input)
        hidden_layer_activations = _go_apply(lambda _, __, v: _go_sigmoid(v), hidden_layer_input)
        output_layer_input = _go_mul(hidden_layer_activations, w_out)
        output_layer_input = _go_apply(lambda _, col, v: v + b_out[0][col], output_layer_input)
        output = _go_apply(lambda _, __, v: _go_sigmoid(v), output_layer_input)

        network_error = _go_elementwise(lambda a, b: a - b, y, output)
        slope_output_layer = _go_apply(lambda _, __, v: v * (1.0 - v), output)
        slope_hidden_layer = _go_apply(lambda _, __, v: v * (1.0 - v), hidden_layer_activations)
        d_output = _go_elementwise(lambda a, b: a * b, network_error, slope_output_layer)
        error_at_hidden_layer = _go_mul(d_output, _go_t(w_out))
        d_hidden_layer = _go_elementwise(lambda a, b: a * b, error_at_hidden_layer, slope_hidden_layer)

        w_out_adj = _go_scale(lr, _go_mul(_go_t(hidden_layer_activations), d_output))
        w_out[:] = _go_elementwise(lambda a, b: a + b, w_out, w_out_adj)
        b_out_adj = _go_scale(lr, _go_sum_along_axis0(d_output))
        b_out[:] = _go_elementwise(lambda a, b: a + b, b_out, b_out_adj)
        w_hidden_adj = _go_scale(lr, _go_mul(_go_t(x), d_hidden_layer))
        w_hidden[:] = _go_elementwise(lambda a, b: a + b, w_hidden, w_hidden_adj)
        b_hidden_adj = _go_scale(lr, _go_sum_along_axis0(d_hidden_layer))
        b_hidden[:] = _go_elementwise(lambda a, b: a + b, b_hidden, b_hidden_adj)


def _naive_forward(layers, x):
    """Article 000's Layer.Forward, layer after layer; returns every layer's output."""
    outputs = [x]
    last = len(layers) - 1
    for l, (weights, biases) in enumerate(layers):
        inputs = outputs[-1]
        sums = []
        for neuron in range(len(weights)):
            total = biases[neuron]
            for j in range(len(inputs)):
                total += weights[neuron][j] * inputs[j]
            sums.append(total)
        if l < last:
            outputs.append([_go_sigmoid(s) for s in sums])
        else:  # softmax
            top = max(sums)
            exps = [math.exp(s - top) for s in sums]
            total = sum(exps)
            outputs.append([e / total for e in exps])
    return outputs


def naive_minibatch_epoch(layers, x, y, batch_size, lr):
    """One epoch of mini-batch SGD, neuron by neuron as article 000 writes it (softmax, cross-entropy)."""
    for start in range(0, len(x), batch_size):
        batch = range(start, min(start + batch_size, len(x)))
        grads = [([[0.0] * len(w[0]) for w in [weights] for _ in weights], [0.0] * len(biases))
                 for weights, biases in layers]
        for s in batch:
            outputs = _naive_forward(layers, x[s])
            delta = [a - t for a, t in zip(outputs[-1], y[s])]
            for l in range(len(layers) - 1, -1, -1):
                weights, _ = layers[l]
                grad_w, grad_b = grads[l]
                inputs = outputs[l]
                for neuron in range(len(weights)):
                    for j in range(len(inputs)):
                        grad_w[neuron][j] += delta[neuron] * inputs[j]
                    grad_b[neuron] += delta[neuron]
                if l > 0:
                    back = []
                    for j in range(len(inputs)):
                        total = 0.0
                        for neuron in range(len(weights)):
                            total += weights[neuron][j] * delta[neuron]
                        back.append(total * inputs[j] * (1.0 - inputs[j]))
                    delta = back
        step = lr / len(batch)
        for (weights, biases), (grad_w, grad_b) in zip(layers, grads):
            for neuron in range(len(weights)):
                for j in range(len(weights[neuron])):
                    weights[neuron][j] -= step * grad_w[neuron][j]
                biases[neuron] -= step * grad_b[neuron]


def _naive_layers(workload):
    net = workload.network()
    return [([list(r) for r in layer.weights], list(layer.biases)) for layer in net.layers]


def naive_train(workload):
    if workload.article:
        def setup():
            x, y = workload.data()
            net = workload.network()
            w_hidden = [list(c) for c in zip(*net.layers[0].weights)]
            w_out = [list(c) for c in zip(*net.layers[1].weights)]
            return x, y, w_hidden, [list(net.layers[0].biases)], w_out, [list(net.layers[1].biases)]

        def run(state):
            naive_article_001(*state, workload.epochs, workload.learning_rate)

        return setup, run

    def setup():
        x, y = workload.data()
        return _naive_layers(workload), x, y

    def run(state):
        layers, x, y = state
        for _ in range(workload.epochs):
            naive_minibatch_epoch(layers, x, y, workload.batch_size, workload.learning_rate)

    return setup, run


def naive_predict(workload):
    if workload.article:
        def setup():
            x, _ = workload.data()
            net = workload.network()
            return (x, [list(c) for c in zip(*net.layers[0].weights)], [net.layers[0].biases],
                    [list(c) for c in zip(*net.layers[1].weights)], [net.layers[1].biases])

        def run(state):
            x, w_hidden, b_hidden, w_out, b_out = state
            hidden = _go_apply(lambda _, col, v: _go_sigmoid(v + b_hidden[0][col]), _go_mul(x, w_hidden))
            _go_apply(lambda _, col, v: _go_sigmoid(v + b_out[0][col]), _go_mul(hidden, w_out))

        return setup, run

    def setup():
        x, _ = workload.data()
        return _naive_layers(workload), x

    return setup, (lambda state: [_naive_forward(state[0], row)[-1] for row in state[1]])


# ----- peers (measured only when installed) ------------------------------------------


def _installed(module):
    return importlib.util.find_spec(module) is not None


def numpy_train(workload):
    """The same algorithm with numpy float64 arrays."""
    import numpy as np

    def setup():
        x, y = workload.data()
        net = workload.network()
        params = [(np.array(l.weights), np.array(l.biases)) for l in net.layers]
        return params, np.array(x), np.array(y)

    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    def run(state):
        params, x, y = state
        n, batch = len(x), workload.batch_size or len(x)
        lr = workload.learning_rate
        rng = np.random.default_rng(0)
        for _ in range(workload.epochs):
            order = np.arange(n) if workload.article else rng.permutation(n)
            for start in range(0, n, batch):
                idx = order[start:start + batch]
                acts = [x[idx]]
                for l, (w, b) in enumerate(params):
                    z = acts[-1] @ w.T + b
                    if l < len(params) - 1 or workload.article:
                        acts.append(sigmoid(z))
                    else:
                        e = np.exp(z - z.max(axis=1, keepdims=True))
                        acts.append(e / e.sum(axis=1, keepdims=True))
                delta = acts[-1] - y[idx]
                if workload.article:
                    delta = delta * acts[-1] * (1 - acts[-1])
                scale = lr if workload.article else lr / len(idx)
                for l in range(len(params) - 1, -1, -1):
                    w, b = params[l]
                    grad_w, grad_b = delta.T @ acts[l], delta.sum(axis=0)
                    if l > 0:
                        delta = (delta @ w) * acts[l] * (1 - acts[l])
                    w -= scale * grad_w
                    b -= scale * grad_b

    return setup, run


def numpy_predict(workload):
    import numpy as np

    def setup():
        x, _ = workload.data()
        net = workload.network()
        return [(np.array(l.weights), np.array(l.biases)) for l in net.layers], np.array(x)

    def run(state):
        params, a = state
        for l, (w, b) in enumerate(params):
            z = a @ w.T + b
            if l < len(params) - 1 or workload.article:
                a = 1.0 / (1.0 + np.exp(-z))
            else:
                e = np.exp(z - z.max(axis=1, keepdims=True))
                a = e / e.sum(axis=1, keepdims=True)
        return a

    return setup, run


def _sklearn_model(workload):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=tuple(workload.sizes[1:-1]), activation="logistic", solver="sgd",
        alpha=0.0, batch_size=workload.batch_size or workload.rows, learning_rate_init=workload.learning_rate,
        momentum=0.0, nesterovs_momentum=False, shuffle=not workload.article, random_state=0,
    )


def sklearn_train(workload):
    """MLPClassifier.partial_fit: one pass over the rows per epoch (softmax output, log loss)."""
    import numpy as np

    def setup():
        x, y = workload.data()
        labels = np.array([row.index(1.0) for row in y])
        model = _sklearn_model(workload)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.partial_fit(np.array(x[:2]), labels[:2], classes=np.arange(workload.sizes[-1]))
        return model, np.array(x), labels

    def run(state):
        model, x, labels = state
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _ in range(workload.epochs):
                model.partial_fit(x, labels)

    return setup, run


def sklearn_predict(workload):
    def setup():
        model, x, _ = sklearn_train(workload)[0]()  # set up on two rows: enough to predict with
        return model, x

    return setup, (lambda state: state[0].predict_proba(state[1]))


def micrograd_train(workload, rows):
    """micrograd's MLP (ReLU hidden layers, squared error on the one-hot rows: micrograd has no exp),
    one sample at a time, on only ``rows`` rows: it runs a Python object per multiply-add."""
    from micrograd.nn import MLP

    def setup():
        x, y = workload.data()
        random.seed(0)
        return MLP(workload.sizes[0], workload.sizes[1:]), x[:rows], y[:rows]

    def run(state):
        model, x, y = state
        for xs, ys in zip(x, y):
            out = model(xs)
            loss = sum((o - t) ** 2 for o, t in zip(out, ys))
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= workload.learning_rate * p.grad

    return setup, run


# ----- single-row latency --------------------------------------------------------


def latency(repeats, quick):
    """Microseconds to predict one row of a 4-3-3 network: nnscratch and peers."""
    wl = Workload("iris", [4, 3, 3], 120, None, 1, 0.3)
    x, y = wl.data()
    net = wl.network()
    row = x[0]
    calls = 200 if quick else 5000
    contenders = {
        "nnscratch predict([row])": (lambda: None, lambda _: [net.predict([row]) for _ in range(calls)]),
        "nnscratch forward(row)": (lambda: None, lambda _: [net.forward(row) for _ in range(calls)]),
    }
    notes = []
    if _installed("numpy"):
        import numpy as np

        params = [(np.array(l.weights), np.array(l.biases)) for l in net.layers]
        one = np.array([row])

        def np_forward(_):
            for _ in range(calls):
                a = one
                for l, (w, b) in enumerate(params):
                    z = a @ w.T + b
                    if l < len(params) - 1:
                        a = 1.0 / (1.0 + np.exp(-z))
                    else:
                        e = np.exp(z - z.max(axis=1, keepdims=True))
                        a = e / e.sum(axis=1, keepdims=True)

        contenders["numpy"] = (lambda: None, np_forward)
    else:
        notes.append("numpy not installed: skipped")
    if _installed("sklearn"):
        import numpy as np

        model = sklearn_train(Workload("iris", [4, 3, 3], 120, None, 1, 0.3))[0]()[0]
        one = np.array([row])
        contenders["scikit-learn MLPClassifier.predict"] = (
            lambda: None, lambda _: [model.predict(one) for _ in range(calls)])
    else:
        notes.append("scikit-learn not installed: MLPClassifier skipped")
    times = measure(contenders, repeats)
    return {name: _stats([s / calls * 1e6 for s in seconds]) for name, seconds in times.items()}, notes


# ----- parallel training ------------------------------------------------------------


def _control_job(workload):
    """One single-process training run, in a child process (the control)."""
    setup, run = nnscratch_train(workload)
    run(setup())


def _children_wall_time(workload, count):
    """Wall seconds for ``count`` child processes, each training once, started together."""
    import multiprocessing

    context = multiprocessing.get_context()
    processes = [context.Process(target=_control_job, args=(workload,)) for _ in range(count)]
    start = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - start


def run_parallel(repeats, quick):
    """Speed-up of workers=2 on digits for several batch sizes, each beside a control.

    The control runs the single-process job in one child process, then in two
    at once: if the two take no longer than the one, a second core was free.
    """
    rows = 192 if quick else 1438
    out = []
    for batch in (32, 256, None):
        workload = Workload("digits", [64, 32, 10], rows, batch, 1, 0.1)
        setup, run = nnscratch_train(workload)
        contenders = {
            "workers=1": (setup, run),
            "workers=2": (setup, lambda state: state[0].train(state[1], state[2], workers=2,
                                                              **workload.train_kwargs())),
            "one job alone": (lambda: None, lambda _: _children_wall_time(workload, 1)),
            "two jobs at once": (lambda: None, lambda _: _children_wall_time(workload, 2)),
        }
        times = measure(contenders, repeats)
        median = {name: statistics.median(t) for name, t in times.items()}
        out.append({
            "batch_size": batch or rows,
            "seconds": {name: _stats(t) for name, t in times.items()},
            "speedup": median["workers=1"] / median["workers=2"],
            "control": median["two jobs at once"] / median["one job alone"],
        })
    return out


# ----- the run and its report -----------------------------------------------------------


def run_workload(workload, repeats, quick):
    """Measure one workload; return a dict of figures and a list of notes."""
    n = workload.rows
    train_samples = n * workload.epochs
    contenders = {
        "nnscratch": nnscratch_train(workload),
        "ceiling": ceiling_train(workload),
        "naive port": naive_train(workload),
    }
    if DEFAULT.form == SUMPROD:
        contenders["nnscratch with sum(map(mul))"] = nnscratch_train(workload, SUM_MAP)
    notes = []
    if _installed("numpy"):
        contenders["numpy"] = numpy_train(workload)
    else:
        notes.append("numpy not installed: skipped")
    if _installed("sklearn"):
        contenders["scikit-learn MLPClassifier"] = sklearn_train(workload)
    else:
        notes.append("scikit-learn not installed: MLPClassifier skipped")
    times = measure(contenders, repeats)
    train = {name: _rates(seconds, train_samples, workload.macs_train()) for name, seconds in times.items()}

    if _installed("micrograd"):
        rows = 2 if quick else max(2, min(40, 200000 // workload.macs_train()))
        seconds = measure({"micrograd": micrograd_train(workload, rows)}, max(1, repeats // 2))["micrograd"]
        train["micrograd"] = _rates(seconds, rows, workload.macs_train())
        notes.append("micrograd: timed on %d rows, one at a time" % rows)
    else:
        notes.append("micrograd not installed: skipped")

    contenders = {"nnscratch": nnscratch_predict(workload), "ceiling": ceiling_predict(workload),
                  "naive port": naive_predict(workload)}
    if _installed("numpy"):
        contenders["numpy"] = numpy_predict(workload)
    if _installed("sklearn"):
        contenders["scikit-learn MLPClassifier"] = sklearn_predict(workload)
    times = measure(contenders, repeats)
    predict = {name: _rates(seconds, n, workload.macs_predict()) for name, seconds in times.items()}
    return {"workload": workload.label, "sizes": workload.sizes, "train": train, "predict": predict}, notes


def ratios(figures):
    """nnscratch ÷ each other contender, by median throughput (or median MAC rate for the ceiling)."""
    out = {}
    for phase in ("train", "predict"):
        ours = figures[phase]["nnscratch"]["samples_per_s"]["median"]
        out[phase] = {name: ours / f["samples_per_s"]["median"]
                      for name, f in figures[phase].items() if name != "nnscratch"}
    return out


def _fmt(stat, digits=1):
    fmt = "{:,.%df}" % digits
    return "%s [%s-%s]" % (fmt.format(stat["median"]), fmt.format(stat["min"]), fmt.format(stat["max"]))


def report(results, out):
    """Print the figures as a table."""
    print("nnscratch %s bench: %s %s (%s), dot product: %s; %d repeats, medians [min-max]" % (
        results["nnscratch"], results["implementation"], results["python"], results["machine"],
        results["dot_form"], results["repeats"]), file=out)
    print("M MAC/s = millions of multiply-adds a second; ratio = nnscratch / that row "
          "(for the ceiling: the share of it nnscratch reaches)", file=out)
    for w in results["workloads"]:
        print("\n" + w["workload"], file=out)
        for phase in ("train", "predict"):
            print("  %-8s %-32s %-28s %-26s %s" % (phase, "", "samples/s", "M MAC/s", "ratio"), file=out)
            for name, f in w[phase].items():
                ratio = "" if name == "nnscratch" else "%.2f" % w["ratios"][phase][name]
                print("           %-32s %-28s %-26s %s" % (name, _fmt(f["samples_per_s"], 0),
                                                           _fmt(f["mmac_per_s"]), ratio), file=out)
        for note in w["notes"]:
            print("  note: " + note, file=out)
    print("\nwidths: M MAC/s of the dot product in use (64 rows against 64)", file=out)
    for width, stat in results["dot_rates"].items():
        print("  %5s  %s" % (width, _fmt(stat)), file=out)
    print("\nsingle-row prediction, 4-3-3 network: microseconds a row", file=out)
    for name, stat in results["latency"].items():
        print("  %-38s %s" % (name, _fmt(stat, 2)), file=out)
    for note in results["latency_notes"]:
        print("  note: " + note, file=out)
    if results.get("parallel"):
        print("\nparallel training, digits 64-32-10, one epoch (speed-up = workers=1 time / workers=2 time;"
              "\n  control = two single-process jobs at once / one alone: 1.0 means a second core was free)",
              file=out)
        print("  %-10s %-22s %-22s %-9s %s" % ("batch", "workers=1 s", "workers=2 s", "speed-up", "control"),
              file=out)
        for p in results["parallel"]:
            print("  %-10s %-22s %-22s %-9s %.2f" % (
                p["batch_size"], _fmt(p["seconds"]["workers=1"], 3), _fmt(p["seconds"]["workers=2"], 3),
                "%.2fx" % p["speedup"], p["control"]), file=out)


def run(quick=False, repeats=None, parallel=True):
    """Run every measurement; return the results as a dict (what --json writes)."""
    repeats = repeats or (1 if quick else 5)
    results = {
        "nnscratch": __version__,
        "implementation": platform.python_implementation(),
        "python": platform.python_version(),
        "machine": "%s %s" % (platform.system(), platform.machine()),
        "dot_form": DEFAULT.form,
        "repeats": repeats,
        "quick": quick,
        "workloads": [],
    }
    for workload in workloads(quick):
        figures, notes = run_workload(workload, repeats, quick)
        figures["ratios"] = ratios(figures)
        figures["notes"] = notes
        results["workloads"].append(figures)
    results["dot_rates"] = {str(k): v for k, v in dot_rates([4, 10, 32, 64, 128, 784], repeats).items()}
    results["latency"], results["latency_notes"] = latency(repeats, quick)
    if parallel:
        results["parallel"] = run_parallel(repeats, quick)
    return results


#: Peers run on one thread, as nnscratch does: numpy's BLAS otherwise starts
#: threads that keep spinning after each call and slow whatever runs next.
SINGLE_THREAD_ENVIRONMENT = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # the HTTP load test
        from .serve import main as serve_main

        return serve_main(argv[1:])
    for name in SINGLE_THREAD_ENVIRONMENT:  # before numpy is imported; a user's setting wins
        os.environ.setdefault(name, "1")
    parser = argparse.ArgumentParser(prog="python -m nnscratch.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds: tiny workloads, one repeat")
    parser.add_argument("--repeats", type=int, default=None, help="timed runs of each contender (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--no-parallel", action="store_true",
                        help="skip the workers=2 measurements (which start processes)")
    args = parser.parse_args(argv)
    if args.repeats is not None and args.repeats < 1:
        parser.error("--repeats must be at least 1")
    started = time.perf_counter()
    results = run(args.quick, args.repeats, parallel=not args.no_parallel)
    results["bench_seconds"] = time.perf_counter() - started
    report(results, sys.stdout)
    print("\nbench took %.0f s" % results["bench_seconds"])
    if args.json:
        from ..files.atomic import write_text_atomic

        write_text_atomic(args.json, json.dumps(results, indent=1) + "\n")
        print("wrote %s" % args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
