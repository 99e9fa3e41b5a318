"""Same seed, same weights: trained weights pinned against values saved before the speed work.

``golden/weights.json`` was written by ``python tests/test_determinism.py`` at commit
"Pin trained weights before optimising" (CPython 3.11, where ``sum`` adds left to
right), before the inner loops were rewritten for speed. The optimised code must
reproduce those weights to 1e-12: faster, not different. The runs are short enough
that rounding differences (CPython 3.12's compensated ``sum``, ``math.sumprod``) stay
far below that.
"""

import json
import random
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden" / "weights.json"
ROOT = Path(__file__).resolve().parent.parent


def digits(n_rows=400):
    from nnscratch.data import load_csv

    data = load_csv(ROOT / "datasets" / "digits" / "digits.csv", target="digit")
    return [[v / 16.0 for v in row] for row in data.inputs[:n_rows]], data.labels[:n_rows]


def iris():
    from nnscratch.data import load_csv

    data = load_csv(ROOT / "datasets" / "iris" / "train.csv", one_hot=3)
    return data.inputs, data.labels


def weights_of(net):
    return [[list(row) for row in layer.weights] + [list(layer.biases)] for layer in net.layers]


def run(name):
    """Train the named configuration; return its weights as nested lists."""
    from nnscratch.network import Network
    from nnscratch.neuralnet import NeuralNet, NeuralNetConfig

    if name == "neuralnet_article_001_10_epochs":
        x, y = iris()
        config = NeuralNetConfig(input_neurons=4, output_neurons=3, hidden_neurons=3,
                                 num_epochs=10, learning_rate=0.3)
        net = NeuralNet(config, seed=0).train(x, y)
        return [net.w_hidden, [net.b_hidden], net.w_out, [net.b_out]]
    if name == "network_iris_article_full_batch_10_epochs":
        x, y = iris()
        net = Network([4, 3, 3], hidden_activation="sigmoid", output_activation="sigmoid",
                      loss="squared_error", init="uniform01", seed=0)
        net.train(x, y, epochs=10, learning_rate=0.3, shuffle=False, reduction="sum")
        return weights_of(net)
    if name == "network_digits_sgd_batch_32":
        x, y = digits()
        net = Network([64, 16, 10], seed=1)
        net.train(x, y, epochs=2, learning_rate=0.1, batch_size=32)
        return weights_of(net)
    if name == "network_digits_relu_adam_l2_split":
        x, y = digits()
        net = Network([64, 16, 12, 10], hidden_activation="relu", init="he", seed=2)
        net.train(x, y, epochs=2, learning_rate=0.005, batch_size=16, optimizer="adam", l2=1e-3,
                  validation_split=0.25)
        return weights_of(net)
    if name == "network_tanh_momentum_squared_error":
        rng = random.Random(5)
        x = [[rng.uniform(-1, 1) for _ in range(6)] for _ in range(50)]
        y = [[sum(r) / 6, r[0] * r[1]] for r in x]
        net = Network([6, 5, 2], hidden_activation="tanh", output_activation="linear",
                      loss="squared_error", seed=3)
        net.train(x, y, epochs=5, learning_rate=0.05, batch_size=10, optimizer="momentum")
        return weights_of(net)
    raise KeyError(name)


NAMES = [
    "neuralnet_article_001_10_epochs",
    "network_iris_article_full_batch_10_epochs",
    "network_digits_sgd_batch_32",
    "network_digits_relu_adam_l2_split",
    "network_tanh_momentum_squared_error",
]


def flatten(nested):
    if isinstance(nested, list):
        return [v for item in nested for v in flatten(item)]
    return [nested]


@pytest.mark.parametrize("name", NAMES)
def test_weights_match_the_values_saved_before_optimising(name):
    """Each configuration trains to the saved weights, to 1e-12."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    got = flatten(run(name))
    expected = flatten(golden)
    assert len(got) == len(expected) > 0
    assert max(abs(a - b) for a, b in zip(got, expected)) <= 1e-12


def test_two_runs_are_identical():
    """Within one interpreter, the same seed gives bit-identical weights."""
    assert run("network_digits_relu_adam_l2_split") == run("network_digits_relu_adam_l2_split")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    GOLDEN.write_text(json.dumps({name: run(name) for name in NAMES}) + "\n", encoding="utf-8")
    print("wrote", GOLDEN)
