"""Layer and Network (articles 000/004): maths, training, determinism, early stopping, errors."""

import dataclasses
import math
import random

import pytest

from nnscratch import DataError, TrainingError
from nnscratch.data import load_csv, train_test_split
from nnscratch.engine import backprop
from nnscratch.engine.kernels import FORMS, LOOP
from nnscratch.engine.network import History, Layer, Network
from nnscratch.engine.training import parameter_rows
from nnscratch.maths.activations import ACTIVATIONS
from nnscratch.maths.losses import LOSSES
from nnscratch.reading import mlp
from nnscratch.reading.gophernet import ARTICLE_001, NeuralNet
from nnscratch.reading.vector import transpose

from conftest import DATASETS

# Every (output activation, loss) pair a Network accepts.
OUTPUT_LOSS_PAIRS = [(act, "squared_error") for act in sorted(ACTIVATIONS)] + [
    (act, loss) for act in ("sigmoid", "softmax") for loss in ("cross_entropy", "binary_cross_entropy")
]


def flat_parameters(net):
    return [v for layer in net.layers for row in layer.weights + [layer.biases] for v in row]


def set_flat_parameters(net, values):
    it = iter(values)
    for layer in net.layers:
        for row in layer.weights + [layer.biases]:
            row[:] = [next(it) for _ in row]


def total_loss(net, xs, ys, l2):
    """Summed loss over the batch plus l2/2 * (sum of squared weights, biases excluded)."""
    f = LOSSES[net.loss].function
    data = sum(f(net.forward(x), y) for x, y in zip(xs, ys))
    penalty = sum(w * w for layer in net.layers for row in layer.weights for w in row)
    return data + 0.5 * l2 * penalty


def targets_for(loss, rng, n, width):
    if loss == "squared_error":
        return [[rng.uniform(-1, 1) for _ in range(width)] for _ in range(n)]
    if loss == "binary_cross_entropy":
        return [[float(rng.random() < 0.5) for _ in range(width)] for _ in range(n)]
    return [[1.0 if k == i % width else 0.0 for k in range(width)] for i in range(n)]


class TestGradientCheck:
    @pytest.mark.parametrize("l2", [0.0, 0.3])
    @pytest.mark.parametrize("output, loss", OUTPUT_LOSS_PAIRS)
    @pytest.mark.parametrize("hidden", sorted(ACTIVATIONS))
    def test_gradients_match_central_differences(self, hidden, output, loss, l2):
        """Backpropagated gradients (plus l2 * w) equal central differences to 1e-6 relative error."""
        rng = random.Random(7)
        net = Network([3, 4, 3, 2], hidden_activation=hidden, output_activation=output,
                      loss=loss, seed=5)
        for layer in net.layers:  # non-zero biases keep every z off ReLU's kink at exactly 0
            layer.biases[:] = [rng.uniform(-0.5, 0.5) for _ in layer.biases]
        xs = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(4)]
        ys = targets_for(loss, rng, 4, 2)
        swap = net.kernels.swap_layout
        _, _, grads = backprop.gradients(net.layers, net.loss, swap(xs), swap(ys), [0] * len(xs))
        params = parameter_rows(net.layers)
        biases = {id(layer.biases) for layer in net.layers}  # biases are not decayed
        analytic = [g + (0.0 if id(row) in biases else l2) * w
                    for row, grow in zip(params, grads) for w, g in zip(row, grow)]

        start = flat_parameters(net)

        def loss_at(k, delta):
            values = list(start)
            values[k] += delta
            set_flat_parameters(net, values)
            return total_loss(net, xs, ys, l2)

        h = 1e-4
        worst = 0.0
        for k in range(len(start)):
            # The five-point central difference: error O(h^4), so h can stay large and rounding small.
            numeric = (8 * (loss_at(k, h) - loss_at(k, -h)) - (loss_at(k, 2 * h) - loss_at(k, -2 * h))) / (12 * h)
            scale = max(abs(numeric), abs(analytic[k]), 1e-6)
            worst = max(worst, abs(numeric - analytic[k]) / scale)
        set_flat_parameters(net, start)
        assert worst < 1e-6


