"""Reading model files back: ``nnscratch.load(path)``, and nothing is trusted.

Article 004 saves models with Go's ``encoding/gob``. Python's counterpart,
pickle, runs code when a file is loaded, so nnscratch never uses it (nor
``eval``): model files are JSON, in the format ``nnscratch.files.modelfile``
describes and models write with ``save(path)``.

Loading checks everything before building a model: the format name and
version (a newer version is refused with a message that says so), the
checksum, every key and type, shapes that agree with each other, finite
numbers, known activation names, and sizes within the limits below. Any
problem raises ``ModelFileError`` naming the file and the JSON path of what
is wrong, such as ``model.layers[1].weights[3]: expected 5 numbers, got 4``.

The "model" object of each kind:

- "network": sizes, hidden_activation, output_activation, loss, init, seed,
  and layers: one {"activation", "weights" (one row per neuron), "biases"}
  per layer.
- "neuralnet": config (NeuralNetConfig's five fields), seed, and w_hidden
  (inputs x hidden), b_hidden, w_out (hidden x outputs), b_out.
- "perceptron": weights, bias, epochs, seed.
"""

import json
import math
import os

from .._checks import is_number, is_whole
from ..engine.network import Layer, Network
from ..errors import ModelFileError, NNScratchError
from ..maths.activations import ACTIVATIONS
from ..maths.init import INITS
from ..maths.losses import LOSSES
from ..maths.scaling import MinMaxScaling
from ..reading.gophernet import NeuralNet, NeuralNetConfig
from ..reading.perceptron import Perceptron
from .modelfile import FORMAT_NAME, FORMAT_VERSION, KINDS, checksum

__all__ = ["load", "from_dict", "model_outputs", "model_classes", "model_width",
           "MAX_FILE_BYTES", "MAX_LAYERS", "MAX_WIDTH", "MAX_PARAMETERS"]

#: Limits that keep a corrupt or hostile file from exhausting memory.
MAX_FILE_BYTES = 1 << 30  # 1 GiB of JSON
MAX_LAYERS = 100
MAX_WIDTH = 1_000_000  # neurons (or inputs) in one layer
MAX_PARAMETERS = 50_000_000  # weights and biases in all
MAX_NAME_LENGTH = 1000

TOP_KEYS = ("format", "version", "kind", "nnscratch_version", "saved", "model", "classes", "columns",
            "scaling", "training", "checksum")


def load(path, *, verify_checksum=True):
    """Read a model file written by a model's ``save``; return the model.

    Returns a ``Network``, ``NeuralNet`` or ``Perceptron`` with its weights,
    class names, input names, scaling and training metadata. Set
    ``verify_checksum=False`` to read a file edited by hand (everything else
    is still checked).

    Raises ModelFileError for anything wrong with the file, naming the file
    and the JSON path of the problem; OSError if it cannot be read at all.
    """
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise ModelFileError("%d bytes is more than a model file may hold (%d)"
                             % (size, MAX_FILE_BYTES), path)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ModelFileError("not UTF-8 text (byte %d); is this a model file?" % e.start, path) from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as e:
        raise ModelFileError("not valid JSON: %s at line %d, column %d"
                             % (e.msg, e.lineno, e.colno), path) from None
    except (ValueError, RecursionError) as e:
        raise ModelFileError("not valid JSON: %s" % e, path) from None
    return from_dict(doc, source=path, verify_checksum=verify_checksum)


def _refuse_constant(name):
    raise ModelFileError("%s is not a number a model file may hold" % name)


def from_dict(doc, source=None, verify_checksum=True):
    """Build a model from a parsed model-file object, checking it all (see ``load``)."""
    try:
        return _build(doc, verify_checksum)
    except _Bad as e:
        raise ModelFileError(e.args[0], source, e.args[1]) from None
    except NNScratchError as e:  # a model constructor refused a value the checks let through
        raise ModelFileError(str(e), source) from None


class _Bad(Exception):
    """(message, JSON path): raised by the checks, turned into ModelFileError by from_dict."""


# ----- checks: each returns the value when it is right, or raises _Bad(message, path) ----


def _dict(value, where, keys, optional=()):
    if not isinstance(value, dict):
        raise _Bad("expected an object, got %s" % _kind(value), where)
    unknown = sorted(set(value) - set(keys) - set(optional))
    if unknown:
        raise _Bad("unknown key %r" % unknown[0], _join(where, unknown[0]))
    for key in keys:
        if key not in value:
            raise _Bad("missing key %r" % key, where)
    return value


def _int(value, where, low, high):
    if not is_whole(value):
        raise _Bad("expected a whole number, got %s" % _kind(value), where)
    if not low <= value <= high:
        raise _Bad("expected a whole number from %d to %d, got %d" % (low, high, value), where)
    return value


def _number(value, where):
    if not is_number(value):
        raise _Bad("expected a number, got %s" % _kind(value), where)
    if not math.isfinite(value):
        raise _Bad("expected a finite number, got %r" % value, where)
    return value


