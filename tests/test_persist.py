"""Model files: JSON round trips, atomic writes, every check, safetensors, and random corruptions (1,000 each with --slow)."""

import dataclasses
import json
import os
import random
import struct

import pytest

import nnscratch
from nnscratch import ModelFileError, NotTrainedError
from nnscratch.files import atomic as _files
from nnscratch.modelfile import FORMAT_VERSION
from nnscratch.network import Network
from nnscratch.neuralnet import ARTICLE_002, NeuralNet
from nnscratch.perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron

from conftest import DATASETS


def state(model):
    """Everything a model file holds about a model, but when it was saved."""
    doc = model.to_dict()
    return {k: v for k, v in doc.items() if k not in ("saved", "checksum")}


@pytest.fixture(scope="module")
def network():
    rng = random.Random(0)
    x = [[rng.random() for _ in range(4)] for _ in range(30)]
    y = [[1.0, 0.0, 0.0] if r[0] > 0.6 else [0.0, 1.0, 0.0] if r[1] > 0.5 else [0.0, 0.0, 1.0] for r in x]
    net = Network([4, 5, 3], hidden_activation="tanh", seed=1)
    net.train([[v * 10 for v in r] for r in x], y, epochs=3, learning_rate=0.05, optimizer="adam", normalize=True)
    net.classes, net.columns = ["a", "b", "c"], ["w", "x", "y", "z"]
    return net


@pytest.fixture(scope="module")
def models(network):
    iris = nnscratch.load_csv(DATASETS / "iris" / "train.csv", one_hot=3)
    neuralnet = NeuralNet(dataclasses.replace(ARTICLE_002, num_epochs=5), seed=2)
    neuralnet.train(iris.inputs, iris.labels)
    neuralnet.classes = iris.classes
    perceptron = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=50, seed=3).train()
    return {"network": network, "neuralnet": neuralnet, "perceptron": perceptron}


class TestRoundTrip:
    @pytest.mark.parametrize("kind", ["network", "neuralnet", "perceptron"])
    def test_every_kind_round_trips_exactly(self, models, kind, tmp_path):
        """save then load gives back every weight, name, scaling and metadata bit for bit."""
        path = tmp_path / "model.json"
        models[kind].save(path)
        loaded = nnscratch.load(path)
        assert type(loaded) is type(models[kind])
        assert state(loaded) == state(models[kind])

    def test_loaded_network_predicts_the_same(self, network, tmp_path):
        """A loaded network gives the same predictions, its scaling applied."""
        path = network.save(tmp_path / "m.json")
        rows = [[1.0, 2.0, 3.0, 4.0], [9.0, 0.5, 2.0, 7.0]]
        assert nnscratch.load(path).predict(rows) == network.predict(rows)

    def test_awkward_floats_round_trip(self, tmp_path):
        """Subnormal, huge and many-digit floats come back exactly."""
        net = Network([2, 2], output_activation="linear", loss="squared_error", seed=0)
        net.layers[0].weights = [[5e-324, 1.7976931348623157e308], [0.1 + 0.2, -2.0 ** -1074]]
        net.layers[0].biases = [1 / 3, -0.0]
        loaded = nnscratch.load(net.save(tmp_path / "m.json"))
        assert loaded.layers[0].weights == net.layers[0].weights
        assert loaded.layers[0].biases == net.layers[0].biases

    def test_untrained_models_cannot_be_saved(self, tmp_path):
        with pytest.raises(NotTrainedError, match="train"):
            NeuralNet(ARTICLE_002).save(tmp_path / "m.json")
        with pytest.raises(NotTrainedError, match="initialize"):
            Perceptron(TOY_INPUT, TOY_OUTPUT).save(tmp_path / "m.json")

    def test_nan_weights_are_refused(self, tmp_path):
        net = Network([2, 2], seed=0)
        net.layers[0].weights[0][0] = float("nan")
        with pytest.raises(ModelFileError, match="NaN or infinite"):
            net.save(tmp_path / "m.json")
        assert not (tmp_path / "m.json").exists()

    def test_file_is_readable_json_with_the_documented_keys(self, network, tmp_path):
        doc = json.loads(network.save(tmp_path / "m.json").read_text())
        assert doc["format"] == "nnscratch-model" and doc["version"] == FORMAT_VERSION
        assert doc["kind"] == "network" and doc["nnscratch_version"] == nnscratch.__version__
        assert doc["training"]["epochs"] == 3 and doc["training"]["seed"] == 1
        assert set(doc["training"]) >= {"final_loss", "date", "optimizer", "learning_rate", "interrupted"}
        assert doc["model"]["layers"][0]["weights"][0] == network.layers[0].weights[0]