class TestLayerAndNetwork:
    def test_layer_forward_is_article_000(self):
        """Each neuron: bias + sum of weight * input, through the activation."""
        layer = Layer([[0.5, -1.0], [2.0, 0.0]], [0.25, -1.0], "linear")
        assert layer.forward([2.0, 1.0]) == [0.25 + 1.0 - 1.0, -1.0 + 4.0]
        assert layer.n_inputs == 2 and layer.n_neurons == 2

    def test_layers_have_the_sizes_asked_for(self):
        """Network([784, 128, 10]) has a 784->128 and a 128->10 layer, neuron rows of the input width."""
        net = Network([784, 128, 10], seed=0)
        assert [(l.n_inputs, l.n_neurons) for l in net.layers] == [(784, 128), (128, 10)]
        assert [l.activation for l in net.layers] == ["sigmoid", "softmax"]

    def test_repr_shows_sizes_and_activations(self):
        """The repr names the sizes, activations and loss."""
        assert repr(Network([4, 5, 3], hidden_activation="relu", init="he")) == (
            "Network([4, 5, 3], hidden_activation='relu', output_activation='softmax', loss='cross_entropy')"
        )

    def test_predict_forward_and_evaluate(self):
        """predict is forward on every row; evaluate is the argmax accuracy."""
        net = Network([2, 3, 2], seed=1)
        rows = [[0.0, 1.0], [1.0, 0.0]]
        outputs = net.predict(rows)
        assert outputs == [net.forward(r) for r in rows]
        labels = [[1.0, 0.0] if o[0] >= o[1] else [0.0, 1.0] for o in outputs]
        assert net.evaluate(rows, labels) == 1.0

    def test_confusion_matrix(self):
        """confusion_matrix counts true class (rows) against predicted class (columns)."""
        net = Network([1, 2], output_activation="linear", loss="squared_error")
        net.layers[0].weights[:] = [[1.0], [-1.0]]
        net.layers[0].biases[:] = [0.0, 0.0]
        rows = [[1.0], [2.0], [-1.0]]  # predicted classes 0, 0, 1
        assert net.confusion_matrix(rows, [[1, 0], [0, 1], [0, 1]]) == [[1, 0], [1, 1]]

    @pytest.mark.parametrize("init", ["uniform01", "xavier", "he"])
    def test_initialisations(self, init):
        """uniform01 draws from [0, 1) with random biases; xavier and he are symmetric with zero biases."""
        net = Network([50, 40], init=init, seed=2)
        weights = [w for row in net.layers[0].weights for w in row]
        biases = net.layers[0].biases
        if init == "uniform01":
            assert min(weights) >= 0.0 and max(weights) < 1.0 and len(set(biases)) == 40
        else:
            limit = math.sqrt(6.0 / (50 + 40)) if init == "xavier" else math.sqrt(6.0 / 50)
            assert max(abs(w) for w in weights) <= limit and biases == [0.0] * 40
            assert min(weights) < -limit / 2 and max(weights) > limit / 2


