"""Model files back into models: ``nnscratch.load(path)``, every part checked before anything is built.

Article 004 saves models with Go's ``encoding/gob``. Python's counterpart,
pickle, runs code when a file is loaded, so nnscratch never uses it (nor
``eval``): model files are JSON, in the format ``nnscratch.files.modelfile``
describes and models write with ``save(path)``.

``nnscratch.files.untrusted`` reads the file (bounded, a regular file only)
and its JSON (strict), and holds the check of each kind of field and the
limits. This module checks the document with them before building a model:
the format name and version (a newer version is refused with a message that
says so), the checksum, every key and type, shapes that agree with each
other, finite numbers, known activation names, and sizes within the limits.
Any problem raises ``ModelFileError`` naming the file and the JSON path of
what is wrong, such as ``model.layers[1].weights[3]: expected 5 numbers,
got 4``. Nothing is allocated for a declared size before the data that fills it
has been checked: a network's layers are checked against its sizes first,
and it is built from them, without drawing initial weights.

The "model" object of each kind:

- "network": sizes, hidden_activation, output_activation, loss, init, seed,
  and layers: one {"activation", "weights" (one row per neuron), "biases"}
  per layer.
- "neuralnet": config (NeuralNetConfig's five fields), seed, and w_hidden
  (inputs x hidden), b_hidden, w_out (hidden x outputs), b_out.
- "perceptron": weights, bias, epochs, seed.

Last come the helpers of the model protocol, for code that uses a loaded
model whatever its kind.
"""

import os

from .._checks import is_number, is_whole
from ..engine.network import Layer, Network
from ..errors import ArgumentTypeError, ModelFileError, NNScratchError
from ..maths.activations import ACTIVATIONS
from ..maths.init import INITS
from ..maths.losses import LOSSES
from ..reading.gophernet import NeuralNet, NeuralNetConfig
from ..reading.perceptron import Perceptron
from .modelfile import FORMAT_NAME, FORMAT_VERSION, KINDS, checksum
from .untrusted import (MAX_LAYERS, MAX_PARAMETERS, MAX_WIDTH, BadToken, FieldError, check_names,
                        check_once_each, check_scaling, choice_field, describe, join_path, matrix_field,
                        number_field, numbers_field, object_field, parse_json, quote, read_model_bytes,
                        string_field, whole_field, whole_text)

__all__ = ["load", "from_dict", "model_outputs", "model_classes", "model_width"]

TOP_KEYS = ("format", "version", "kind", "nnscratch_version", "saved", "model", "classes", "columns",
            "scaling", "training", "checksum")


def load(path, *, verify_checksum=True):
    """Read a model file written by a model's ``save``; return the model.

    Returns a ``Network``, ``NeuralNet`` or ``Perceptron`` with its weights,
    class names, input names, scaling and training metadata. Set
    ``verify_checksum=False`` to read a file edited by hand (everything else
    is still checked).

    Raises ModelFileError for anything wrong with the file, naming the file
    and the JSON path of the problem, and for a path that is not a regular
    file (a folder, a FIFO, a device); OSError if it cannot be read at all,
    such as a missing file.
    """
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise ArgumentTypeError("load(path): path must be a str or a path, got %s" % type(path).__name__)
    doc = parse_json(read_model_bytes(path), path)
    return from_dict(doc, source=path, verify_checksum=verify_checksum)


def from_dict(doc, source=None, verify_checksum=True):
    """Build a model from a parsed model-file object, checking it all (see ``load``)."""
    try:
        return _build(doc, verify_checksum)
    except FieldError as e:
        raise ModelFileError(e.args[0], source, e.args[1]) from None
    except NNScratchError as e:  # a model constructor refused a value the checks let through
        raise ModelFileError(str(e), source) from None
    except RecursionError:  # a value nested deeper than the checksum's json.dumps goes
        raise ModelFileError("a value nested too deeply to read", source) from None


# ----- the document --------------------------------------------------------------


