"""The loss table: values, gradients against finite differences, and the combined forms."""

import math
import random

import pytest

from nnscratch.activations import ACTIVATIONS
from nnscratch.losses import COMBINED, LOSSES


def test_squared_error_is_half_the_sum_of_squares():
    """The articles' loss: 1/2 * sum (a - y)^2."""
    assert LOSSES["squared_error"].function([0.5, 2.0], [1.0, 0.0]) == 0.5 * (0.25 + 4.0)


def test_cross_entropy_value():
    """-sum y log a: only the labelled class counts."""
    assert LOSSES["cross_entropy"].function([0.25, 0.75], [0.0, 1.0]) == pytest.approx(-math.log(0.75))


def test_binary_cross_entropy_value():
    """-sum [y log a + (1 - y) log(1 - a)] over the outputs."""
    value = LOSSES["binary_cross_entropy"].function([0.25, 0.75], [0.0, 1.0])
    assert value == pytest.approx(-2 * math.log(0.75))


def test_cross_entropy_of_zero_probability_is_finite():
    """log(0) is clipped, so a confident wrong answer gives a large but finite loss."""
    assert 30 < LOSSES["cross_entropy"].function([1.0, 0.0], [0.0, 1.0]) < 40


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_gradient_matches_finite_difference(name):
    """Each gradient is the central difference of its function, to 1e-7 relative."""
    rng = random.Random(3)
    a = [rng.uniform(0.1, 0.9) for _ in range(4)]
    y = [0.0, 1.0, 0.0, 0.0] if name != "squared_error" else [rng.uniform(-1, 1) for _ in range(4)]
    loss = LOSSES[name]
    h = 1e-6
    for k in range(4):
        up, down = list(a), list(a)
        up[k] += h
        down[k] -= h
        numeric = (loss.function(up, y) - loss.function(down, y)) / (2 * h)
        assert loss.gradient(a, y)[k] == pytest.approx(numeric, rel=1e-7, abs=1e-9)


@pytest.mark.parametrize("activation, loss", sorted(COMBINED))
def test_combined_gradient_is_the_chain_rule(activation, loss):
    """Each one-step dL/dz equals the loss gradient chained through the activation (to rounding)."""
    z = [0.3, -1.2, 2.0]
    y = [0.0, 1.0, 0.0]
    act = ACTIVATIONS[activation]
    a = act.function(z)
    chained = act.backward(a, LOSSES[loss].gradient(a, y))
    assert COMBINED[activation, loss](a, y) == pytest.approx(chained, abs=1e-12)


@pytest.mark.parametrize("activation, loss", [("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy")])
def test_paired_losses_give_output_minus_target(activation, loss):
    """Softmax with cross-entropy and sigmoid with binary cross-entropy collapse to a - y."""
    a, y = [0.2, 0.7, 0.1], [0.0, 1.0, 0.0]
    assert COMBINED[activation, loss](a, y) == [0.2, 0.7 - 1.0, 0.1]


def test_sigmoid_squared_error_matches_two_steps_exactly():
    """The one-step form gives the same floats as the two steps, as the article-equivalence needs."""
    act = ACTIVATIONS["sigmoid"]
    a = act.function([0.3, -1.2, 2.0, 7.5])
    y = [0.0, 1.0, 0.0, 1.0]
    assert COMBINED["sigmoid", "squared_error"](a, y) == act.backward(a, LOSSES["squared_error"].gradient(a, y))
