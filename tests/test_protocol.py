"""One model protocol and one error family: every model, the same answers to the same calls."""

import math
from decimal import Decimal

import pytest

from nnscratch import (
    ARTICLE_001,
    DataError,
    MinMaxScaling,
    NeuralNet,
    Network,
    NNScratchError,
    NotTrainedError,
    Perceptron,
)
from nnscratch.errors import ArgumentTypeError
from nnscratch.files.persist import model_classes
from nnscratch.reading import mlp

X = [[0.0, 0.1, 0.2, 0.3], [1.0, 0.9, 0.8, 0.7], [0.5, 0.5, 0.5, 0.5]]
Y = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]


def trained_models():
    """One trained model of each kind, each taking 4 inputs."""
    perceptron = Perceptron(X, [0.0, 1.0, 1.0], epochs=5, seed=0).train()
    neuralnet = NeuralNet(ARTICLE_001.__class__(4, 3, 3, num_epochs=5, learning_rate=0.3), seed=0).train(X, Y)
    reading = mlp.Network([4, 3, 3], output="softmax", seed=0).train(mlp.data_points(X, Y), 0.3, 5)
    engine = Network([4, 3, 3], seed=0)
    engine.train(X, Y, epochs=5, learning_rate=0.3)
    return {"Perceptron": perceptron, "NeuralNet": neuralnet, "reading.mlp.Network": reading, "Network": engine}


MODELS = sorted(trained_models())

#: Rows that no model may take, for a 4-input model.
BAD_ROWS = [
    ("a row of the wrong width", [[0.0, 1.0, 2.0]]),
    ("ragged rows", [[0.0, 1.0, 2.0, 3.0], [0.0, 1.0]]),
    ("a cell that is not a number", [[0.0, "x", 2.0, 3.0]]),
    ("NaN", [[0.0, math.nan, 2.0, 3.0]]),
    ("infinity", [[0.0, math.inf, 2.0, 3.0]]),
    ("no rows", []),
    ("a string instead of rows", "0,1,2,3"),
    ("an int too large for a float", [[10 ** 400, 0.0, 0.0, 0.0]]),
    ("a Decimal cell", [[Decimal("0.5"), 0.0, 0.0, 0.0]]),
    ("a row that is a number", [5.0]),
]


def train_with(name, rows):
    """Train a fresh model of this kind on rows (with fitting targets where the rows allow)."""
    targets = [Y[i % 3] for i in range(len(rows))] if isinstance(rows, list) else Y
    if name == "Perceptron":
        return Perceptron(rows, [t[0] for t in targets], epochs=1).train()
    if name == "NeuralNet":
        return NeuralNet(ARTICLE_001, seed=0).train(rows, targets)
    if name == "reading.mlp.Network":
        points = [mlp.DataPoint(x, t) for x, t in zip(rows, targets)] if isinstance(rows, list) else rows
        return mlp.Network([4, 3, 3], seed=0).train(points, 0.1, 1)
    return Network([4, 3, 3], seed=0).train(rows, targets, epochs=1, learning_rate=0.1)


class TestOneProtocol:
    @pytest.mark.parametrize("name", MODELS)
    def test_every_model_speaks_it(self, name):
        """predict(rows) -> rows, n_inputs, n_outputs, classes, columns and scaling, on every model."""
        model = trained_models()[name]
        assert model.n_inputs == 4
        outputs = model.predict(X)
        assert len(outputs) == len(X) and all(len(row) == model.n_outputs for row in outputs)
        assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for row in outputs for v in row)
        assert model.classes is None and model.columns is None and model.scaling is None
        assert len(model_classes(model)) == max(2, model.n_outputs)

    @pytest.mark.parametrize("name", MODELS)
    def test_predict_applies_the_scaling(self, name):
        """With a scaling set, predict(raw rows) equals predict of the rows scaled by hand."""
        model = trained_models()[name]
        raw = [[2 * v + 1 for v in row] for row in X]
        unscaled = model.predict(X)
        model.scaling = MinMaxScaling([1.0] * 4, [3.0] * 4)  # (v - 1) / 2 gives back X
        scaled = model.predict(raw)
        assert [v for row in scaled for v in row] == pytest.approx([v for row in unscaled for v in row], abs=1e-12)

    @pytest.mark.parametrize("name", ["Perceptron", "NeuralNet"])
    def test_predict_before_training_is_refused(self, name):
        model = Perceptron(X, [0.0, 1.0, 1.0]) if name == "Perceptron" else NeuralNet(ARTICLE_001)
        with pytest.raises(NotTrainedError):
            model.predict(X)


class TestOneErrorFamily:
    @pytest.mark.parametrize("name", MODELS)
    @pytest.mark.parametrize("what, rows", BAD_ROWS, ids=[what for what, _ in BAD_ROWS])
    def test_the_same_bad_rows_raise_the_same_error_from_predict(self, name, what, rows):
        """A bad table is a DataError from every model's predict."""
        with pytest.raises(DataError):
            trained_models()[name].predict(rows)

    @pytest.mark.parametrize("name", MODELS)
    @pytest.mark.parametrize("what, rows", BAD_ROWS, ids=[what for what, _ in BAD_ROWS])
    def test_the_same_bad_rows_raise_the_same_error_from_train(self, name, what, rows):
        """A bad table is a DataError from every model's train (a bad list of data points too)."""
        if name == "Perceptron" and what == "a row of the wrong width":
            pytest.skip("a new Perceptron takes its width from its table: any one width is right")
        with pytest.raises(NNScratchError) as caught:
            train_with(name, rows)
        expected = DataError
        if name == "reading.mlp.Network" and not (isinstance(rows, list) and rows and isinstance(rows[0], list)):
            expected = NNScratchError  # not a list of DataPoints at all: a TrainingError saying so
        assert isinstance(caught.value, expected)

    def test_forward_pass_and_train_agree(self):
        """The perceptron's forward_pass and train raise the same class for a row of the wrong width."""
        perceptron = trained_models()["Perceptron"]
        with pytest.raises(DataError):
            perceptron.forward_pass([1.0, 2.0])
        with pytest.raises(DataError):
            Perceptron([[1.0, 2.0], [1.0]], [0.0, 1.0]).train()

    def test_a_wrong_type_is_also_a_type_error(self):
        with pytest.raises(TypeError) as caught:
            NeuralNet({"input_neurons": 4})
        assert isinstance(caught.value, ArgumentTypeError) and isinstance(caught.value, ValueError)