class TestTraining:
    def test_same_seed_same_weights_and_history(self):
        """Two networks with one seed, trained alike (shuffled, split, Adam), end identical."""
        rng = random.Random(0)
        xs = [[rng.random() for _ in range(4)] for _ in range(40)]
        ys = [[1.0, 0.0] if sum(x) > 2 else [0.0, 1.0] for x in xs]

        def run():
            net = Network([4, 6, 2], seed=11)
            history = net.train(xs, ys, epochs=5, learning_rate=0.05, batch_size=8, optimizer="adam",
                                validation_split=0.25, l2=0.001)
            return flat_parameters(net), history

        assert run() == run()

    def test_different_seeds_differ(self):
        """A different seed gives different initial weights."""
        assert flat_parameters(Network([3, 3], seed=1)) != flat_parameters(Network([3, 3], seed=2))

    def test_history_has_one_entry_per_epoch(self):
        """loss/accuracy per epoch for train and validation; the loss falls."""
        data = load_csv(DATASETS / "iris" / "iris.csv", target="species")
        x = [[v / 8.0 for v in row] for row in data.inputs]
        net = Network([4, 5, 3], seed=0)
        history = net.train(x, data.labels, epochs=30, learning_rate=0.05, batch_size=16,
                            optimizer="adam", validation_split=0.2)
        assert isinstance(history, History) and history.epochs == 30
        assert len(history.accuracy) == len(history.val_loss) == len(history.val_accuracy) == 30
        assert history.loss[-1] < history.loss[0] / 2
        assert history.best_epoch is None and not history.stopped_early

    @staticmethod
    def article_and_engine(epochs, kernels=None):
        """Article 001 trained by the reading path's NeuralNet and by the engine from the same weights."""
        train = load_csv(DATASETS / "iris" / "train.csv", one_hot=3)
        article = NeuralNet(dataclasses.replace(ARTICLE_001, num_epochs=epochs), seed=0)
        w_hidden, b_hidden, w_out, b_out = article.initial_weights()
        article.train(train.inputs, train.labels)

        net = Network([4, 3, 3], hidden_activation="sigmoid", output_activation="sigmoid",
                      loss="squared_error", init="uniform01")
        if kernels is not None:
            net.kernels = kernels
        net.layers[0].weights, net.layers[0].biases = transpose(w_hidden), list(b_hidden)
        net.layers[1].weights, net.layers[1].biases = transpose(w_out), list(b_out)
        net.train(train.inputs, train.labels, epochs=epochs,
                  learning_rate=ARTICLE_001.learning_rate, batch_size=None, shuffle=False,
                  reduction="sum")
        pairs = [(net.layers[0].weights, transpose(article.w_hidden)), ([net.layers[0].biases], [article.b_hidden]),
                 (net.layers[1].weights, transpose(article.w_out)), ([net.layers[1].biases], [article.b_out])]
        differences = [abs(a - b) for mine, theirs in pairs for ra, rb in zip(mine, theirs) for a, b in zip(ra, rb)]
        assert len(differences) == 4 * 3 + 3 + 3 * 3 + 3
        return max(differences)

    @pytest.mark.parametrize("epochs", [500, pytest.param(ARTICLE_001.num_epochs, marks=pytest.mark.slow)])
    def test_full_batch_sum_is_the_article_bit_for_bit(self, epochs):
        """With the plain-loop kernels, the engine computes article 001's numbers bit for bit, on every Python.

        The loops add in the reading path's order, so every float agrees: after 5000
        epochs (with --slow) at this learning rate, where any rounding difference
        would have grown far past 1e-9.
        """
        assert self.article_and_engine(epochs, FORMS[LOOP]) == 0.0

    def test_full_batch_sum_with_the_default_kernels(self):
        """With this interpreter's fastest kernels the engine agrees with the article to rounding (1e-12 after 10 epochs).

        math.sumprod (3.12+) rounds once per dot product, so it may differ in the last bits.
        """
        assert self.article_and_engine(10) <= 1e-12

    @pytest.mark.parametrize("output, loss", [("softmax", "cross_entropy"), ("sigmoid", "squared_error")])
    @pytest.mark.parametrize("batch_size", [1, 8])
    def test_article_000_reading_network_is_the_engine(self, output, loss, batch_size):
        """reading.mlp's sample-by-sample Network and the engine (no shuffle, mean) train to the same weights, to 1e-12."""
        rng = random.Random(4)
        x = [[rng.random() for _ in range(6)] for _ in range(24)]
        y = [[1.0, 0.0, 0.0] if r[0] > 0.6 else [0.0, 1.0, 0.0] if r[1] > 0.5 else [0.0, 0.0, 1.0] for r in x]
        reading = mlp.Network([6, 5, 3], output=output, seed=2)
        reading.train(mlp.data_points(x, y), learning_rate=0.3, epochs=3, batch_size=batch_size)
        engine = Network([6, 5, 3], output_activation=output, loss=loss, seed=2)
        engine.train(x, y, epochs=3, learning_rate=0.3, batch_size=batch_size, shuffle=False)
        mine = [v for layer in engine.layers for w, b in zip(layer.weights, layer.biases) for v in w + [b]]
        theirs = [v for layer in reading.layers for n in layer.neurons for v in n.weights + [n.bias]]
        assert len(mine) == len(theirs) == 6 * 5 + 5 + 5 * 3 + 3
        assert max(abs(a - b) for a, b in zip(mine, theirs)) <= 1e-12
        predicted = [v for row in reading.predict(x[:3]) for v in row]
        assert predicted == pytest.approx([v for row in engine.predict(x[:3]) for v in row], abs=1e-12)

    def test_mean_reduction_divides_by_the_batch(self):
        """With one full batch of n rows, 'mean' at lr equals 'sum' at lr / n (SGD)."""
        xs = [[0.1, 0.2], [0.3, -0.1], [0.5, 0.5], [-0.2, 0.4]]
        ys = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
        a, b = Network([2, 3, 2], seed=4), Network([2, 3, 2], seed=4)
        a.train(xs, ys, epochs=3, learning_rate=0.8, reduction="mean", shuffle=False)
        b.train(xs, ys, epochs=3, learning_rate=0.2, reduction="sum", shuffle=False)
        assert flat_parameters(a) == pytest.approx(flat_parameters(b), abs=1e-15)

    def test_early_stopping_restores_the_best_weights(self):
        """With patience, training stops after the validation loss stalls and keeps the best epoch's weights."""
        rng = random.Random(3)
        # A small noisy training set that a wide network overfits; validation rows follow the true rule.
        xs = [[rng.uniform(-1, 1) for _ in range(5)] for _ in range(30)]
        ys = [[1.0, 0.0] if (x[0] > 0) != (rng.random() < 0.3) else [0.0, 1.0] for x in xs]
        val_x = [[rng.uniform(-1, 1) for _ in range(5)] for _ in range(40)]
        val_y = [[1.0, 0.0] if x[0] > 0 else [0.0, 1.0] for x in val_x]
        net = Network([5, 40, 2], hidden_activation="tanh", seed=1)
        snapshots = {}

        def remember(epoch, history):
            snapshots[epoch] = flat_parameters(net)

        history = net.train(xs, ys, epochs=300, learning_rate=0.05, optimizer="adam", batch_size=10,
                            validation=(val_x, val_y), patience=5, on_epoch=remember)
        assert history.stopped_early and history.epochs < 300
        best = history.val_loss.index(min(history.val_loss)) + 1
        assert history.best_epoch == best
        assert history.epochs == best + 5
        assert flat_parameters(net) == snapshots[best]
        outputs = net.predict(val_x)
        val_loss = sum(LOSSES[net.loss].function(a, t) for a, t in zip(outputs, val_y)) / len(val_x)
        assert val_loss == pytest.approx(history.val_loss[best - 1], abs=1e-12)

    def test_on_epoch_returning_false_stops(self):
        """on_epoch can stop training early by returning False."""
        history = Network([1, 2], seed=0).train([[0.0]], [[1.0, 0.0]], epochs=50, learning_rate=0.1,
                                                on_epoch=lambda epoch, h: epoch < 3)
        assert history.epochs == 3

    def test_divergence_is_a_clear_error_and_leaves_no_nan(self):
        """A far too large learning rate stops with an error naming the epoch; weights stay finite."""
        xs = [[float(i)] for i in range(1, 6)]
        ys = [[10.0 * i] for i in range(1, 6)]
        net = Network([1, 8, 1], hidden_activation="relu", output_activation="linear",
                      loss="squared_error", init="he", seed=0)
        with pytest.raises(TrainingError, match=r"training diverged in epoch (\d+): the loss became .*"
                                                r"Try a smaller learning_rate than 10.0") as info:
            net.train(xs, ys, epochs=100, learning_rate=10.0, reduction="sum")
        epoch = int(info.value.args[0].split("epoch ")[1].split(":")[0])
        assert info.value.history.epochs == epoch - 1
        assert all(math.isfinite(v) for v in flat_parameters(net))

    def test_xor_trains_with_every_optimizer(self):
        """SGD, momentum and Adam all learn XOR on a small tanh network."""
        xs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
        ys = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
        for optimizer, lr in (("sgd", 1.0), ("momentum", 0.3), ("adam", 0.05)):
            net = Network([2, 8, 2], hidden_activation="tanh", seed=0)
            net.train(xs, ys, epochs=400, learning_rate=lr, optimizer=optimizer)
            assert net.evaluate(xs, ys) == 1.0, optimizer