def _numbers(value, where, length):
    if not isinstance(value, list):
        raise _Bad("expected a list of %d numbers, got %s" % (length, _kind(value)), where)
    if len(value) != length:
        raise _Bad("expected %d numbers, got %d" % (length, len(value)), where)
    for i, v in enumerate(value):
        _number(v, "%s[%d]" % (where, i))
    return value


def _matrix(value, where, rows, cols):
    if not isinstance(value, list):
        raise _Bad("expected a list of %d rows, got %s" % (rows, _kind(value)), where)
    if len(value) != rows:
        raise _Bad("expected %d rows, got %d" % (rows, len(value)), where)
    for i, row in enumerate(value):
        _numbers(row, "%s[%d]" % (where, i), cols)
    return value


def _name(value, where, table, what):
    if not isinstance(value, str) or value not in table:
        raise _Bad("unknown %s %r; nnscratch knows %s" % (what, value, ", ".join(sorted(table))), where)
    return value


def _names(value, where, length):
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != length:
        raise _Bad("expected null or a list of %d names, got %s" % (length, _kind(value)), where)
    for i, v in enumerate(value):
        if not isinstance(v, str) or len(v) > MAX_NAME_LENGTH:
            raise _Bad("expected a name (a string), got %s" % _kind(v), "%s[%d]" % (where, i))
    return value


def _seed(value, where):
    if value is None or is_whole(value) or isinstance(value, str):
        return value
    raise _Bad("expected a whole number, a string or null, got %s" % _kind(value), where)


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "the number %r" % (value,)
    if isinstance(value, str):
        return "the string %r" % (value[:40],)
    return {"list": "a list", "dict": "an object"}.get(type(value).__name__, type(value).__name__)


def _join(where, key):
    return "%s.%s" % (where, key) if where else key


# ----- the document --------------------------------------------------------------


def _build(doc, verify_checksum):
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        found = doc.get("format") if isinstance(doc, dict) else _kind(doc)
        raise _Bad("not an nnscratch model file: \"format\" should be %r, found %r" % (FORMAT_NAME, found),
                   "format")
    version = doc.get("version")
    if is_whole(version) and version > FORMAT_VERSION:
        raise _Bad("written by a newer nnscratch (model file format version %d); this nnscratch reads "
                   "version %d and older: upgrade nnscratch to load it" % (version, FORMAT_VERSION),
                   "version")
    _int(version, "version", 1, FORMAT_VERSION)
    _dict(doc, "", TOP_KEYS)
    kind = doc["kind"]
    if kind not in KINDS:
        raise _Bad("unknown kind %r; expected one of %s" % (kind, ", ".join(KINDS)), "kind")
    for key in ("nnscratch_version", "saved"):
        if not isinstance(doc[key], str) or len(doc[key]) > MAX_NAME_LENGTH:
            raise _Bad("expected a string, got %s" % _kind(doc[key]), key)
    decode = {"network": _network, "neuralnet": _neuralnet, "perceptron": _perceptron}[kind]
    model, n_inputs, n_outputs = decode(doc["model"], "model")
    model.classes = _names(doc["classes"], "classes", 2 if n_outputs == 1 else n_outputs)  # yes/no: 2 names
    model.columns = _names(doc["columns"], "columns", n_inputs)
    model.scaling = _scaling(doc["scaling"], "scaling", n_inputs)
    model.metadata = _training(doc["training"], "training")
    # Last, so that a broken shape is reported as such rather than as a bad checksum.
    if verify_checksum and (not isinstance(doc["checksum"], str) or doc["checksum"] != _safe_checksum(doc)):
        raise _Bad("the checksum does not match the contents: the file is corrupt or was edited "
                   "(load(path, verify_checksum=False) reads an edited file)", "checksum")
    return model


def _safe_checksum(doc):
    try:
        return checksum(doc)
    except (ValueError, TypeError):
        return None


def _scaling(value, where, width):
    if value is None:
        return None
    _dict(value, where, ("minimums", "maximums"))
    return MinMaxScaling(_numbers(value["minimums"], _join(where, "minimums"), width),
                         _numbers(value["maximums"], _join(where, "maximums"), width))