class TestAtomicWrite:
    def test_a_failed_write_leaves_the_old_file(self, network, tmp_path, monkeypatch):
        """If writing dies midway (here: fsync fails), the old model file is intact and no temp file is left."""
        path = network.save(tmp_path / "m.json")
        before = path.read_bytes()

        def broken_fsync(fd):
            raise OSError("disk full")

        monkeypatch.setattr(_files.os, "fsync", broken_fsync)
        other = Network([4, 2], seed=9)
        with pytest.raises(OSError, match="disk full"):
            other.save(path)
        assert path.read_bytes() == before
        assert os.listdir(tmp_path) == ["m.json"]
        assert state(nnscratch.load(path)) == state(network)


class TestChecks:
    @pytest.fixture
    def doc(self, network):
        return network.to_dict()

    def check(self, tmp_path, doc, message, **kwargs):
        path = tmp_path / "m.json"
        path.write_text(json.dumps(doc))
        with pytest.raises(ModelFileError) as info:
            nnscratch.load(path, **kwargs)
        assert str(info.value).startswith(str(path) + ": ")
        assert message in str(info.value)
        return info.value

    def test_wrong_row_length_names_the_json_path(self, tmp_path, doc):
        doc["model"]["layers"][1]["weights"][2].pop()
        error = self.check(tmp_path, doc, "model.layers[1].weights[2]: expected 5 numbers, got 4")
        assert error.where == "model.layers[1].weights[2]"

    def test_edited_value_fails_the_checksum(self, tmp_path, doc):
        doc["model"]["layers"][0]["biases"][0] += 1e-9
        self.check(tmp_path, doc, "checksum: the checksum does not match")

    def test_edited_file_loads_without_checksum(self, tmp_path, doc):
        doc["model"]["layers"][0]["biases"][0] = 0.5
        path = tmp_path / "m.json"
        path.write_text(json.dumps(doc))
        assert nnscratch.load(path, verify_checksum=False).layers[0].biases[0] == 0.5

    def test_newer_version_is_refused(self, tmp_path, doc):
        doc["version"] = FORMAT_VERSION + 1
        self.check(tmp_path, doc, "written by a newer nnscratch (model file format version %d)" % (FORMAT_VERSION + 1))

    @pytest.mark.parametrize("change, message", [
        (lambda d: d.update(format="keras"), "not an nnscratch model file"),
        (lambda d: d.update(kind="forest"), "kind: unknown kind 'forest'"),
        (lambda d: d["model"].update(hidden_activation="swish"), "model.hidden_activation: unknown activation 'swish'"),
        (lambda d: d["model"]["layers"][0].update(activation="relu"), "model.layers[0].activation: expected 'tanh'"),
        (lambda d: d["model"]["layers"][0]["weights"][1].__setitem__(0, "x"), "model.layers[0].weights[1][0]: expected a number, got the string 'x'"),
        (lambda d: d["model"]["layers"][0]["weights"][1].__setitem__(0, True), "expected a number, got true"),
        (lambda d: d["model"]["sizes"].__setitem__(1, 0), "model.sizes[1]: expected a whole number from 1"),
        (lambda d: d["model"].update(sizes=[4, 10 ** 6, 10 ** 6, 3], layers=[]), "more than nnscratch loads"),
        (lambda d: d["model"].update(layers=d["model"]["layers"][:1]), "model.layers: expected 2 layers"),
        (lambda d: d.update(classes=["a", "b"]), "classes: expected null or a list of 3 names"),
        (lambda d: d["scaling"]["minimums"].pop(), "scaling.minimums: expected 4 numbers, got 3"),
        (lambda d: d.update(extra=1), "extra: unknown key 'extra'"),
        (lambda d: d.pop("model"), "missing key 'model'"),
        (lambda d: d["training"].update(history=[1, 2]), "training.history: expected a number, string"),
        (lambda d: d["model"].update(loss="hinge"), "model.loss: unknown loss 'hinge'"),
    ])
    def test_bad_values(self, tmp_path, doc, change, message):
        change(doc)
        self.check(tmp_path, doc, message, verify_checksum=False)

    def test_nan_in_json_is_refused(self, tmp_path, network):
        """NaN is not JSON; Python's json reads it, the loader refuses it where it stands."""
        text = json.dumps(network.to_dict()).replace(json.dumps(network.layers[0].biases[0]), "NaN", 1)
        path = tmp_path / "m.json"
        path.write_text(text)
        with pytest.raises(ModelFileError, match=r"model\.layers\[0\]\.biases\[0\]: expected a finite number, got NaN"):
            nnscratch.load(path)

    @pytest.mark.parametrize("content, message", [
        (b"", "not valid JSON: Expecting value at line 1, column 1"),
        (b"{\"format\": ", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8 text"),
        (b"[1, 2]", "not an nnscratch model file"),
    ])
    def test_not_a_model_file(self, tmp_path, content, message):
        path = tmp_path / "m.json"
        path.write_bytes(content)
        with pytest.raises(ModelFileError, match=message):
            nnscratch.load(path)


def corruptions(data, count, seed):
    """Yield ``count`` seeded random corruptions of bytes: flips, replacements, deletions, insertions, truncations."""
    rng = random.Random(seed)
    for _ in range(count):
        b = bytearray(data)
        kind = rng.randrange(6)
        i = rng.randrange(len(b))
        if kind == 0:
            b[i] ^= 1 << rng.randrange(8)
        elif kind == 1:
            b[i] = rng.randrange(256)
        elif kind == 2:
            del b[i:i + rng.randrange(1, 16)]
        elif kind == 3:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        elif kind == 4:
            del b[i:]
        else:
            b[i] = rng.choice(b" \t\n0123456789.,-e[]{}\":")
        yield bytes(b)


def survive_mutations(original, path, loader, expected, seed, count):
    """Load count corruptions of a file: each must give the expected state or raise ModelFileError."""
    same = refused = 0
    for mutant in corruptions(original, count, seed=seed):
        path.write_bytes(mutant)
        try:
            loaded = loader(path)
        except ModelFileError:
            refused += 1
            continue
        assert state(loaded) == expected, mutant
        same += 1
    assert same + refused == count and refused > 0.9 * count


MUTATION_COUNTS = [100, pytest.param(1000, marks=pytest.mark.slow)]


class TestMutations:
    """Random corruptions (1,000 each with --slow): every one loads to exactly the same model, or raises ModelFileError."""

    @pytest.mark.parametrize("count", MUTATION_COUNTS)
    def test_json_model_file(self, network, tmp_path, count):
        original = network.save(tmp_path / "m.json").read_bytes()
        survive_mutations(original, tmp_path / "mutant.json", nnscratch.load, state(network), seed=1, count=count)

    @pytest.mark.parametrize("count", MUTATION_COUNTS)
    def test_safetensors_file(self, network, tmp_path, count):
        original = nnscratch.export_safetensors(network, tmp_path / "m.safetensors", dtype="F64").read_bytes()
        expected = state(nnscratch.load_safetensors(tmp_path / "m.safetensors"))
        survive_mutations(original, tmp_path / "mutant.safetensors", nnscratch.load_safetensors, expected, seed=2,
                          count=count)


class TestSafetensors:
    def test_f64_round_trip_is_exact(self, network, tmp_path):
        path = nnscratch.export_safetensors(network, tmp_path / "m.safetensors", dtype="F64")
        loaded = nnscratch.load_safetensors(path)
        assert [l.weights for l in loaded.layers] == [l.weights for l in network.layers]
        assert [l.activation for l in loaded.layers] == ["tanh", "softmax"]
        assert (loaded.classes, loaded.columns, loaded.scaling) == (network.classes, network.columns, network.scaling)

    def test_f32_rounds_to_32_bits(self, network, tmp_path):
        path = nnscratch.export_safetensors(network, tmp_path / "m.safetensors")
        loaded = nnscratch.load_safetensors(path)
        w, w32 = network.layers[0].weights[0][0], loaded.layers[0].weights[0][0]
        assert w32 == struct.unpack("<f", struct.pack("<f", w))[0] and abs(w - w32) < 1e-7

    def test_layout(self, network, tmp_path):
        """8-byte little-endian header length, JSON header with PyTorch Sequential names, aligned data."""
        data = nnscratch.export_safetensors(network, tmp_path / "m.safetensors").read_bytes()
        (n,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + n])
        assert (8 + n) % 8 == 0
        assert sorted(header) == ["0.bias", "0.weight", "2.bias", "2.weight", "__metadata__"]
        assert header["0.weight"] == {"dtype": "F32", "shape": [5, 4], "data_offsets": [0, 80]}
        assert header["2.bias"]["data_offsets"][1] == len(data) - 8 - n
        assert json.loads(header["__metadata__"]["activations"]) == ["tanh", "softmax"]

    @pytest.mark.parametrize("change, message", [
        (lambda d: d[:8] + b"\xff" * 0 + d[8:-4], "outside the"),
        (lambda d: struct.pack("<Q", 10 ** 9) + d[8:], "more than the 100000000 allowed"),
        (lambda d: struct.pack("<Q", len(d)) + d[8:], "but the file has only"),
        (lambda d: d[:4], "too short for a safetensors file"),
    ])
    def test_bad_files(self, network, tmp_path, change, message):
        data = nnscratch.export_safetensors(network, tmp_path / "m.safetensors").read_bytes()
        path = tmp_path / "bad.safetensors"
        path.write_bytes(change(data))
        with pytest.raises(ModelFileError, match=message):
            nnscratch.load_safetensors(path)

    def test_overlapping_tensors(self, network, tmp_path):
        data = nnscratch.export_safetensors(network, tmp_path / "m.safetensors").read_bytes()
        (n,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + n])
        header["0.bias"]["data_offsets"] = [60, 80]  # inside 0.weight
        del header["__metadata__"]["sha256"]
        text = json.dumps(header).encode()
        path = tmp_path / "bad.safetensors"
        path.write_bytes(struct.pack("<Q", len(text)) + text + data[8 + n:])
        with pytest.raises(ModelFileError, match="overlaps another tensor|gap"):
            nnscratch.load_safetensors(path)

    def test_only_networks(self, tmp_path):
        with pytest.raises(TypeError, match="takes a Network"):
            nnscratch.export_safetensors(Perceptron(TOY_INPUT, TOY_OUTPUT).initialize(), tmp_path / "p")

    def test_reads_a_plain_linear_stack_with_given_activations(self, network, tmp_path):
        """A file without nnscratch metadata (as PyTorch saves one) loads when activations are given."""
        data = nnscratch.export_safetensors(network, tmp_path / "m.safetensors", dtype="F64").read_bytes()
        (n,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + n])
        del header["__metadata__"]
        text = json.dumps(header).encode()
        path = tmp_path / "plain.safetensors"
        path.write_bytes(struct.pack("<Q", len(text)) + text + data[8 + n:])
        with pytest.raises(ModelFileError, match="pass activations"):
            nnscratch.load_safetensors(path)
        loaded = nnscratch.load_safetensors(path, activations=["tanh", "softmax"])
        assert [l.weights for l in loaded.layers] == [l.weights for l in network.layers]