class TestDigits:
    @pytest.mark.slow
    def test_digits_reach_95_percent(self):
        """64-32-10 on a seeded 80/20 split of the 1797 digits scores at least 0.95 (the demo's settings)."""
        data = load_csv(DATASETS / "digits" / "digits.csv", target="digit")
        assert len(data.inputs) == 1797 and len(data.columns) == 64 and len(data.classes) == 10
        x = [[v / 16.0 for v in row] for row in data.inputs]
        train_x, test_x, train_y, test_y = train_test_split(x, data.labels, test_fraction=0.2, seed=0)
        net = Network([64, 32, 10], seed=0)
        net.train(train_x, train_y, epochs=20, learning_rate=0.01, batch_size=32, optimizer="adam")
        assert net.evaluate(test_x, test_y) >= 0.95


class TestSaturation:
    def test_uniform01_saturates_a_784_128_10_sigmoid_network(self):
        """With the articles' [0, 1) weights, MNIST-like rows drive every hidden sigmoid to 1 and the slope to 0.

        Rows like MNIST digits: about 150 of 784 pixels lit, values in [0, 1].
        """
        rng = random.Random(0)
        rows = []
        for _ in range(20):
            row = [0.0] * 784
            for i in rng.sample(range(784), 150):
                row[i] = rng.random()
            rows.append(row)

        def hidden_stats(init):
            net = Network([784, 128, 10], init=init, seed=0)
            hidden = [net.layers[0].forward(r) for r in rows]
            values = [a for h in hidden for a in h]
            saturated = sum(a > 0.999 for a in values) / len(values)
            mean_slope = sum(a * (1 - a) for a in values) / len(values)
            return saturated, mean_slope

        saturated, slope = hidden_stats("uniform01")
        assert saturated == 1.0 and slope < 1e-6
        saturated, slope = hidden_stats("xavier")
        assert saturated == 0.0 and slope > 0.1


