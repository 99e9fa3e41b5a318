"""The dot-product forms side by side: the figures behind ``DEFAULT`` and ``COLUMN_FORM_MAX_INPUTS``.

``nnscratch.engine.kernels.FORMS`` names one set of kernels per dot-product
form: ``math.sumprod`` (CPython 3.12+), ``sum(map(mul))`` and the ``for loop``.
``DEFAULT``, the set nnscratch computes with, is chosen once at import by
interpreter, and the CPython sets compute a layer of at most
``COLUMN_FORM_MAX_INPUTS`` inputs unrolled (one comprehension per neuron,
written for the layer's width: ``kernels.unrolled_affine``) instead of one
dot product per sample. Two tables check those choices on this machine, in
M MAC/s (millions of multiply-adds a second), the contenders of each row
measured side by side:

- every form's ``dot_table``, 64 rows against 64, at several widths (the
  length of each dot product);
- a layer of 16 neurons over a batch of 64 samples in column layout, by
  number of inputs: unrolled against one dot product per sample
  (``dot_table`` on the batch swapped back to rows, which ``layer_columns``
  does above COLUMN_FORM_MAX_INPUTS), with this interpreter's form (the
  sum(map(mul)) one on PyPy, whose loops are not unrolled).

The forms are reached by name, in ``FORMS``; nothing global changes.
"""

import random

from ..engine.kernels import (COLUMN_FORM_MAX_INPUTS, DEFAULT, FORMS, LOOP, SUM_MAP, SUMPROD,
                              unrolled_affine)
from .timing import measure, no_setup, stats

WIDTHS = (4, 8, 16, 32, 64, 128, 784)
QUICK_WIDTHS = (4, 8, 16, 64, 128)
#: dot_table's shape: this many rows against as many.
TABLE_ROWS = 64
#: The layer's inputs (each side of COLUMN_FORM_MAX_INPUTS), neurons and samples.
LAYER_INPUTS = (4, 8, 16, 32)
LAYER_NEURONS, LAYER_SAMPLES = 16, 64
#: Multiply-adds per timed run, about: a few hundredths of a second.
BUDGET, QUICK_BUDGET = 1300000, 130000
UNROLLED, PER_SAMPLE = "unrolled", "dot per sample"


def form_names():
    """The forms this interpreter has, in a fixed order."""
    return [form for form in (SUMPROD, SUM_MAP, LOOP) if form in FORMS]


def random_rows(rng, count, width):
    return [[rng.random() for _ in range(width)] for _ in range(count)]


def repeated(fn, args, calls):
    """A contender's run: fn(*args), ``calls`` times."""
    return lambda _: [fn(*args) for _ in range(calls)]


def per_sample(kernels, weights, columns):
    """A layer as one dot product per sample: what ``layer_columns`` does above COLUMN_FORM_MAX_INPUTS."""
    return kernels.dot_table(weights, kernels.swap_layout(columns))


def megarates(times, macs):
    """name -> seconds of runs of ``macs`` multiply-adds each -> name -> M MAC/s statistics."""
    return {name: stats([macs / s / 1e6 for s in seconds]) for name, seconds in times.items()}


def table_rates(widths, repeats, budget):
    """M MAC/s of every form's ``dot_table`` at each width: form -> str(width) -> stats."""
    rng = random.Random(3)
    out = {form: {} for form in form_names()}
    for width in widths:
        a, b = random_rows(rng, TABLE_ROWS, width), random_rows(rng, TABLE_ROWS, width)
        macs_per_call = TABLE_ROWS * TABLE_ROWS * width
        calls = max(1, budget // macs_per_call)
        contenders = {form: (no_setup, repeated(FORMS[form].dot_table, (a, b), calls)) for form in out}
        for form, rate in megarates(measure(contenders, repeats), macs_per_call * calls).items():
            out[form][str(width)] = rate
    return out


def unrolled_layer(weights, columns):
    """A layer unrolled, whatever its width: what ``layer_columns`` does up to COLUMN_FORM_MAX_INPUTS."""
    unrolled = unrolled_affine(len(columns), bias=False)
    return [unrolled(w, 0.0, columns) for w in weights]


def layer_kernels():
    """The layers table's kernels: this interpreter's, or sum(map(mul))'s where they do not unroll."""
    return DEFAULT if DEFAULT.unroll_max else FORMS[SUM_MAP]


def column_rates(repeats, budget):
    """The two ways to compute a layer, by number of inputs: way -> str(inputs) -> stats."""
    kernels = layer_kernels()
    rng = random.Random(4)
    out = {UNROLLED: {}, PER_SAMPLE: {}}
    for inputs in LAYER_INPUTS:
        weights = random_rows(rng, LAYER_NEURONS, inputs)
        columns = random_rows(rng, inputs, LAYER_SAMPLES)
        macs_per_call = LAYER_NEURONS * LAYER_SAMPLES * inputs
        calls = max(1, budget // macs_per_call)
        contenders = {PER_SAMPLE: (no_setup, repeated(per_sample, (kernels, weights, columns), calls)),
                      UNROLLED: (no_setup, repeated(unrolled_layer, (weights, columns), calls))}
        for way, rate in megarates(measure(contenders, repeats), macs_per_call * calls).items():
            out[way][str(inputs)] = rate
    return out


def dot_forms(repeats, quick):
    """Both tables, and what they check: the results' "dot_forms"."""
    budget = QUICK_BUDGET if quick else BUDGET
    return {
        "in_use": DEFAULT.form,
        "dot_table": table_rates(QUICK_WIDTHS if quick else WIDTHS, repeats, budget),
        "dot_table_shape": "%d rows against %d" % (TABLE_ROWS, TABLE_ROWS),
        "column_form_max_inputs": COLUMN_FORM_MAX_INPUTS,
        "layer_columns": column_rates(repeats, budget),
        "layer_shape": "%d neurons over a batch of %d samples" % (LAYER_NEURONS, LAYER_SAMPLES),
        "layer_form": layer_kernels().form,
    }
