"""Hostile model files: each finding of the loading review as a case, then a seeded fuzzer.

Every case writes a file (JSON model file or safetensors), loads it, and
checks the outcome: a ``ModelFileError`` whose message starts with the file's
path and names the field (its JSON path, or the header entry), or, for the
files that must load (a byte order mark, odd characters in names), the model.
"""

import copy
import json
import math
import os
import random
import struct
import sys
import tempfile
import threading
import time

import pytest

import nnscratch
from nnscratch import Network, NeuralNet, NNScratchError, Perceptron
from nnscratch.errors import ModelFileError
from nnscratch.files import persist
from nnscratch.files import safetensors as st
from nnscratch.files import untrusted
from nnscratch.files.modelfile import checksum, to_dict
from nnscratch.maths import init as inits
from nnscratch.reading.gophernet import NeuralNetConfig

# ----- the valid files every case starts from -------------------------------------------


def network_model():
    """A 4-5-3 network trained a few epochs, with every optional part: classes, columns, scaling, metadata."""
    rng = random.Random(0)
    x = [[rng.uniform(0, 8) for _ in range(4)] for _ in range(12)]
    y = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]] * 4
    net = Network([4, 5, 3], hidden_activation="tanh", seed=1)
    net.train(x, y, epochs=3, learning_rate=0.1, normalize=True)
    net.classes, net.columns = ["setosa", "versicolor", "virginica"], ["a", "b", "c", "d"]
    return net


def neuralnet_model():
    net = NeuralNet(NeuralNetConfig(4, 3, 3, num_epochs=5, learning_rate=0.3), seed=2)
    net.w_hidden, net.b_hidden, net.w_out, net.b_out = net.initial_weights()
    return net


def perceptron_model():
    return Perceptron([[0.0, 1.0], [1.0, 0.0]], [0.0, 1.0], epochs=3, seed=3).initialize()


MODELS = {"network": network_model(), "neuralnet": neuralnet_model(), "perceptron": perceptron_model()}
DOCS = {kind: to_dict(model) for kind, model in MODELS.items()}
assert sorted(DOCS) == ["network", "neuralnet", "perceptron"], "the fixtures were not built"

#: Stands for a value in a document, to be replaced in its JSON text by a token json.dumps cannot write.
MARK = "@@token@@"


def doc(kind="network", change=None):
    """A fresh copy of a kind's model-file object, changed by change(d), its checksum made right again."""
    d = copy.deepcopy(DOCS[kind])
    if change:
        change(d)
    try:
        d["checksum"] = checksum(d)
    except (TypeError, ValueError):  # a value no model file may hold: refused before the checksum
        pass
    return d


def text_with(kind, place, token):
    """A kind's JSON text with the value at place (a function setting MARK) written as the raw token."""
    return json.dumps(doc(kind, place)).replace(json.dumps(MARK), token, 1).encode("utf-8")


def put(*keys):
    """A change setting the value at a path of keys to MARK."""
    def change(d):
        for key in keys[:-1]:
            d = d[key]
        d[keys[-1]] = MARK
    return change


def safetensors_parts(dtype="F64"):
    """(header object, data bytes) of the network's safetensors export."""
    blob = st_bytes(dtype)
    (n,) = struct.unpack("<Q", blob[:8])
    return json.loads(blob[8:8 + n]), blob[8 + n:]


def st_bytes(dtype="F64", _cache={}):
    """The bytes of the network exported to safetensors (made once)."""
    if dtype not in _cache:
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "m.safetensors")
            st.export_safetensors(MODELS["network"], path, dtype=dtype)
            with open(path, "rb") as f:
                _cache[dtype] = f.read()
    return _cache[dtype]


def packed(change=None, header_text=None, keep_digest=False):
    """A safetensors file of the network, its header changed by change(h) (or replaced by header_text)."""
    header, data = safetensors_parts()
    if change:
        change(header)
    if not keep_digest and isinstance(header.get("__metadata__"), dict):
        header["__metadata__"].pop("sha256", None)
    text = header_text if header_text is not None else json.dumps(header).encode("utf-8")
    return struct.pack("<Q", len(text)) + text + data