class TestErrors:
    """Bad arguments are refused before any work is done."""

    @pytest.mark.parametrize("sizes", [[4], [], [4, 0, 3], [4, 2.5], "4,3", None])
    def test_bad_sizes(self, sizes):
        with pytest.raises(TrainingError, match="sizes must list at least 2 layer widths"):
            Network(sizes)

    @pytest.mark.parametrize("kwargs, message", [
        ({"hidden_activation": "swish"}, "unknown hidden_activation 'swish'; choose one of leaky_relu, linear"),
        ({"loss": "hinge"}, "unknown loss 'hinge'; choose one of binary_cross_entropy, cross_entropy"),
        ({"init": "zeros"}, "unknown init 'zeros'; choose one of he, uniform01, xavier"),
        ({"output_activation": "relu"}, "loss 'cross_entropy' needs outputs between 0 and 1"),
    ])
    def test_bad_names(self, kwargs, message):
        with pytest.raises(TrainingError, match=message):
            Network([2, 2], **kwargs)

    @pytest.fixture
    def net(self):
        return Network([3, 4, 2], seed=0)

    def train_args(self, **changes):
        args = dict(inputs=[[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]], targets=[[1.0, 0.0], [0.0, 1.0]],
                    epochs=2, learning_rate=0.1)
        args.update(changes)
        return args

    @pytest.mark.parametrize("changes, error, message", [
        ({"inputs": [[0.1, 0.2], [0.3, 0.2]]}, DataError, r"inputs\[0\] has 2 values, expected 3"),
        ({"inputs": []}, DataError, "inputs is empty"),
        ({"targets": [[1.0, 0.0]]}, DataError, "inputs has 2 rows but targets has 1"),
        ({"targets": [[1.0], [0.0]]}, DataError, r"targets\[0\] has 1 values, expected 2"),
        ({"inputs": [[0.1, 0.2, "x"], [0.3, 0.2, 0.1]]}, DataError, r"inputs\[0\]\[2\]: expected a number"),
        ({"epochs": -1}, TrainingError, "epochs must be a whole number >= 0"),
        ({"learning_rate": 0}, TrainingError, "learning_rate must be a finite number > 0"),
        ({"batch_size": 0}, TrainingError, "batch_size must be a whole number >= 1"),
        ({"optimizer": "rmsprop"}, TrainingError, "unknown optimizer 'rmsprop'; choose one of adam, momentum, sgd"),
        ({"l2": -0.1}, TrainingError, "l2 must be a finite number >= 0"),
        ({"patience": 3}, TrainingError, "patience needs validation rows"),
        ({"validation_split": 0.5, "validation": ([[0.0] * 3], [[1.0, 0.0]])}, TrainingError, "not both"),
        ({"validation_split": 0.1}, TrainingError, "leaves 0 for validation"),
        ({"validation": ([[0.0] * 2], [[1.0, 0.0]])}, DataError, r"validation rows\[0\] has 2 values"),
        ({"reduction": "max"}, TrainingError, "reduction must be 'mean' or 'sum'"),
    ])
    def test_bad_training_arguments(self, net, changes, error, message):
        before = flat_parameters(net)
        with pytest.raises(error, match=message):
            net.train(**self.train_args(**changes))
        assert flat_parameters(net) == before

    def test_predict_wrong_width(self, net):
        with pytest.raises(DataError, match=r"rows\[0\] has 2 values, expected 3"):
            net.predict([[1.0, 2.0]])


