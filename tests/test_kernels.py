"""The engine's kernels: unrolled narrow layers, and the activations written into them, give the same floats.

A narrow layer (at most ``COLUMN_FORM_MAX_INPUTS`` inputs) runs one comprehension per neuron written for
its width, with its activation in it (``backprop.FUSED_FORWARD``), and backpropagation's step to the layer
below likewise (``FUSED_BACKWARD``). Each must compute exactly what the two-step path computes: the
kernels' sums, then ``nnscratch.maths.activations``.
"""

import math
import random

import pytest

from nnscratch.engine import backprop
from nnscratch.engine.kernels import (COLUMN_FORM_MAX_INPUTS, DEFAULT, FORMS, LOOP, unrolled_affine,
                                      unrolled_chain, unrolled_row)
from nnscratch.engine.network import Network
from nnscratch.engine.layer import Layer
from nnscratch.maths.activations import ACTIVATIONS

FUSED = sorted(backprop.FUSED_FORWARD)
TWO_STEPS = DEFAULT._replace(unroll_max=0)  # the same kernels, never fused


def rows(rng, count, width, scale=3.0):
    return [[rng.uniform(-scale, scale) for _ in range(width)] for _ in range(count)]


def test_every_activation_but_softmax_is_fused_both_ways():
    assert set(backprop.FUSED_FORWARD) == set(backprop.FUSED_BACKWARD) == set(ACTIVATIONS) - {"softmax"}


@pytest.mark.parametrize("width", range(1, COLUMN_FORM_MAX_INPUTS + 1))
def test_an_unrolled_layer_adds_as_the_loops_do(width):
    """w0 x0 + w1 x1 + ... + b, in index order and the bias last: the plain loops' floats, bit for bit."""
    rng = random.Random(width)
    weights, columns = rows(rng, 3, width), rows(rng, width, 50)
    biases = [rng.uniform(-1, 1) for _ in weights]
    loops = FORMS[LOOP].layer_columns
    assert [unrolled_affine(width)(w, b, columns) for w, b in zip(weights, biases)] == loops(weights, columns,
                                                                                              biases)
    assert [unrolled_affine(width, bias=False)(w, 0.0, columns) for w in weights] == loops(weights, columns)


@pytest.mark.parametrize("width", range(1, COLUMN_FORM_MAX_INPUTS + 1))
def test_one_row_adds_as_its_batch_does(width):
    """``unrolled_row`` (one sample) gives each sample's floats of ``unrolled_affine`` (a batch)."""
    rng = random.Random(100 + width)
    weights, samples = rows(rng, 3, width), rows(rng, 20, width, 50)
    biases = [rng.uniform(-1, 1) for _ in weights]
    columns = [list(c) for c in zip(*samples)]
    batch = [unrolled_affine(width)(w, b, columns) for w, b in zip(weights, biases)]
    assert [unrolled_row(width)(weights, x, biases) for x in samples] == [list(z) for z in zip(*batch)]


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("sizes", [[1, 3, 2], [2, 4, 2], [4, 3, 3], [8, 5, 3], [9, 3, 2], [12, 8, 4, 3]])
def test_forward_row_by_row_is_predict_bit_for_bit(form, sizes):
    """``Network.forward`` on each row, and ``predict`` in column layout: the same floats, on every form.

    From CPython 3.12 ``math.sumprod`` and ``sum()`` round differently from plain adds, so a narrow
    layer must add the same way one row at a time as it does a batch at a time.
    """
    rng = random.Random(len(sizes) * 10 + sizes[0])
    net = Network(sizes, hidden_activation="sigmoid", output_activation="softmax", seed=3)
    net.kernels = FORMS[form]
    samples = rows(rng, 70, sizes[0], 2.0)  # enough rows for the column layout
    assert net.predict(samples) == [net.forward(x) for x in samples]


@pytest.mark.parametrize("activation", FUSED)
@pytest.mark.parametrize("width", [1, 3, COLUMN_FORM_MAX_INPUTS])
def test_a_fused_layer_is_the_layer_then_its_activation(activation, width):
    rng = random.Random(hash((activation, width)) % 1000)
    layer = Layer(rows(rng, 4, width), [rng.uniform(-1, 1) for _ in range(4)], activation)
    columns = rows(rng, width, 40)
    fused = backprop.forward_columns([layer], columns, DEFAULT)[-1]
    two_steps = backprop.forward_columns([layer], columns, TWO_STEPS)[-1]
    assert fused == two_steps


def test_a_sigmoid_past_exp_overflow_falls_back_to_the_same_floats():
    """e^-z overflows below z = -709.78: the layer is computed again in two steps, NaN and all."""
    layer = Layer([[1000.0, 1.0]], [0.0], "sigmoid")
    columns = [[-1.0, 0.5, 1.0, float("nan")], [0.0, 0.0, 0.0, 0.0]]
    fused = backprop.forward_columns([layer], columns, DEFAULT)[-1]
    assert fused[0][:3] == [math.exp(-1000.0), ACTIVATIONS["sigmoid"].function([500.0])[0], 1.0]
    assert math.isnan(fused[0][3])