def test_safetensors_library_reads_the_export(network, tmp_path):
    """With numpy and safetensors installed, safetensors.numpy loads the file and finds the weights."""
    pytest.importorskip("numpy", reason="numpy not installed")
    st = pytest.importorskip("safetensors.numpy", reason="safetensors not installed")
    for dtype in ("F32", "F64"):
        path = nnscratch.export_safetensors(network, tmp_path / ("m-%s.safetensors" % dtype), dtype=dtype)
        tensors = st.load_file(str(path))
        assert sorted(tensors) == ["0.bias", "0.weight", "2.bias", "2.weight"]
        assert tensors["0.weight"].shape == (5, 4) and tensors["2.bias"].shape == (3,)
        tolerance = 1e-7 if dtype == "F32" else 0.0
        for i, layer in enumerate(network.layers):
            got = tensors["%d.weight" % (2 * i)].tolist()
            assert all(abs(a - b) <= tolerance for ra, rb in zip(got, layer.weights) for a, b in zip(ra, rb))


def test_pytorch_runs_the_readme_lines(tmp_path, monkeypatch, capsys):
    """With torch and safetensors installed, the README's five PyTorch lines load the export and agree."""
    torch = pytest.importorskip("torch", reason="torch not installed")
    pytest.importorskip("safetensors.torch", reason="safetensors not installed")
    import re

    from conftest import ROOT

    block = next(b for b in re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
                 if "import torch" in b)
    net = Network([4, 5, 3], seed=0)
    monkeypatch.chdir(tmp_path)
    nnscratch.export_safetensors(net, "model.safetensors")
    namespace = {}
    exec(compile(block, "README.md", "exec"), namespace)
    theirs = namespace["model"](torch.tensor([[5.1, 3.5, 1.4, 0.2]]))[0].tolist()
    assert theirs == pytest.approx(net.predict([[5.1, 3.5, 1.4, 0.2]])[0], abs=1e-6)