class TestNormalizeStopMetadata:
    def test_normalize_learns_and_applies_the_scaling(self):
        """train(normalize=True) keeps the training rows' min-max scaling; predict applies it to raw rows."""
        rng = random.Random(0)
        x = [[rng.uniform(100, 200), rng.uniform(-5, 5)] for _ in range(40)]
        y = [[1.0, 0.0] if r[0] > 150 else [0.0, 1.0] for r in x]
        net = Network([2, 4, 2], seed=0)
        net.train(x, y, epochs=5, learning_rate=0.1, optimizer="adam", normalize=True)
        assert net.scaling.minimums == [min(r[0] for r in x), min(r[1] for r in x)]
        scaled = net.scaling.apply(x)
        assert net.predict(x) == [net.forward(r) for r in scaled]
        assert net.metadata["normalized"] is True

    def test_stop_ends_training_after_a_batch(self):
        """stop() returning True ends training after that batch; the history says so."""
        x = [[float(i % 7), float(i % 3)] for i in range(40)]
        y = [[1.0, 0.0] if i % 2 else [0.0, 1.0] for i in range(40)]
        calls = []

        def stop():
            calls.append(1)
            return len(calls) == 6  # the 6th batch: epoch 2 (4 batches an epoch), 2nd batch

        history = Network([2, 3, 2], seed=0).train(x, y, epochs=10, learning_rate=0.1, batch_size=10, stop=stop)
        assert history.interrupted and history.epochs == 2 and len(calls) == 6

    def test_metadata_records_the_run(self):
        """metadata holds what the last train call did."""
        net = Network([2, 2], seed=4)
        net.train([[0.0, 1.0], [1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], epochs=3, learning_rate=0.5,
                  optimizer="momentum", batch_size=1)
        m = net.metadata
        assert (m["epochs"], m["seed"], m["optimizer"], m["batch_size"], m["interrupted"]) == (3, 4, "momentum", 1, False)
        assert isinstance(m["final_loss"], float) and m["date"].endswith("Z")

    def test_metadata_adds_up_the_epochs_of_every_train_call(self):
        """Training in many short calls (as the playground does) records the epochs of all of them."""
        x, y = [[0.0, 1.0], [1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]
        net = Network([2, 2], seed=4)
        for _ in range(5):
            net.train(x, y, epochs=3, learning_rate=0.5)
        assert (net.metadata["epochs"], net.metadata["train_calls"]) == (15, 5)
        history = net.train(x, y, epochs=40, learning_rate=0.5, validation=(x, y), patience=2)
        m = net.metadata
        assert (m["epochs"], m["train_calls"]) == (15 + history.epochs, 6)
        assert history.best_epoch is not None and m["best_epoch"] == 15 + history.best_epoch


def test_an_optimizer_object_keeps_its_state_across_train_calls():
    """Two train calls of one epoch with one Adam object give the weights of one call of two epochs."""
    from nnscratch.optimizers import Adam

    x = [[0.1, 0.9], [0.8, 0.2], [0.4, 0.4], [0.9, 0.7]]
    y = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
    once, twice = Network([2, 3, 2], seed=5), Network([2, 3, 2], seed=5)
    once.train(x, y, epochs=2, learning_rate=0.05, optimizer="adam", batch_size=2, shuffle=False)
    adam = Adam(0.05)
    for _ in range(2):
        twice.train(x, y, epochs=1, learning_rate=0.05, optimizer=adam, batch_size=2, shuffle=False)
    assert adam.t == 4 and twice.metadata["optimizer"] == "adam"
    assert [l.weights for l in twice.layers] == [l.weights for l in once.layers]


def test_softmax_in_column_layout_is_the_row_softmax_bit_for_bit():
    """The engine's softmax_columns computes softmax(row) of every sample, operation for operation."""
    from nnscratch.engine.backprop import softmax_columns
    from nnscratch.maths.activations import softmax
    rng = random.Random(3)
    odd = [0.0, 1e308, -1e308, 745.0, -745.0, float("inf"), -float("inf"), float("nan")]
    for _ in range(500):
        neurons, samples = rng.randrange(1, 7), rng.randrange(1, 9)
        z = [[rng.choice(odd) if rng.random() < 0.1 else rng.gauss(0, 20) for _ in range(samples)]
             for _ in range(neurons)]
        want = [softmax(list(row)) for row in zip(*z)]
        got = [list(row) for row in zip(*softmax_columns(z))]
        assert list(map(repr, sum(got, []))) == list(map(repr, sum(want, []))), z