@pytest.mark.parametrize("activation", FUSED)
@pytest.mark.parametrize("loss", ["squared_error", "cross_entropy"])
def test_fused_gradients_are_the_two_step_gradients(activation, loss):
    """A 3-4-2 network's loss, hits and every gradient, with and without fusion: the same floats."""
    rng = random.Random(7)
    layers = [Layer(rows(rng, 4, 3, 1.0), [0.1, -0.2, 0.3, 0.0], activation),
              Layer(rows(rng, 2, 4, 1.0), [0.05, -0.05], "softmax" if loss == "cross_entropy" else "sigmoid")]
    x = rows(rng, 3, 30, 2.0)
    targets = [[float(s % 2 == 0) for s in range(30)], [float(s % 2 == 1) for s in range(30)]]
    classes = [s % 2 for s in range(30)]
    assert backprop.gradients(layers, loss, x, targets, classes, DEFAULT) == \
        backprop.gradients(layers, loss, x, targets, classes, TWO_STEPS)


def test_unrolled_chain_is_w_transposed_delta_times_the_slope():
    w, a, deltas = [0.5, -2.0], [0.25, 0.75], [[1.0, 2.0], [3.0, -1.0]]
    chain = unrolled_chain(2, backprop.FUSED_BACKWARD["sigmoid"])
    errors = [0.5 * 1.0 - 2.0 * 3.0, 0.5 * 2.0 - 2.0 * -1.0]
    assert chain(w, a, deltas) == ACTIVATIONS["sigmoid"].backward(a, errors)


@pytest.mark.parametrize("columns, classes", [
    ([[0.2, 0.9, 0.5], [0.7, 0.1, 0.5]], [1, 0, 0]),   # a tie: the first class wins it
    ([[0.5, float("nan")], [0.5, 0.2]], [0, 1]),         # a tie and a NaN
    ([[0.1, 0.2], [0.3, 0.1], [0.6, 0.7]], [2, 1]),
    ([[0.4, 0.6, 0.5]], [0, 1, 1]),                       # one output: a 0.5 threshold
    ([[0.0]] * 10 + [[1.0]], [-1]),                       # wide, and a class that is no output's index
    ([[1.0]] * 11, [11]),
    ([[0.0], [1.0]], [2]),
    ([[-10 ** 400, 0.0], [1.0, 2.0]], [1, 1]),            # an int too large for a float
])
@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_correct_count_is_predicted_classes_count(columns, classes, form):
    expected = sum(p == c for p, c in zip(backprop.predicted_classes(columns), classes))
    assert backprop.correct_count(columns, classes, FORMS[form]) == expected


def test_the_correct_count_of_random_batches_with_ties_and_nans_on_every_form():
    rng = random.Random(5)
    values = [0.0, -0.0, 0.25, 0.5, 1.0, float("nan"), -1.0, float("inf"), float("-inf")]
    for _ in range(600):  # widths on both sides of the unrolled count's
        k, n = rng.randrange(2, backprop.COUNT_UNROLLED_MAX + 4), rng.randrange(1, 6)
        if rng.random() < 0.5:  # half with no NaN and one infinity, which the unrolled count takes
            values_here = [v for v in values if v == v and v != float("-inf")]
            columns = [[rng.choice(values_here) for _ in range(n)] for _ in range(k)]
        else:
            columns = [[rng.choice(values) for _ in range(n)] for _ in range(k)]
        classes = [rng.randrange(-1 if rng.random() < 0.1 else 0, k + (rng.random() < 0.1)) for _ in range(n)]
        expected = sum(p == c for p, c in zip(backprop.predicted_classes(columns), classes))
        assert {backprop.correct_count(columns, classes, f) for f in FORMS.values()} == {expected}, columns


@pytest.mark.parametrize("form", sorted(FORMS))
def test_softmax_in_columns_is_softmax_of_each_row_on_every_form(form):
    """The softmax output layer, on each form: the floats ``softmax`` gives sample by sample, NaN and all."""
    rng = random.Random(11)
    z = rows(rng, 4, 30, 50.0) + [[float("nan")] + [0.0] * 29]
    z[1][3] = 1000.0
    layer = Layer(rows(rng, 5, 2), [0.0] * 5, "softmax")
    outputs = backprop._activate(ACTIVATIONS["softmax"], z, FORMS[form])
    expected = [ACTIVATIONS["softmax"].function(list(sample)) for sample in zip(*z)]
    assert repr([list(sample) for sample in zip(*outputs)]) == repr(expected)
    assert layer.forward([1.0, 2.0]) == Network.from_layers([layer]).forward([1.0, 2.0])