# ----- the cases: (name, loader, file maker, expected error, where, message fragment) -----------

LOAD, SAFETENSORS = "load", "load_safetensors"


def bytes_of(make):
    """A file maker writing the bytes (or the JSON of the object) make() returns to tmp_path/model."""
    def maker(tmp_path):
        content = make()
        if isinstance(content, dict):
            content = json.dumps(content).encode("utf-8")
        path = tmp_path / "model"
        path.write_bytes(content)
        return path
    return maker


def special(kind):
    """A file maker returning a path that is not a regular file: a folder, a FIFO, /dev/zero."""
    def maker(tmp_path):
        if kind == "folder":
            path = tmp_path / "model"
            path.mkdir()
            return path
        if kind == "fifo":
            if not hasattr(os, "mkfifo"):
                pytest.skip("no FIFOs here")
            path = tmp_path / "model"
            os.mkfifo(str(path))
            return path
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        return "/dev/zero"
    return maker


def changed(kind, change):
    """A file maker: the kind's file, changed by change(d)."""
    return bytes_of(lambda: doc(kind, change))


def value_at(kind, keys, value):
    """A file maker: the kind's file with value at the path of keys."""
    def change(d):
        for key in keys[:-1]:
            d = d[key]
        d[keys[-1]] = value
    return changed(kind, change)


def token_at(kind, keys, token):
    """A file maker: the kind's file with the raw JSON token at the path of keys."""
    return bytes_of(lambda: text_with(kind, put(*keys), token))


def text_replaced(kind, old, new):
    """A file maker: the kind's JSON text with the first old replaced by new."""
    return bytes_of(lambda: json.dumps(doc(kind)).replace(old, new, 1).encode())


def raw(content):
    return bytes_of(lambda: content)


def st_changed(change):
    """A file maker: the safetensors file, its header changed by change(h)."""
    return bytes_of(lambda: packed(change))


def st_meta(key, value):
    """A file maker: the safetensors file with the metadata's key set to value (a string)."""
    return st_changed(lambda h: h["__metadata__"].update({key: value}))


def st_text(old, new):
    """A file maker: the safetensors file, its header's JSON text with old replaced by new."""
    return bytes_of(lambda: packed(
        header_text=json.dumps(safetensors_parts()[0]).replace(old, new, 1).encode()))


def empty_layers(d):
    d["model"].update(sizes=[7000, 7000, 1], layers=[])


def hollow_layers(d):
    d["model"].update(sizes=[7000, 7000, 1], layers=[
        {"activation": "tanh", "weights": [], "biases": []},
        {"activation": "softmax", "weights": [], "biases": []}])


def huge_neuralnet(d):
    d["model"]["config"].update(input_neurons=7000, hidden_neurons=7000)
    d["model"].update(w_hidden=[], b_hidden=[], w_out=[], b_out=[])


def linear_output(d):
    d["model"].update(output_activation="linear")
    d["model"]["layers"][1].update(activation="linear")


def odd_names(d):
    d.update(classes=["\x1b]0;owned\x07", "\x1b[31mred", "\u202eevil"], columns=["\x00", "\r", "\ud800", ""])
    d["training"].update(target="\x1b[2J", note="\x9b")


DEEP = 100_000
W12 = ("model", "layers", 0, "weights", 1, 2)
W12_PATH = "model.layers[0].weights[1][2]"
BIG = "9" * 400
BOM = b"\xef\xbb\xbf"