def _training(value, where):
    """Training metadata: an object of names to plain values (numbers, strings, true/false, null)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Bad("expected an object or null, got %s" % _kind(value), where)
    for key, v in value.items():
        if v is not None and not isinstance(v, (bool, int, float, str)):
            raise _Bad("expected a number, string, true, false or null, got %s" % _kind(v), _join(where, key))
    return dict(value)


def _network(value, where):
    keys = ("sizes", "hidden_activation", "output_activation", "loss", "init", "seed", "layers")
    _dict(value, where, keys)
    sizes = value["sizes"]
    if not isinstance(sizes, list) or not 2 <= len(sizes) <= MAX_LAYERS + 1:
        raise _Bad("expected a list of 2 to %d layer widths" % (MAX_LAYERS + 1), _join(where, "sizes"))
    for i, n in enumerate(sizes):
        _int(n, "%s.sizes[%d]" % (where, i), 1, MAX_WIDTH)
    parameters = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    if parameters > MAX_PARAMETERS:
        raise _Bad("%d weights and biases, more than nnscratch loads (%d)" % (parameters, MAX_PARAMETERS),
                   _join(where, "sizes"))
    hidden = _name(value["hidden_activation"], _join(where, "hidden_activation"), ACTIVATIONS, "activation")
    output = _name(value["output_activation"], _join(where, "output_activation"), ACTIVATIONS, "activation")
    loss = _name(value["loss"], _join(where, "loss"), LOSSES, "loss")
    init = _name(value["init"], _join(where, "init"), INITS, "init")
    layers = value["layers"]
    if not isinstance(layers, list) or len(layers) != len(sizes) - 1:
        raise _Bad("expected %d layers (one per pair of sizes), got %s"
                   % (len(sizes) - 1, len(layers) if isinstance(layers, list) else _kind(layers)),
                   _join(where, "layers"))
    net = Network(sizes, hidden_activation=hidden, output_activation=output, loss=loss, init=init,
                  seed=_seed(value["seed"], _join(where, "seed")))
    built = []
    for i, (layer, n_in, n_out) in enumerate(zip(layers, sizes, sizes[1:])):
        at = "%s.layers[%d]" % (where, i)
        _dict(layer, at, ("activation", "weights", "biases"))
        expected = output if i == len(layers) - 1 else hidden
        if layer["activation"] != expected:
            raise _Bad("expected %r (the network's %s activation), got %r"
                       % (expected, "output" if expected is output else "hidden", layer["activation"]),
                       _join(at, "activation"))
        built.append(Layer(_matrix(layer["weights"], _join(at, "weights"), n_out, n_in),
                           _numbers(layer["biases"], _join(at, "biases"), n_out), expected))
    net.layers = built
    return net, sizes[0], sizes[-1]


def _neuralnet(value, where):
    _dict(value, where, ("config", "seed", "w_hidden", "b_hidden", "w_out", "b_out"))
    at = _join(where, "config")
    raw = _dict(value["config"], at, ("input_neurons", "output_neurons", "hidden_neurons", "num_epochs",
                                      "learning_rate"))
    sizes = {k: _int(raw[k], _join(at, k), 1, MAX_WIDTH)
             for k in ("input_neurons", "output_neurons", "hidden_neurons")}
    epochs = _int(raw["num_epochs"], _join(at, "num_epochs"), 0, 2 ** 62)
    rate = _number(raw["learning_rate"], _join(at, "learning_rate"))
    if rate <= 0:
        raise _Bad("expected a number > 0, got %r" % rate, _join(at, "learning_rate"))
    n_in, n_hidden, n_out = sizes["input_neurons"], sizes["hidden_neurons"], sizes["output_neurons"]
    if n_in * n_hidden + n_hidden * n_out > MAX_PARAMETERS:
        raise _Bad("more weights than nnscratch loads (%d)" % MAX_PARAMETERS, at)
    config = NeuralNetConfig(num_epochs=epochs, learning_rate=rate, **sizes)
    net = NeuralNet(config, seed=_seed(value["seed"], _join(where, "seed")))
    net.w_hidden = _matrix(value["w_hidden"], _join(where, "w_hidden"), n_in, n_hidden)
    net.b_hidden = _numbers(value["b_hidden"], _join(where, "b_hidden"), n_hidden)
    net.w_out = _matrix(value["w_out"], _join(where, "w_out"), n_hidden, n_out)
    net.b_out = _numbers(value["b_out"], _join(where, "b_out"), n_out)
    return net, n_in, n_out


def _perceptron(value, where):
    _dict(value, where, ("weights", "bias", "epochs", "seed"))
    weights = value["weights"]
    if not isinstance(weights, list) or not 1 <= len(weights) <= MAX_WIDTH:
        raise _Bad("expected a list of 1 to %d numbers" % MAX_WIDTH, _join(where, "weights"))
    _numbers(weights, _join(where, "weights"), len(weights))
    p = Perceptron([], [], epochs=_int(value["epochs"], _join(where, "epochs"), 0, 2 ** 62),
                   seed=_seed(value["seed"], _join(where, "seed")))
    p.weights = weights
    p.bias = _number(value["bias"], _join(where, "bias"))
    return p, len(weights), 1


# ----- using a loaded model, whatever its kind: the model protocol ------------------


def model_width(model):
    """The number of inputs a model takes: ``model.n_inputs``."""
    return model.n_inputs


def model_classes(model):
    """The model's class names, or "0", "1", ... when it has none (two for a one-output model).

    >>> from nnscratch import Network
    >>> model_classes(Network([2, 3]))
    ['0', '1', '2']
    """
    width = model.n_outputs
    return list(model.classes or [str(k) for k in range(2 if width == 1 else width)])


def model_outputs(model, rows):
    """The model's output rows for raw input rows: ``model.predict(rows)``, which applies its scaling."""
    return model.predict(rows)