def _build(doc, verify_checksum):
    """The model a parsed document describes, each part checked first; FieldError for the first problem."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        found = describe(doc.get("format") if isinstance(doc, dict) else doc)
        raise FieldError("not an nnscratch model file: \"format\" should be %r, found %s"
                         % (FORMAT_NAME, found), "format")
    version = doc.get("version")
    if is_whole(version) and version > FORMAT_VERSION:
        raise FieldError("written by a newer nnscratch (model file format version %s); this nnscratch reads "
                         "version %d and older: upgrade nnscratch to load it"
                         % (whole_text(version), FORMAT_VERSION), "version")
    whole_field(version, "version", 1, FORMAT_VERSION)
    object_field(doc, "", TOP_KEYS)
    kind = doc["kind"]
    if not isinstance(kind, str) or kind not in KINDS:
        raise FieldError("unknown kind %s; expected one of %s" % (quote(kind), ", ".join(KINDS)), "kind")
    for key in ("nnscratch_version", "saved"):
        string_field(doc[key], key)
    decode = {"network": _network, "neuralnet": _neuralnet, "perceptron": _perceptron}[kind]
    model, n_inputs, n_outputs = decode(doc["model"], "model")
    model.classes = check_names(doc["classes"], "classes", 2 if n_outputs == 1 else n_outputs)  # yes/no: 2
    model.columns = check_names(doc["columns"], "columns", n_inputs)
    model.scaling = check_scaling(doc["scaling"], "scaling", n_inputs)
    model.metadata = _training(doc["training"], "training")
    # Last, so that a broken shape is reported as such rather than as a bad checksum.
    if verify_checksum and (not isinstance(doc["checksum"], str) or doc["checksum"] != _safe_checksum(doc)):
        raise FieldError("the checksum does not match the contents: the file is corrupt or was edited "
                         "(load(path, verify_checksum=False) reads an edited file)", "checksum")
    return model


def _safe_checksum(doc):
    """The document's checksum, or None when a value of it cannot be written as JSON."""
    try:
        return checksum(doc)
    except (ValueError, TypeError, OverflowError):
        return None


def _training(value, where):
    """Training metadata: an object of names to plain values (finite numbers, strings, true/false, null)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError("expected an object or null, got %s" % describe(value), where)
    check_once_each(value, where)
    for key, v in value.items():
        if is_number(v) or isinstance(v, BadToken):
            number_field(v, join_path(where, key))  # it must fit a float: the front doors compute with it
        elif v is not None and not isinstance(v, (bool, str)):
            raise FieldError("expected a number, string, true, false or null, got %s" % describe(v),
                             join_path(where, key))
    return dict(value)


def _seed(value, where):
    """A model's seed: a whole number, or null for none (the models take no other seed)."""
    if value is None or is_whole(value):
        return value
    raise FieldError("expected a whole number or null, got %s" % describe(value), where)


def _made(make, where):
    """make(), with an error of a model's constructor (a value the checks let through) named at where."""
    try:
        return make()
    except NNScratchError as e:
        raise FieldError(str(e), where) from None


# ----- each kind's "model" object: shapes checked before anything is built ------------


def _network(value, where):
    keys = ("sizes", "hidden_activation", "output_activation", "loss", "init", "seed", "layers")
    object_field(value, where, keys)
    sizes = _sizes(value["sizes"], join_path(where, "sizes"))
    hidden = choice_field(value["hidden_activation"], join_path(where, "hidden_activation"), ACTIVATIONS,
                          "activation")
    output = choice_field(value["output_activation"], join_path(where, "output_activation"), ACTIVATIONS,
                          "activation")
    loss = choice_field(value["loss"], join_path(where, "loss"), LOSSES, "loss")
    init = choice_field(value["init"], join_path(where, "init"), INITS, "init")
    seed = _seed(value["seed"], join_path(where, "seed"))
    layers = _layers(value["layers"], join_path(where, "layers"), sizes, hidden, output)
    net = _made(lambda: Network.from_layers(layers, hidden_activation=hidden, output_activation=output,
                                            loss=loss, init=init, seed=seed), where)
    return net, sizes[0], sizes[-1]