CASES = [
    # 1. Declared shapes are checked against the data before anything of their size is made.
    ("network sizes 7000x7000, no layers", LOAD, changed("network", empty_layers),
     ModelFileError, "model.layers", "expected 2 layers (one per pair of sizes), got 0"),
    ("network sizes 7000x7000, empty layers", LOAD, changed("network", hollow_layers),
     ModelFileError, "model.layers[0].weights", "expected 7000 rows, got 0"),
    ("network over the parameter limit", LOAD,
     value_at("network", ("model", "sizes"), [4, 10 ** 6, 10 ** 6, 3]),
     ModelFileError, "model.sizes", "more than nnscratch loads"),
    ("network width as a 400-digit number", LOAD, value_at("network", ("model", "sizes", 1), 10 ** 400),
     ModelFileError, "model.sizes[1]",
     "expected a whole number from 1 to 1000000, got a whole number of about"),
    ("neuralnet 7000x7000, empty weights", LOAD, changed("neuralnet", huge_neuralnet),
     ModelFileError, "model.w_hidden", "expected 7000 rows, got 0"),
    ("perceptron with no weights", LOAD, value_at("perceptron", ("model", "weights"), []),
     ModelFileError, "model.weights", "expected a list of 1 to 1000000 numbers"),
    ("safetensors shape 10^7 x 10^7", SAFETENSORS,
     st_changed(lambda h: h["0.weight"].update(shape=[10 ** 7] * 2)),
     ModelFileError, "0.weight.data_offsets", "needs 800000000000000 bytes, the offsets give 160"),
    ("safetensors shape of a 400-digit size", SAFETENSORS,
     st_changed(lambda h: h["0.weight"].update(shape=[10 ** 400, 4])),
     ModelFileError, "0.weight.shape", "expected a shape of 1 or 2 sizes"),
    ("safetensors offsets past the data", SAFETENSORS,
     st_changed(lambda h: h["0.weight"].update(data_offsets=[0, 10 ** 400])),
     ModelFileError, "0.weight.data_offsets", "is outside the"),
    ("safetensors header length of 2^64 - 1", SAFETENSORS,
     bytes_of(lambda: struct.pack("<Q", 2 ** 64 - 1) + st_bytes()[8:]),
     ModelFileError, "header length", "more than the 100000000 allowed"),
    ("safetensors header not an object", SAFETENSORS, bytes_of(lambda: packed(header_text=b"[1, 2]")),
     ModelFileError, "header", "expected a JSON object, got [1, 2]"),
    # 2. Only regular files, and the read itself is bounded.
    ("a folder", LOAD, special("folder"), ModelFileError, None, "is a folder, not a model file"),
    ("a FIFO", LOAD, special("fifo"), ModelFileError, None, "is a FIFO (named pipe), not a model file"),
    ("/dev/zero", LOAD, special("zero"), ModelFileError, None, "is a character device, not a model file"),
    ("a folder, as safetensors", SAFETENSORS, special("folder"), ModelFileError, None, "is a folder"),
    ("a FIFO, as safetensors", SAFETENSORS, special("fifo"), ModelFileError, None, "is a FIFO"),
    ("/dev/zero, as safetensors", SAFETENSORS, special("zero"),
     ModelFileError, None, "is a character device"),
    # 3. Numbers JSON allows and floats cannot hold; tokens that are not JSON; broken text.
    ("a 400-digit weight", LOAD, token_at("network", W12, BIG),
     ModelFileError, W12_PATH,
     "expected a number, got a whole number of about 400 digits, too large for a float"),
    ("a 5000-digit weight", LOAD, token_at("network", W12, "-" + "9" * 5000),
     ModelFileError, W12_PATH, "a whole number of 5000 digits (at most 1000 are read)"),
    ("1e999", LOAD, token_at("network", W12, "1e999"),
     ModelFileError, W12_PATH, "expected a finite number, got inf"),
    ("NaN", LOAD, token_at("network", W12, "NaN"),
     ModelFileError, W12_PATH, "expected a finite number, got NaN"),
    ("-Infinity bias", LOAD, token_at("network", ("model", "layers", 1, "biases", 0), "-Infinity"),
     ModelFileError, "model.layers[1].biases[0]", "expected a finite number, got -Infinity"),
    ("a bool as a weight", LOAD, value_at("network", W12, True),
     ModelFileError, W12_PATH, "expected a number, got true"),
    ("a string as a weight", LOAD, value_at("network", W12, "0.5"),
     ModelFileError, W12_PATH, "expected a number, got the string '0.5'"),
    ("null as a weight", LOAD, value_at("network", W12, None),
     ModelFileError, W12_PATH, "expected a number, got null"),
    ("a list as a weight", LOAD, value_at("network", W12, [1.0]),
     ModelFileError, W12_PATH, "expected a number, got [1.0]"),
    ("a 400-digit neuralnet weight", LOAD, token_at("neuralnet", ("model", "w_out", 2, 1), BIG),
     ModelFileError, "model.w_out[2][1]", "too large for a float"),
    ("a 400-digit perceptron bias", LOAD, token_at("perceptron", ("model", "bias"), BIG),
     ModelFileError, "model.bias", "too large for a float"),
    ("NaN learning rate", LOAD, token_at("neuralnet", ("model", "config", "learning_rate"), "NaN"),
     ModelFileError, "model.config.learning_rate", "expected a finite number, got NaN"),
    ("1e999 epochs", LOAD, token_at("perceptron", ("model", "epochs"), "1e999"),
     ModelFileError, "model.epochs", "expected a whole number, got the number inf"),
    ("1e999 in the scaling", LOAD, token_at("network", ("scaling", "minimums", 3), "1e999"),
     ModelFileError, "scaling.minimums[3]", "expected a finite number, got inf"),
    ("a 400-digit training value", LOAD, token_at("network", ("training", "epochs"), BIG),
     ModelFileError, "training.epochs", "too large for a float"),
    ("Infinity as a training value", LOAD, token_at("network", ("training", "final_loss"), "Infinity"),
     ModelFileError, "training.final_loss", "expected a finite number, got Infinity"),
    ("a 400-digit version", LOAD, token_at("network", ("version",), BIG),
     ModelFileError, "version",
     "written by a newer nnscratch (model file format version of about 400 digits)"),
    ("a seed that is a string", LOAD, value_at("neuralnet", ("model", "seed"), "abc"),
     ModelFileError, "model.seed", "expected a whole number or null, got the string 'abc'"),
    ("a scaling maximum below its minimum", LOAD, value_at("network", ("scaling", "maximums", 1), -1e9),
     ModelFileError, "scaling.maximums[1]", "expected a maximum at least the minimum"),
    ("a scaling range too wide for a float", LOAD,
     value_at("network", ("scaling",), {"minimums": [-1e308] * 4, "maximums": [1e308] * 4}),
     ModelFileError, "scaling.maximums[0]", "too wide for a float"),
    ("lists nested 100000 deep", LOAD, raw(b"[" * DEEP + b"]" * DEEP),
     ModelFileError, None, "not valid JSON: nested too deeply to read"),
    ("objects nested 100000 deep", LOAD, raw(b'{"a":' * DEEP + b"1" + b"}" * DEEP),
     ModelFileError, None, "not valid JSON: nested too deeply to read"),
    ("classes nested 500 deep", LOAD,
     text_replaced("network", '["setosa", "versicolor", "virginica"]', "[" * 500 + "]" * 500),
     ModelFileError, "classes", "expected null or a list of 3 names, got a list of 1 value"),
    ("invalid UTF-8", LOAD,
     bytes_of(lambda: json.dumps(doc("network")).encode().replace(b"setosa", b"set\xffsa")),
     ModelFileError, None, "not UTF-8 text (byte"),
    ("invalid UTF-8 after a byte order mark", LOAD, raw(BOM + b"{\"a\xff"),
     ModelFileError, None, "not UTF-8 text (byte 6)"),
    ("two byte order marks", LOAD, bytes_of(lambda: BOM * 2 + json.dumps(doc("network")).encode()),
     ModelFileError, None, "not valid JSON: Unexpected UTF-8 BOM"),
    ("a repeated top-level key", LOAD,
     text_replaced("network", '"kind": "network"', '"kind": "network", "kind": "perceptron"'),
     ModelFileError, "kind", "the key 'kind' appears twice in one object"),
    ("a repeated key in a layer", LOAD,
     text_replaced("network", '"activation": "tanh"', '"activation": "tanh", "activation": "tanh"'),
     ModelFileError, "model.layers[0].activation", "the key 'activation' appears twice"),
    ("a repeated key in the training metadata", LOAD,
     text_replaced("network", '"epochs": 3', '"epochs": 3, "epochs": 4'),
     ModelFileError, "training.epochs", "appears twice"),
    ("a repeated key in a safetensors header", SAFETENSORS,
     st_text('"0.bias": {', '"0.bias": {"dtype": "F64", '),
     ModelFileError, "0.bias.dtype", "the key 'dtype' appears twice"),
    ("NaN in a safetensors shape", SAFETENSORS, st_text('"shape": [5, 4]', '"shape": [NaN, 4]'),
     ModelFileError, "0.weight.shape", "got [NaN, 4]"),
    ("a 400-digit safetensors scaling", SAFETENSORS,
     st_meta("scaling", '{"minimums": [0, 0, 0, 0], "maximums": [1, 1, 1, %s]}' % BIG),
     ModelFileError, "__metadata__.scaling.maximums[3]", "too large for a float"),
    ("a string scaling in safetensors", SAFETENSORS,
     st_meta("scaling", '{"minimums": "1234", "maximums": "5678"}'),
     ModelFileError, "__metadata__.scaling.minimums", "expected a list of 4 numbers, got the string '1234'"),
    ("safetensors metadata not a string", SAFETENSORS, st_meta("loss", 1),
     ModelFileError, "__metadata__['loss']", "expected a string, got the number 1"),
    ("safetensors activations nested 100000 deep", SAFETENSORS,
     st_meta("activations", "[" * DEEP + "]" * DEEP),
     ModelFileError, "__metadata__.activations", "nested too deeply"),
    ("a cross-entropy loss on a linear output, safetensors", SAFETENSORS,
     st_meta("activations", '["tanh", "linear"]'),
     ModelFileError, "__metadata__", "needs outputs between 0 and 1"),
    ("a cross-entropy loss on a linear output", LOAD, changed("network", linear_output),
     ModelFileError, "model", "needs outputs between 0 and 1"),
    # 4. Names: strings, each different; any character is loaded (the front doors escape them).
    ("a class name that is a number", LOAD, value_at("network", ("classes", 1), 7),
     ModelFileError, "classes[1]", "expected a name (a string), got the number 7"),
    ("a column name that is null", LOAD, value_at("network", ("columns", 2), None),
     ModelFileError, "columns[2]", "expected a name (a string), got null"),
    ("a column name that is a list", LOAD, value_at("neuralnet", ("columns",), ["a", ["b"], "c", "d"]),
     ModelFileError, "columns[1]", "expected a name (a string), got a list of 1 value"),
    ("two classes of one name", LOAD, value_at("network", ("classes",), ["a", "b", "a"]),
     ModelFileError, "classes[2]", "'a' is also classes[0]"),
    ("two columns of one name", LOAD, value_at("network", ("columns",), ["w", "x", "y", "x"]),
     ModelFileError, "columns[3]", "'x' is also columns[1]"),
    ("two perceptron classes of one name", LOAD, value_at("perceptron", ("classes",), ["yes", "yes"]),
     ModelFileError, "classes[1]", "'yes' is also classes[0]"),
    ("a class name of 5000 characters", LOAD, value_at("network", ("classes", 0), "x" * 5000),
     ModelFileError, "classes[0]", "expected a name (a string) of at most 1000 characters, got 5000"),
    ("an unknown key of control characters", LOAD, value_at("network", ("\x1b]0;owned\x07",), 1),
     ModelFileError, "['\\x1b]0;owned\\x07']", "unknown key '\\x1b]0;owned\\x07'"),
    ("two columns of one name, safetensors", SAFETENSORS, st_meta("columns", '["a", "b", "a", "c"]'),
     ModelFileError, "__metadata__.columns[2]", "'a' is also __metadata__.columns[0]"),
    ("a class name that is a number, safetensors", SAFETENSORS, st_meta("classes", '["a", 2, "c"]'),
     ModelFileError, "__metadata__.classes[1]", "expected a name (a string), got the number 2"),
    # Files that must load.
    ("a byte order mark", LOAD, bytes_of(lambda: BOM + json.dumps(doc("network")).encode()),
     None, None, None),
    ("a byte order mark, safetensors", SAFETENSORS,
     bytes_of(lambda: packed(header_text=BOM + json.dumps(safetensors_parts()[0]).encode(),
                             keep_digest=True)),
     None, None, None),
    ("control characters in names and metadata", LOAD, changed("network", odd_names), None, None, None),
    ("whole numbers as weights", LOAD,
     value_at("network", ("model", "layers", 0), {"activation": "tanh", "weights": [[1, -2, 0, 3]] * 5,
                                                  "biases": [0] * 5}),
     None, None, None),
]


