"""Measure nnscratch's speed on this machine: ``python -m nnscratch.bench``.

    python -m nnscratch.bench                 # a few minutes
    python -m nnscratch.bench --quick         # a few seconds: a smoke test
    python -m nnscratch.bench --json FILE     # also write the figures as JSON
    python -m nnscratch.bench --repeats N     # timed runs of each contender (default 5)
    python -m nnscratch.bench --no-parallel   # skip workers=2 (which starts processes)
    python -m nnscratch.bench serve           # the HTTP server under load (see serve.py)

In one run, side by side (each contender in turn, repeat after repeat, so a
machine that slows down slows them all), for three workloads:

- iris 4-3-3, full batch, article 001's settings (sigmoid, squared error,
  SGD with learning rate 0.3 on the summed gradient);
- digits 64-32-10, mini-batches of 32 (sigmoid, softmax, cross-entropy, SGD
  on the mean gradient);
- 784-128-10 on MNIST-shaped rows, mini-batches of 32 (the same network).

Every contender learns the rows in order, without shuffling, as the reading
path does, so all of them do the same work. It measures training and
prediction throughput, in samples a second and in millions of multiply-adds
a second (M MAC/s), of:

- nnscratch (its engine, ``nnscratch.engine.Network``);
- the ceiling: the multiply-add kernels nnscratch calls (``DEFAULT.layer_columns``
  and ``DEFAULT.dot_table`` of ``nnscratch.engine.kernels``: the dot product in
  use, at the layer widths in use) run alone on the same shapes, with no
  activation, loss or update. nnscratch can approach it, not pass it;
- on CPython 3.12+, nnscratch with the ``sum(map(mul))`` kernels instead of
  ``math.sumprod`` (the set ``FORMS["sum(map(mul))"]``, by name);
- the "naive port", which is the reading path itself (``nnscratch.reading``):
  the articles' code as it reads, the baseline nnscratch's engine speeds up.
  For iris, article 001's ``NeuralNet.backpropagate`` and ``feed_forward``
  (gophernet) from the engine's first weights; for the others, article 000's
  neuron-by-neuron ``mlp.Network`` with the same init and seed. Both compute
  the same weights as the engine (a test checks it): the bench has no
  algorithm of its own;
- peers, where installed: the same algorithm in numpy, scikit-learn's
  ``MLPClassifier`` and micrograd (skipped with a note otherwise);

then where each training run's time goes (``breakdown.py``: the engine's
training loop timed batch by batch, split into the multiply-adds, the
activations and loss, the correct count, the update and the rest, with the
share of the ceiling the maths alone would allow), the time to accuracy
(seconds of training to 0.95 test accuracy on the built-in digits, with the
digits demo's settings: the figure a user feels),
the dot-product forms side by side (every set in ``FORMS`` at several
widths, and a layer unrolled against one dot product per sample,
the figures behind ``DEFAULT`` and ``COLUMN_FORM_MAX_INPUTS``), the latency
of predicting one row of an iris-sized network, and what ``workers=2`` gains
on digits for mini-batches of 32 and 256 and the full batch, each beside a
control that shows whether a second core was free.

The data are random rows of the workloads' shapes (speed does not depend on
the values), made from a fixed seed. Timings are wall-clock
``time.perf_counter`` with the garbage collector paused, as ``timeit`` does.
Peers run on one thread, like nnscratch (``OPENBLAS_NUM_THREADS=1`` and
friends, unless you set them).

The modules, one idea each:

    workloads.py    the workloads: shapes, settings, data, multiply-add counts
    accuracy.py     the time to accuracy on the built-in digits
    timing.py       timing: contenders side by side, the GC paused; statistics
    ceiling.py      the ceiling: nnscratch's kernels alone
    breakdown.py    where a training run's time goes, part by part
    contenders.py   nnscratch's engine, with its default kernels or a form by name
    naive.py        the naive baseline: the reading path
    peers.py        numpy, scikit-learn, micrograd, when installed
    forms.py        the dot-product forms side by side
    latency.py      predicting one row
    workers.py      what workers=2 gains, beside a control
    printing.py     the report
    command.py      the run and the command line
    serve.py        the HTTP server under load
"""

from .command import main, run
from .printing import report
from .timing import measure
from .workloads import Workload

__all__ = ["Workload", "measure", "report", "run", "main"]
