"""Articles 001/002's one-hidden-layer network: NeuralNetConfig and NeuralNet."""

import random
import statistics

import pytest

from nnscratch import DataError, NotTrainedError, TrainingError
from nnscratch.data import accuracy
from nnscratch.neuralnet import ARTICLE_001, ARTICLE_002, NeuralNet, NeuralNetConfig, feed_forward


def summed_squared_error(x, y, params):
    """E = 1/2 * sum over samples and outputs of (y - output)^2."""
    output = feed_forward(x, *params)[3]
    return 0.5 * sum((t - o) ** 2 for trow, orow in zip(y, output) for t, o in zip(trow, orow))


def flatten(params):
    """(w_hidden, b_hidden, w_out, b_out) -> one flat list of floats."""
    w_hidden, b_hidden, w_out, b_out = params
    return [v for r in w_hidden for v in r] + list(b_hidden) + [v for r in w_out for v in r] + list(b_out)


def unflatten(flat, n_in, n_hidden, n_out):
    """The inverse of flatten for an n_in-n_hidden-n_out network."""
    it = iter(flat)
    w_hidden = [[next(it) for _ in range(n_hidden)] for _ in range(n_in)]
    b_hidden = [next(it) for _ in range(n_hidden)]
    w_out = [[next(it) for _ in range(n_out)] for _ in range(n_hidden)]
    b_out = [next(it) for _ in range(n_out)]
    return w_hidden, b_hidden, w_out, b_out


def config(n_in, n_hidden, n_out, epochs=1, lr=1.0):
    return NeuralNetConfig(
        input_neurons=n_in, output_neurons=n_out, hidden_neurons=n_hidden,
        num_epochs=epochs, learning_rate=lr,
    )


class TestBackpropagate:
    def test_one_step_by_hand(self):
        """One epoch of a 1-1-1 network on one sample, worked by hand (lr = 0.5).

        x = 2, y = 1; w_hidden = 0, b_hidden = 0, w_out = 2, b_out = -1.
        Forward:
          hidden_layer_input       = 2 * 0 + 0       = 0
          hidden_layer_activations = sigma(0)         = 0.5
          output_layer_input       = 0.5 * 2 - 1      = 0
          output                   = sigma(0)         = 0.5
        Backward:
          network_error            = 1 - 0.5          = 0.5
          slope_output_layer       = 0.5 * (1 - 0.5)  = 0.25
          d_output                 = 0.5 * 0.25       = 0.125
          error_at_hidden_layer    = 0.125 * w_out    = 0.25
          slope_hidden_layer       = 0.5 * (1 - 0.5)  = 0.25
          d_hidden_layer           = 0.25 * 0.25      = 0.0625
        Adjust (w += lr * adjustment):
          w_out    = 2  + 0.5 * (0.5 * 0.125)  = 2.03125
          b_out    = -1 + 0.5 * 0.125          = -0.9375
          w_hidden = 0  + 0.5 * (2 * 0.0625)   = 0.0625
          b_hidden = 0  + 0.5 * 0.0625         = 0.03125
        """
        net = NeuralNet(config(1, 1, 1, epochs=1, lr=0.5))
        w_hidden, b_hidden, w_out, b_out = net.backpropagate(
            [[2.0]], [[1.0]], [[0.0]], [0.0], [[2.0]], [-1.0]
        )
        assert w_out == [[2.03125]]
        assert b_out == [-0.9375]
        assert w_hidden == [[0.0625]]
        assert b_hidden == [0.03125]

    def test_step_is_minus_lr_times_numerical_gradient(self):
        """One backpropagate step moves every weight by -lr * dE/dw (central differences), to 1e-6."""
        rng = random.Random(11)
        n_in, n_hidden, n_out, lr = 3, 4, 2, 0.1
        x = [[rng.uniform(-1, 1) for _ in range(n_in)] for _ in range(6)]
        y = [[1.0, 0.0] if rng.random() < 0.5 else [0.0, 1.0] for _ in range(6)]
        net = NeuralNet(config(n_in, n_hidden, n_out, epochs=1, lr=lr), seed=4)
        start = flatten(net.initial_weights())
        moved = flatten(net.backpropagate(x, y, *unflatten(start, n_in, n_hidden, n_out)))
        assert len(start) == n_in * n_hidden + n_hidden + n_hidden * n_out + n_out

        h = 1e-6
        for k in range(len(start)):
            up, down = list(start), list(start)
            up[k] += h
            down[k] -= h
            gradient = (
                summed_squared_error(x, y, unflatten(up, n_in, n_hidden, n_out))
                - summed_squared_error(x, y, unflatten(down, n_in, n_hidden, n_out))
            ) / (2 * h)
            assert moved[k] - start[k] == pytest.approx(-lr * gradient, rel=1e-6, abs=1e-9), k

    def test_backpropagate_does_not_modify_its_arguments(self):
        """The starting weights passed in are left as they were."""
        net = NeuralNet(config(2, 2, 1, epochs=3), seed=0)
        start = net.initial_weights()
        copy = unflatten(flatten(start), 2, 2, 1)
        net.backpropagate([[0.1, 0.2]], [[1.0]], *start)
        assert start == copy

    def test_training_lowers_the_error(self, iris_train):
        """The summed squared error on the training set falls over training."""
        train = iris_train
        net = NeuralNet(config(4, 3, 3, epochs=200, lr=0.3), seed=0)
        before = summed_squared_error(train.inputs, train.labels, net.initial_weights())
        net.train(train.inputs, train.labels)
        after = summed_squared_error(train.inputs, train.labels,
                                     (net.w_hidden, net.b_hidden, net.w_out, net.b_out))
        assert after < before / 2