def load_with(loader):
    return nnscratch.load if loader == LOAD else nnscratch.load_safetensors


def run_in_time(function, seconds=10):
    """function() in a thread, which must end within seconds: a FIFO opened for reading can wait forever."""
    outcome = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as e:  # handed to the test below
            outcome["error"] = e

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "still loading after %d seconds" % seconds
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.mark.parametrize("name, loader, maker, error, where, fragment", CASES, ids=[c[0] for c in CASES])
def test_hostile_file(tmp_path, name, loader, maker, error, where, fragment):
    """Each hostile file raises its error, naming the file and the field; the good odd ones load."""
    path = maker(tmp_path)
    if error is None:
        model = run_in_time(lambda: load_with(loader)(path))
        assert isinstance(model, Network)
        return
    with pytest.raises(error) as info:
        run_in_time(lambda: load_with(loader)(path))
    message = str(info.value)
    assert message.startswith(str(path) + ": "), message
    assert info.value.where == where, message
    if where:
        assert message.startswith("%s: %s: " % (path, where)), message
    assert fragment in message, message
    assert "\x1b" not in message and "\x00" not in message, "control characters must reach no message raw"


def test_odd_strings_come_back_as_written(tmp_path):
    """Control characters, a lone surrogate and empty names load as they are; printing escapes them."""
    classes, columns = ["\x1b]0;owned\x07", "\x1b[31mred", "\u202eevil"], ["\x00", "\r", "\ud800", ""]
    path = tmp_path / "m.json"
    path.write_bytes(json.dumps(doc("network", lambda d: d.update(classes=classes, columns=columns)))
                     .encode())
    model = nnscratch.load(path)
    assert (model.classes, model.columns) == (classes, columns)