def _sizes(sizes, where):
    """A network's layer widths, within the limits, before anything of those sizes exists."""
    if not isinstance(sizes, list) or not 2 <= len(sizes) <= MAX_LAYERS + 1:
        raise FieldError("expected a list of 2 to %d layer widths, got %s"
                         % (MAX_LAYERS + 1, describe(sizes)), where)
    for i, n in enumerate(sizes):
        whole_field(n, "%s[%d]" % (where, i), 1, MAX_WIDTH)
    parameters = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    if parameters > MAX_PARAMETERS:
        raise FieldError("%d weights and biases, more than nnscratch loads (%d)"
                         % (parameters, MAX_PARAMETERS), where)
    return sizes


def _layers(layers, where, sizes, hidden, output):
    """The Layers of a network of these sizes, each checked against them: the data must be there."""
    if not isinstance(layers, list) or len(layers) != len(sizes) - 1:
        raise FieldError("expected %d layers (one per pair of sizes), got %s"
                         % (len(sizes) - 1, len(layers) if isinstance(layers, list) else describe(layers)),
                         where)
    built = []
    for i, (layer, n_in, n_out) in enumerate(zip(layers, sizes, sizes[1:])):
        at = "%s[%d]" % (where, i)
        object_field(layer, at, ("activation", "weights", "biases"))
        expected = output if i == len(layers) - 1 else hidden
        if layer["activation"] != expected:
            raise FieldError("expected %r (the network's %s activation), got %s"
                             % (expected, "output" if i == len(layers) - 1 else "hidden",
                                quote(layer["activation"])), join_path(at, "activation"))
        built.append(Layer(matrix_field(layer["weights"], join_path(at, "weights"), n_out, n_in),
                           numbers_field(layer["biases"], join_path(at, "biases"), n_out), expected))
    return built


def _neuralnet(value, where):
    object_field(value, where, ("config", "seed", "w_hidden", "b_hidden", "w_out", "b_out"))
    at = join_path(where, "config")
    raw = object_field(value["config"], at, ("input_neurons", "output_neurons", "hidden_neurons",
                                             "num_epochs", "learning_rate"))
    sizes = {k: whole_field(raw[k], join_path(at, k), 1, MAX_WIDTH)
             for k in ("input_neurons", "output_neurons", "hidden_neurons")}
    epochs = whole_field(raw["num_epochs"], join_path(at, "num_epochs"), 0, 2 ** 62)
    rate = number_field(raw["learning_rate"], join_path(at, "learning_rate"))
    if rate <= 0:
        raise FieldError("expected a number > 0, got %r" % rate, join_path(at, "learning_rate"))
    n_in, n_hidden, n_out = sizes["input_neurons"], sizes["hidden_neurons"], sizes["output_neurons"]
    if n_in * n_hidden + n_hidden + n_hidden * n_out + n_out > MAX_PARAMETERS:
        raise FieldError("more weights and biases than nnscratch loads (%d)" % MAX_PARAMETERS, at)
    seed = _seed(value["seed"], join_path(where, "seed"))
    weights = (matrix_field(value["w_hidden"], join_path(where, "w_hidden"), n_in, n_hidden),
               numbers_field(value["b_hidden"], join_path(where, "b_hidden"), n_hidden),
               matrix_field(value["w_out"], join_path(where, "w_out"), n_hidden, n_out),
               numbers_field(value["b_out"], join_path(where, "b_out"), n_out))
    config = _made(lambda: NeuralNetConfig(num_epochs=epochs, learning_rate=rate, **sizes), at)
    net = _made(lambda: NeuralNet(config, seed=seed), where)
    net.w_hidden, net.b_hidden, net.w_out, net.b_out = weights
    return net, n_in, n_out


def _perceptron(value, where):
    object_field(value, where, ("weights", "bias", "epochs", "seed"))
    weights = value["weights"]
    if not isinstance(weights, list) or not 1 <= len(weights) <= MAX_WIDTH:
        raise FieldError("expected a list of 1 to %d numbers, got %s" % (MAX_WIDTH, describe(weights)),
                         join_path(where, "weights"))
    weights = numbers_field(weights, join_path(where, "weights"), len(weights))
    bias = number_field(value["bias"], join_path(where, "bias"))
    epochs = whole_field(value["epochs"], join_path(where, "epochs"), 0, 2 ** 62)
    seed = _seed(value["seed"], join_path(where, "seed"))
    p = _made(lambda: Perceptron([], [], epochs=epochs, seed=seed), where)
    p.weights, p.bias = weights, bias
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