class TestWeights:
    def test_initial_weights_shapes_and_range(self):
        """w_hidden is inputs x hidden, w_out hidden x outputs, all drawn from [0, 1)."""
        w_hidden, b_hidden, w_out, b_out = NeuralNet(ARTICLE_002, seed=1).initial_weights()
        assert [len(r) for r in w_hidden] == [5] * 4 and len(b_hidden) == 5
        assert [len(r) for r in w_out] == [3] * 5 and len(b_out) == 3
        values = [v for m in (w_hidden, [b_hidden], w_out, [b_out]) for r in m for v in r]
        assert all(0.0 <= v < 1.0 for v in values)

    def test_initial_weights_follow_the_article_draw_order(self):
        """w_hidden row by row, then b_hidden, w_out, b_out, from one seeded generator."""
        rng = random.Random(9)
        draws = [rng.random() for _ in range(4 * 3 + 3 + 3 * 3 + 3)]
        w_hidden, b_hidden, w_out, b_out = NeuralNet(ARTICLE_001, seed=9).initial_weights()
        assert [v for r in w_hidden for v in r] == draws[:12]
        assert b_hidden == draws[12:15]
        assert [v for r in w_out for v in r] == draws[15:24]
        assert b_out == draws[24:]

    def test_same_seed_same_trained_weights(self):
        """Two trainings with one seed give identical weights."""
        x, y = [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]]
        a = NeuralNet(config(2, 3, 1, epochs=20), seed=3).train(x, y)
        b = NeuralNet(config(2, 3, 1, epochs=20), seed=3).train(x, y)
        assert (a.w_hidden, a.b_hidden, a.w_out, a.b_out) == (b.w_hidden, b.b_hidden, b.w_out, b.b_out)


class TestIris:
    @pytest.mark.slow
    def test_article_001_median_accuracy_over_seeds(self, iris_train, iris_test):
        """4-3-3, 5000 epochs, lr 0.3: the median test accuracy over seeds 0-9 is at least 0.93."""
        train, test = iris_train, iris_test
        scores = [
            accuracy(NeuralNet(ARTICLE_001, seed=seed).train(train.inputs, train.labels).predict(test.inputs),
                     test.labels)
            for seed in range(10)
        ]
        assert statistics.median(scores) >= 0.93, scores

    def test_predict_returns_one_row_per_input(self):
        """predict gives one row of output_neurons values, each in (0, 1), per input row."""
        net = NeuralNet(config(2, 2, 3, epochs=2), seed=0).train([[0.0, 1.0]], [[1.0, 0.0, 0.0]])
        out = net.predict([[0.0, 1.0], [1.0, 1.0], [0.5, 0.5]])
        assert len(out) == 3 and all(len(r) == 3 and all(0 < v < 1 for v in r) for r in out)


class TestErrors:
    def test_predict_untrained(self):
        """predict before train says to train first."""
        with pytest.raises(NotTrainedError, match="not trained; call train"):
            NeuralNet(ARTICLE_001).predict([[0.1, 0.2, 0.3, 0.4]])

    def test_input_width_must_match_config(self):
        """Rows must have input_neurons values."""
        with pytest.raises(DataError, match=r"x\[0\] has 3 values, expected 4 \(input_neurons\)"):
            NeuralNet(ARTICLE_001).train([[0.1, 0.2, 0.3]], [[1.0, 0.0, 0.0]])

    def test_target_width_must_match_config(self):
        """Rows of y must have output_neurons values."""
        with pytest.raises(DataError, match=r"y\[0\] has 2 values, expected 3 \(output_neurons\)"):
            NeuralNet(ARTICLE_001).train([[0.1, 0.2, 0.3, 0.4]], [[1.0, 0.0]])

    def test_counts_must_match(self):
        """x and y need the same number of rows."""
        with pytest.raises(DataError, match="x has 2 rows but y has 1"):
            NeuralNet(ARTICLE_001).train([[0.1] * 4, [0.2] * 4], [[1.0, 0.0, 0.0]])

    def test_nan_input(self):
        """NaN in the inputs is refused, naming the cell."""
        with pytest.raises(DataError, match=r"x\[0\]\[1\]: expected a finite number, got nan"):
            NeuralNet(ARTICLE_001).train([[0.1, float("nan"), 0.3, 0.4]], [[1.0, 0.0, 0.0]])

    @pytest.mark.parametrize("field, value", [("hidden_neurons", 0), ("num_epochs", -1),
                                              ("input_neurons", 2.5), ("learning_rate", 0.0),
                                              ("learning_rate", float("nan"))])
    def test_bad_config(self, field, value):
        """Sizes must be whole numbers >= 1 and the learning rate a finite number > 0."""
        fields = dict(input_neurons=4, output_neurons=3, hidden_neurons=3, num_epochs=10, learning_rate=0.3)
        fields[field] = value
        with pytest.raises(TrainingError, match=field):
            NeuralNetConfig(**fields)

    def test_config_must_be_a_config(self):
        """Passing something else than a NeuralNetConfig is a TypeError saying what is needed."""
        with pytest.raises(TypeError, match="must be a NeuralNetConfig, got dict"):
            NeuralNet({"input_neurons": 4})