def test_whole_number_weights_load_as_floats(tmp_path):
    """A weight written as 3 loads as 3.0, so the model computes in floats only."""
    path = value_at("network", ("model", "layers", 0, "weights", 0, 0), 3)(tmp_path)
    weight = nnscratch.load(path).layers[0].weights[0][0]
    assert weight == 3.0 and type(weight) is float


class TestNothingIsAllocatedForDeclaredSizes:
    """A file that declares big shapes is refused before anything of their size is made."""

    def test_a_loaded_network_draws_no_initial_weights(self, tmp_path, monkeypatch):
        """Loading builds the network from its layers: no init function draws a layer of the file's sizes."""
        drawn = []
        for name, draw in list(inits.INITS.items()):
            monkeypatch.setitem(inits.INITS, name, lambda n_in, n_out, rng, draw=draw: (
                drawn.append((n_in, n_out)) or draw(n_in, n_out, rng)))
        path = tmp_path / "m.json"
        path.write_bytes(json.dumps(doc("network")).encode())
        loaded = nnscratch.load(path)
        assert loaded.sizes == [4, 5, 3] and [len(l.weights) for l in loaded.layers] == [5, 3]
        assert all(shape == (1, 1) for shape in drawn), drawn
        path.write_bytes(json.dumps(doc("network", hollow_layers)).encode())
        with pytest.raises(ModelFileError):
            nnscratch.load(path)
        assert all(shape == (1, 1) for shape in drawn), drawn

    @pytest.mark.skipif(sys.implementation.name != "cpython",
                        reason="tracemalloc counts CPython's allocations")
    @pytest.mark.parametrize("change", [empty_layers, hollow_layers], ids=["no layers", "empty layers"])
    def test_refusing_a_7000x7000_network_takes_little_memory(self, tmp_path, change):
        """A 456-byte file declaring 49 million weights took 1.9 GB before it was refused; now < 1 MB."""
        path = tmp_path / "m.json"
        import tracemalloc  # here, not at the top: PyPy has none

        path.write_bytes(json.dumps(doc("network", change)).encode())
        tracemalloc.start()
        try:
            with pytest.raises(ModelFileError):
                nnscratch.load(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 1_000_000, peak

    def test_safetensors_refuses_more_numbers_than_the_limit(self, tmp_path, monkeypatch):
        """The total count of numbers is checked against MAX_PARAMETERS before any is decoded."""
        monkeypatch.setattr(st, "MAX_PARAMETERS", 30)
        path = tmp_path / "m.safetensors"
        path.write_bytes(st_bytes())
        with pytest.raises(ModelFileError, match="header: 43 numbers, more than nnscratch loads \\(30\\)"):
            nnscratch.load_safetensors(path)


class TestTheReadIsBounded:
    def test_a_file_over_the_limit_is_refused_by_its_size(self, tmp_path, monkeypatch):
        monkeypatch.setattr(untrusted, "MAX_FILE_BYTES", 100)
        path = tmp_path / "m.json"
        path.write_bytes(json.dumps(doc("network")).encode())
        with pytest.raises(ModelFileError, match="[0-9]+ bytes, more than the 100 a model file may") as info:
            nnscratch.load(path)
        assert str(info.value).startswith(str(path) + ": ")

    @pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc here")
    def test_a_file_longer_than_its_size_says_is_cut_at_the_limit(self):
        """A /proc file's size is 0 but it has content: the read itself stops one byte past the limit."""
        assert os.stat("/proc/self/status").st_size == 0
        with pytest.raises(ModelFileError, match="more than the 10 bytes a model file may hold"):
            untrusted.read_model_bytes("/proc/self/status", limit=10)
        assert len(untrusted.read_model_bytes("/proc/self/status", limit=10 ** 6)) > 10

    def test_a_missing_file_is_an_os_error(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            nnscratch.load(tmp_path / "missing.json")


# ----- the fuzzer ------------------------------------------------------------------------

#: Values put in place of any value of a model file.
HOSTILE_VALUES = [None, True, False, 0, -1, 2 ** 63, 10 ** 400, 1e308, -1e308, 5e-324, float("nan"),
                  float("inf"), "", "1.5", "x" * 2000, "\x1b[31m", [], [1.0], [[1.0]], {}, {"a": 1},
                  json.loads("[" * 60 + "]" * 60)]
#: Tokens put in place of a number in the JSON text.
HOSTILE_TOKENS = ["9" * 400, "-" + "9" * 5000, "1e999", "-1e999", "NaN", "Infinity", "true", "null", '"1"',
                  "[]", "{}", "0", "-0.0", "1e-400"]


def positions(value):
    """Every (container, key) of a parsed JSON value, depth first."""
    found = []
    stack = [value]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            found.append((node, key))
            stack.append(child)
    return found


def mutate_object(obj, rng):
    """Change one value of a parsed file: delete it, replace it, wrap it, or change a width."""
    container, key = rng.choice(positions(obj))
    action = rng.randrange(5)
    if action == 0:
        del container[key]
    elif action == 1:
        container[key] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    elif action == 2:
        container[key] = [container[key]] if rng.random() < 0.5 else {"x": container[key]}
    elif action == 3 and isinstance(container[key], (int, float)) and not isinstance(container[key], bool):
        container[key] = rng.choice([0, 1, 2, 3, 7000, 10 ** 6, 10 ** 7])  # a width, a shape or a count
    else:  # a value moved: shapes that no longer agree
        other_container, other_key = rng.choice(positions(obj))
        container[key] = copy.deepcopy(other_container[other_key])
    return obj


def mutate_bytes(data, rng):
    """Change a file's bytes: cut it, flip bits, insert junk, or write a hostile token over a number."""
    b = bytearray(data)
    action = rng.randrange(5)
    i = rng.randrange(len(b))
    if action == 0:
        del b[i:]
    elif action == 1:
        for _ in range(rng.randrange(1, 5)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    elif action == 2:
        b[i:i] = rng.choice([b"\xff", b"\x00", b"\xef\xbb\xbf", b"[", b"{", b'"', b",", b"\\u0000", b"\x1b"])
    elif action == 3:
        b[i:i + rng.randrange(1, 32)] = b""
    else:
        text = bytes(b)
        starts = [k for k in range(1, len(text))
                  if text[k:k + 1] in b"-0123456789" and text[k - 1:k] in b" [:,"]  # a number begins
        if starts:
            k = rng.choice(starts)
            end = k + 1
            while end < len(text) and text[end:end + 1] in b"0123456789.eE+-":
                end += 1
            b[k:end] = rng.choice(HOSTILE_TOKENS).encode()
    return bytes(b)


def json_mutants(kind, count, rng):
    """count mutated JSON model files of a kind: half changed as objects, half as bytes."""
    original = json.dumps(DOCS[kind]).encode()
    for n in range(count):
        if n % 2:
            yield mutate_bytes(original, rng)
        else:
            obj = mutate_object(copy.deepcopy(DOCS[kind]), rng)
            try:
                text = json.dumps(obj)
            except (ValueError, TypeError):  # the top-level object itself was replaced
                text = "null"
            yield text.encode()


def safetensors_mutants(count, rng):
    """count mutated safetensors files: their header changed as an object, or their bytes."""
    original = st_bytes()
    for n in range(count):
        if n % 2:
            yield mutate_bytes(original, rng)
        else:
            header, data = safetensors_parts()
            header = mutate_object(header, rng)
            metadata = header.get("__metadata__") if isinstance(header, dict) else None
            if rng.random() < 0.5 and isinstance(metadata, dict):
                metadata.pop("sha256", None)  # so that more mutants get past the digest
            text = json.dumps(header).encode()
            yield struct.pack("<Q", len(text)) + text + data


def check_loaded(model):
    """A loaded model predicts a row of its width (finite outputs, or NNScratchError) and saves again."""
    width = model.n_inputs
    for row in ([0.5] * width, [1e300] * width, [-3.0] * width):
        try:
            outputs = model.predict([row])
        except NNScratchError:
            continue
        assert len(outputs) == 1 and len(outputs[0]) == model.n_outputs
        assert all(isinstance(v, float) and math.isfinite(v) for v in outputs[0]), outputs
    again = persist.from_dict(json.loads(json.dumps(to_dict(model))))  # what loads can be saved and loaded
    assert to_dict(again)["model"] == to_dict(model)["model"]


FUZZ_CASES = 120  # per JSON kind, twice that for safetensors: 600 cases, about a second


@pytest.mark.parametrize("kind", ["network", "neuralnet", "perceptron", "safetensors"])
def test_fuzzed_files_load_or_raise_model_file_error(tmp_path, kind):
    """Seeded mutations of a valid file: each loads (then predicts) or raises ModelFileError, nothing else."""
    rng = random.Random("nnscratch-fuzz-" + kind)
    count = FUZZ_CASES * (2 if kind == "safetensors" else 1)
    mutants = safetensors_mutants(count, rng) if kind == "safetensors" else json_mutants(kind, count, rng)
    load = nnscratch.load_safetensors if kind == "safetensors" else nnscratch.load
    path = tmp_path / "mutant"
    outcomes = {"loaded": 0, "refused": 0}
    started = time.perf_counter()
    for n, mutant in enumerate(mutants):
        path.write_bytes(mutant)
        verify = {} if kind == "safetensors" else {"verify_checksum": n % 3 != 0}
        try:
            model = load(path, **verify)
        except ModelFileError as e:
            assert str(e).startswith(str(path) + ": "), e
            outcomes["refused"] += 1
            continue
        except Exception as e:  # any other error is a finding: show the file that caused it
            pytest.fail("mutant %d raised %s: %s\n%r" % (n, type(e).__name__, e, mutant[:2000]))
        check_loaded(model)
        outcomes["loaded"] += 1
    assert sum(outcomes.values()) == count
    assert outcomes["refused"] > count // 2 and outcomes["loaded"] > 0, outcomes
    assert time.perf_counter() - started < 10
