"""Article 003's single-layer perceptron."""

import itertools

import pytest

from nnscratch import DataError, NotTrainedError, TrainingError
from nnscratch.perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron


class TestArticleResult:
    @pytest.mark.parametrize("seed", range(20))
    def test_article_predictions_for_any_seed(self, seed):
        """After 1000 epochs, [0,1,0] scores below 0.05 and [1,0,1] above 0.95."""
        p = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=1000, seed=seed).train()
        assert p.forward_pass([0, 1, 0]) < 0.05
        assert p.forward_pass([1, 0, 1]) > 0.95

    def test_article_predictions_for_any_starting_weights(self):
        """The result holds from every corner and midpoint of the [0, 1)^3 box the weights are drawn from."""
        grid = [0.0, 0.5, 0.999999]
        for weights in itertools.product(grid, repeat=3):
            p = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=1000).initialize()
            p.weights = list(weights)
            p.train()
            assert p.forward_pass([0, 1, 0]) < 0.05, weights
            assert p.forward_pass([1, 0, 1]) > 0.95, weights


class TestMaths:
    def test_initialize_draws_weights_in_unit_interval_and_zero_bias(self):
        """initialize() gives one weight per column in [0, 1) and bias 0, as the article."""
        p = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=7)
        p.bias = 3.0
        p.initialize()
        assert len(p.weights) == 3 and all(0.0 <= w < 1.0 for w in p.weights)
        assert p.bias == 0.0

    def test_same_seed_same_weights(self):
        """The seed fixes the initial and the trained weights."""
        a = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=5).train()
        b = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=5).train()
        assert (a.weights, a.bias) == (b.weights, b.bias)

    def test_one_epoch_by_hand(self):
        """One epoch on one row, worked by hand.

        w = [0, 0], b = 0, x = [1, 2], y = 1, n = 1:
          pred    = sigma(0) = 0.5
          grad_b  = -(0.5 - 1) * 0.5 * (1 - 0.5) = 0.125
          grad_w  = 0.125 * [1, 2] = [0.125, 0.25]
          update  = (2 / n) * each: w = [0.25, 0.5], b = 0.25
        """
        p = Perceptron([[1.0, 2.0]], [1.0], epochs=1).initialize()
        p.weights = [0.0, 0.0]
        assert p.grad_b([1.0, 2.0], 1.0) == 0.125
        assert p.grad_w([1.0, 2.0], 1.0) == [0.125, 0.25]
        p.train()
        assert p.weights == [0.25, 0.5]
        assert p.bias == 0.25

    def test_gradients_are_descent_steps(self):
        """grad_w is minus the gradient of (pred - y)^2 / 2, checked by central differences."""
        p = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=2).initialize()
        x, y, h = [0.3, -1.2, 0.8], 1.0, 1e-6

        def half_squared_error(weights):
            q = Perceptron(TOY_INPUT, TOY_OUTPUT).initialize()
            q.weights, q.bias = weights, p.bias
            return (q.forward_pass(x) - y) ** 2 / 2

        for i in range(3):
            up, down = list(p.weights), list(p.weights)
            up[i] += h
            down[i] -= h
            numeric = (half_squared_error(up) - half_squared_error(down)) / (2 * h)
            assert p.grad_w(x, y)[i] == pytest.approx(-numeric, rel=1e-6, abs=1e-10)


class TestErrors:
    def test_forward_pass_before_initialize(self):
        """forward_pass on an uninitialised perceptron says what to call first."""
        with pytest.raises(NotTrainedError, match=r"call initialize\(\) or train\(\)"):
            Perceptron(TOY_INPUT, TOY_OUTPUT).forward_pass([0, 1, 0])

    def test_forward_pass_wrong_width(self):
        """An input row of the wrong length names both lengths."""
        p = Perceptron(TOY_INPUT, TOY_OUTPUT, seed=0).initialize()
        with pytest.raises(ValueError, match="lengths differ, 3 and 2"):
            p.forward_pass([0, 1])

    def test_empty_input(self):
        """An empty table is refused before training."""
        with pytest.raises(DataError, match="input is empty"):
            Perceptron([], []).train()

    def test_counts_differ(self):
        """One target per input row is required."""
        with pytest.raises(DataError, match="input has 4 rows but actual_output has 3"):
            Perceptron(TOY_INPUT, TOY_OUTPUT[:3]).train()

    def test_ragged_input(self):
        """A row of the wrong width names the row."""
        with pytest.raises(DataError, match=r"input\[2\] has 2 values, expected 3 like input\[0\]"):
            Perceptron([[0, 0, 1], [1, 1, 1], [1, 0]], [0, 1, 1]).train()

    def test_non_numeric_value(self):
        """A value that is not a number names its row and column."""
        with pytest.raises(DataError, match=r"input\[1\]\[2\]: expected a number, got 'x'"):
            Perceptron([[0, 0, 1], [1, 1, "x"]], [0, 1]).train()

    def test_bad_epochs(self):
        """epochs must be a whole number >= 0."""
        with pytest.raises(TrainingError, match="epochs must be a whole number >= 0, got -1"):
            Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=-1).train()
