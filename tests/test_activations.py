"""The sigmoid and its derivatives, including the floats where math.exp overflows."""

import math

import pytest

from nnscratch.activations import ACTIVATIONS, sigmoid, sigmoid_prime, sigmoid_prime_from_output


def test_sigmoid_at_zero():
    """sigma(0) = 1/2 and its slope there is 1/4."""
    assert sigmoid(0.0) == 0.5
    assert sigmoid_prime(0.0) == 0.25


@pytest.mark.parametrize("z, expected", [(-1000.0, 0.0), (1000.0, 1.0), (-710.0, 0.0),
                                         (-float("inf"), 0.0), (float("inf"), 1.0)])
def test_sigmoid_never_overflows(z, expected):
    """Where 1/(1+exp(-z)) would raise OverflowError, sigmoid returns the limit (or the nearest float)."""
    assert sigmoid(z) == pytest.approx(expected, abs=1e-300)
    assert sigmoid_prime(z) == pytest.approx(0.0, abs=1e-300)


def test_naive_port_overflows():
    """The reason for the stable form: a line-for-line port raises at z = -1000."""
    with pytest.raises(OverflowError):
        1.0 / (1.0 + math.exp(1000.0))


@pytest.mark.parametrize("z", [-30.0, -5.0, -0.5, 0.0, 0.3, 4.0, 30.0])
def test_sigmoid_matches_the_textbook_formula(z):
    """Both branches agree with 1/(1+e^-z) wherever that is finite."""
    assert sigmoid(z) == pytest.approx(1.0 / (1.0 + math.exp(-z)), rel=1e-15)


@pytest.mark.parametrize("z", [-8.0, -1.0, 0.0, 0.7, 3.0])
def test_derivative_matches_finite_difference(z):
    """sigmoid_prime(z) is the central difference of sigmoid, to 1e-9."""
    h = 1e-5
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    assert sigmoid_prime(z) == pytest.approx(numeric, abs=1e-9)
    assert sigmoid_prime_from_output(sigmoid(z)) == pytest.approx(numeric, abs=1e-9)


def test_article_001_slope_is_the_sigmoid_applied_twice():
    """Feeding an activation to sigmoid_prime (article 001's slip) gives sigma'(sigma(z)), not sigma'(z)."""
    z = 3.0
    a = sigmoid(z)
    assert sigmoid_prime(a) != pytest.approx(sigmoid_prime(z), rel=0.1)
    assert 0.196 < sigmoid_prime(a) <= 0.25
    assert sigmoid_prime_from_output(a) == pytest.approx(sigmoid_prime(z), rel=1e-12)


class TestTable:
    @pytest.mark.parametrize("name", sorted(ACTIVATIONS))
    def test_backward_matches_finite_difference(self, name):
        """backward(a, g) is the Jacobian-vector product of function, by central differences."""
        act = ACTIVATIONS[name]
        z = [0.7, -1.3, 0.2, 2.1]
        g = [0.5, -1.0, 2.0, 0.25]
        a = act.function(z)
        h = 1e-6
        for i in range(len(z)):
            up, down = list(z), list(z)
            up[i] += h
            down[i] -= h
            # d(g . f(z)) / dz_i
            numeric = sum(gk * (u - d) for gk, u, d in zip(g, act.function(up), act.function(down))) / (2 * h)
            assert act.backward(a, g)[i] == pytest.approx(numeric, rel=1e-7, abs=1e-9)

    @pytest.mark.parametrize("name", sorted(n for n in ACTIVATIONS if n != "softmax"))
    def test_derivative_is_backward_of_ones(self, name):
        """For element-wise activations, derivative(a) is backward(a, [1, 1, ...])."""
        act = ACTIVATIONS[name]
        a = act.function([0.7, -1.3, 0.0, 2.1])
        assert act.derivative(a) == act.backward(a, [1.0] * 4)

    def test_softmax_is_a_distribution_and_never_overflows(self):
        """softmax sums to 1 and survives z = 1000."""
        a = ACTIVATIONS["softmax"].function([1000.0, 999.0, -1000.0])
        assert sum(a) == pytest.approx(1.0) and a[0] > a[1] > a[2] >= 0.0

    @pytest.mark.parametrize("name", sorted(ACTIVATIONS))
    def test_finite_at_extremes(self, name):
        """Every activation is finite at +-1000."""
        assert all(math.isfinite(v) for v in ACTIVATIONS[name].function([-1000.0, 1000.0]))

    def test_names_match_keys(self):
        """Each entry's name is its key, so a model file can store it."""
        assert all(act.name == key for key, act in ACTIVATIONS.items())
