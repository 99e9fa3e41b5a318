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
Nothing is allocated for a declared size before the data that fills it has
been checked: a network's layers are checked against its sizes first, and it
is built from them, without drawing initial weights.

What a file may be, and how its JSON is read:

- a regular file of at most ``MAX_FILE_BYTES``: a folder, a FIFO, a socket or
  a device (``/dev/zero``) is refused before it is opened, and the read
  itself stops one byte past the limit, whatever size the file claims;
- UTF-8, with or without a byte order mark (RFC 8259 lets a reader ignore
  one, and Windows editors add it);
- JSON whose objects name each key once: a repeated key is refused (Python's
  ``json`` would silently keep the last value);
- no NaN, Infinity or -Infinity (JSON has none; Python's ``json`` reads them),
  no number that overflows a float (``1e999``, a 400-digit whole number), no
  whole number of more than ``MAX_WHOLE_DIGITS`` digits;
- nested no deeper than the interpreter's recursion limit lets ``json`` go;
  deeper than the format's own few levels is refused by the shape checks.

Strings (class and column names, training metadata) may hold any character,
control characters included: a front door that prints one escapes it. Class
names, and column names, must differ from each other: columns are found by
name in a CSV file.

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
import stat

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
           # for the other readers of model files (safetensors):
           "read_model_bytes", "parse_json", "BadToken", "RepeatedKey", "FieldError", "check_once_each",
           "check_names", "check_scaling", "describe",
           "MAX_FILE_BYTES", "MAX_LAYERS", "MAX_WIDTH", "MAX_PARAMETERS", "MAX_NAME_LENGTH",
           "MAX_WHOLE_DIGITS"]

#: Limits that keep a corrupt or hostile file from exhausting memory.
MAX_FILE_BYTES = 1 << 30  # 1 GiB of JSON
MAX_LAYERS = 100
MAX_WIDTH = 1_000_000  # neurons (or inputs) in one layer
MAX_PARAMETERS = 50_000_000  # weights and biases in all
MAX_NAME_LENGTH = 1000  # characters in a class or column name, a version or a date
#: A whole number of more digits is refused unread: int() takes time quadratic in the digits
#: on Pythons without the 4,300-digit limit of 3.11, and no float needs so many (a seed may).
MAX_WHOLE_DIGITS = 1000
#: Bytes read at a time from a file that turns out longer than its size said (a /proc file).
READ_CHUNK = 1 << 20

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
    doc = parse_json(read_model_bytes(path), path)
    return from_dict(doc, source=path, verify_checksum=verify_checksum)


def read_model_bytes(path, limit=None):
    """Return the bytes of the regular file at path; ModelFileError for anything else, or over limit bytes.

    A folder, FIFO, socket or device is refused before it is opened: opening a
    FIFO waits for a writer, forever if none comes, and a device such as
    /dev/zero never ends. The file is then opened without waiting and looked
    at again, in case it was swapped meanwhile, and the read itself stops one
    byte past the limit (``MAX_FILE_BYTES`` by default), whatever size the
    file claims.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    _refuse_unless_regular(os.stat(path).st_mode, path)
    try:
        f = open(path, "rb", opener=_open_without_waiting)
    except IsADirectoryError:  # swapped for a folder since the stat
        raise ModelFileError("is a folder, not a model file", path) from None
    with f:
        status = os.fstat(f.fileno())
        _refuse_unless_regular(status.st_mode, path)
        if status.st_size > limit:
            raise _too_large(path, limit, status.st_size)
        data = f.read(status.st_size + 1)  # the whole file in one read; a byte more shows it goes on
        if len(data) > status.st_size:  # longer than its size said: growing, or a /proc file of size 0
            data = _read_on(f, data, limit)
    if len(data) > limit:
        raise _too_large(path, limit)
    return data


def _read_on(f, data, limit):
    """data and what follows it in f, read a chunk at a time up to limit + 1 bytes in all."""
    chunks, total = [data], len(data)
    while total <= limit:
        chunk = f.read(min(READ_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _open_without_waiting(path, flags):
    """os.open for open(opener=...): a FIFO opens at once rather than wait for a writer; no tty is adopted."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _refuse_unless_regular(mode, path):
    """Raise ModelFileError, naming what the path is, unless mode (st_mode) is a regular file's."""
    if stat.S_ISREG(mode):
        return
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            raise ModelFileError("is %s, not a model file" % name, path)
    raise ModelFileError("is not a regular file, so not a model file", path)


def _too_large(path, limit, size=None):
    """The error for a file of size bytes (or of more than limit, when its size is unknown)."""
    if size is None:  # read past the limit: how much more there is was not read
        return ModelFileError("more than the %d bytes a model file may hold" % limit, path)
    return ModelFileError("%d bytes, more than the %d a model file may hold" % (size, limit), path)


def parse_json(data, path, where=None):
    """Parse JSON text (or UTF-8 bytes) as model files are read; raise ModelFileError naming path (and where).

    A leading byte order mark is skipped. NaN, Infinity, -Infinity and whole
    numbers of more than ``MAX_WHOLE_DIGITS`` digits become ``BadToken``s, and
    an object that repeats a key a ``RepeatedKey``, for the checks to refuse
    where they stand, naming their JSON path.
    """
    try:
        text = data if isinstance(data, str) else data.decode("utf-8-sig")  # -sig: skips a byte order mark
    except UnicodeDecodeError as e:
        start = e.start + (3 if data[:3] == b"\xef\xbb\xbf" else 0)  # counted after the mark
        raise ModelFileError("not UTF-8 text (byte %d); is this a model file?" % start, path, where) from None
    try:
        return json.loads(text, parse_constant=BadToken, parse_int=_whole_number, object_pairs_hook=_object)
    except json.JSONDecodeError as e:
        raise ModelFileError("not valid JSON: %s at line %d, column %d" % (e.msg, e.lineno, e.colno),
                             path, where) from None
    except RecursionError:
        raise ModelFileError("not valid JSON: nested too deeply to read", path, where) from None
    except ValueError as e:  # any other refusal of json's, so that nothing escapes as a raw error
        raise ModelFileError("not valid JSON: %s" % e, path, where) from None


class BadToken:
    """A JSON token read as no value: NaN, Infinity, -Infinity, or a whole number of too many digits.

    Python's ``json`` would make floats and ints of them; as tokens, the
    checks refuse them where they stand, naming their JSON path.
    """

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


class RepeatedKey(dict):
    """A JSON object that names a key (``key``) twice; the checks refuse it. It holds the last value."""

    __slots__ = ("key",)


def _whole_number(text):
    """json's parse_int: the int, or a BadToken for one of more than MAX_WHOLE_DIGITS digits."""
    digits = len(text.lstrip("-"))
    if digits <= MAX_WHOLE_DIGITS:
        return int(text)
    return BadToken("a whole number of %d digits (at most %d are read)" % (digits, MAX_WHOLE_DIGITS))


def _object(pairs):
    """json's object_pairs_hook: a dict, or a RepeatedKey when a key comes twice (json keeps the last)."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen = set()
    repeated = RepeatedKey(obj)
    repeated.key = next(key for key, _ in pairs if key in seen or seen.add(key))
    return repeated


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


class FieldError(Exception):
    """(message, JSON path): raised by the checks, turned into ModelFileError naming the file."""


# ----- checks: each returns the value when it is right, or raises FieldError(message, path) ----


def _dict(value, where, keys, optional=()):
    """value if it is an object with keys (and perhaps optional ones), each once, else FieldError."""
    if not isinstance(value, dict):
        raise FieldError("expected an object, got %s" % describe(value), where)
    check_once_each(value, where)
    unknown = sorted(set(value) - set(keys) - set(optional))
    if unknown:
        raise FieldError("unknown key %s" % _quote(unknown[0]), _join(where, unknown[0]))
    for key in keys:
        if key not in value:
            raise FieldError("missing key %r" % key, where)
    return value


def check_once_each(value, where):
    """Refuse an object that names a key twice (a ``RepeatedKey``), naming the key."""
    if isinstance(value, RepeatedKey):
        raise FieldError("the key %s appears twice in one object; a model file names each key once"
                         % _quote(value.key), _join(where, value.key))


def _int(value, where, low, high):
    if not is_whole(value):
        raise FieldError("expected a whole number, got %s" % describe(value), where)
    if not low <= value <= high:
        raise FieldError("expected a whole number from %d to %d, got %s" % (low, high, describe(value)),
                         where)
    return value


def _number(value, where):
    """value as a finite float (an int becomes one), or FieldError."""
    if type(value) is float and math.isfinite(value):  # the common case, first
        return value
    if isinstance(value, BadToken):
        raise FieldError("expected a finite number, got %s" % value.text, where)
    if not is_number(value):
        raise FieldError("expected a number, got %s" % describe(value), where)
    try:
        number = float(value)
    except OverflowError:  # a whole number beyond a float's range: JSON allows it
        raise FieldError("expected a number, got %s, too large for a float" % describe(value),
                         where) from None
    if not math.isfinite(number):  # 1e999 reads as inf
        raise FieldError("expected a finite number, got %r" % number, where)
    return number


def _numbers(value, where, length):
    """value as a list of length finite floats: itself if it is one, else a copy with ints made floats."""
    if not isinstance(value, list):
        raise FieldError("expected a list of %d numbers, got %s" % (length, describe(value)), where)
    if len(value) != length:
        raise FieldError("expected %d numbers, got %d" % (length, len(value)), where)
    if set(map(type, value)) == {float} and all(map(math.isfinite, value)):  # C-speed passes
        return value
    return [_number(v, "%s[%d]" % (where, i)) for i, v in enumerate(value)]


def _matrix(value, where, rows, cols):
    if not isinstance(value, list):
        raise FieldError("expected a list of %d rows, got %s" % (rows, describe(value)), where)
    if len(value) != rows:
        raise FieldError("expected %d rows, got %d" % (rows, len(value)), where)
    return [_numbers(row, "%s[%d]" % (where, i), cols) for i, row in enumerate(value)]


def _name(value, where, table, what):
    if not isinstance(value, str) or value not in table:
        raise FieldError("unknown %s %s; nnscratch knows %s"
                         % (what, _quote(value), ", ".join(sorted(table))), where)
    return value


def _string(value, where, what="a string"):
    """value if it is a string of at most MAX_NAME_LENGTH characters, else FieldError."""
    if not isinstance(value, str):
        raise FieldError("expected %s, got %s" % (what, describe(value)), where)
    if len(value) > MAX_NAME_LENGTH:
        raise FieldError("expected %s of at most %d characters, got %d" % (what, MAX_NAME_LENGTH, len(value)),
                         where)
    return value


def check_names(value, where, length):
    """value if it is null or a list of length different names (strings), else FieldError.

    Two equal names are refused, naming both places: a model's columns are
    found by name in a CSV file, and its classes name its predictions.
    """
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != length:
        raise FieldError("expected null or a list of %d names, got %s" % (length, describe(value)), where)
    first = {}  # name -> where it first appears
    for i, name in enumerate(value):
        at = "%s[%d]" % (where, i)
        _string(name, at, "a name (a string)")
        if name in first:
            raise FieldError("%s is also %s[%d]; each name must differ from the others"
                             % (_quote(name), where, first[name]), at)
        first[name] = i
    return value


def _seed(value, where):
    """A model's seed: a whole number, or null for none (the models take no other seed)."""
    if value is None or is_whole(value):
        return value
    raise FieldError("expected a whole number or null, got %s" % describe(value), where)


def describe(value):
    """A value of a model file, described for a message: its kind, and the value when it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return "the number %d" % value if value.bit_length() <= 64 else "a whole number " + _digits(value)
    if isinstance(value, float):
        return "the number %r" % value
    if isinstance(value, str):
        return "the string %s" % _quote(value)
    if isinstance(value, list) and len(value) <= 8 and all(_is_plain(v) for v in value):
        return "[%s]" % ", ".join(json.dumps(v) if not isinstance(v, BadToken) else v.text for v in value)
    if isinstance(value, list):
        return "a list of %d value%s" % (len(value), "" if len(value) == 1 else "s")
    if isinstance(value, dict):
        return "an object"
    return repr(value) if isinstance(value, BadToken) else type(value).__name__


def _is_plain(value):
    """A value short to print: null, true, false, a float, a whole number of up to 20 digits or a BadToken."""
    return value is None or isinstance(value, (bool, float, BadToken)) or (
        isinstance(value, int) and value.bit_length() <= 64)


def _digits(whole):
    """A whole number's digits, or how many there are for a long one (str() refuses over 4,300 digits)."""
    if whole.bit_length() <= 64:
        return "%d" % whole
    return "of about %d digits" % round(whole.bit_length() * math.log10(2))


def _quote(text):
    """repr of a string from a file, cut to 40 characters: escapes control characters, bounds the message."""
    if not isinstance(text, str):
        return describe(text)
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "..."


def _join(where, key):
    """The JSON path of key in the object at where; a key from a file is quoted unless a plain name."""
    if not (key.isidentifier() and len(key) <= 40):
        return "%s[%s]" % (where, _quote(key))
    return "%s.%s" % (where, key) if where else key


# ----- the document --------------------------------------------------------------


def _build(doc, verify_checksum):
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        found = describe(doc.get("format") if isinstance(doc, dict) else doc)
        raise FieldError("not an nnscratch model file: \"format\" should be %r, found %s"
                         % (FORMAT_NAME, found), "format")
    version = doc.get("version")
    if is_whole(version) and version > FORMAT_VERSION:
        raise FieldError("written by a newer nnscratch (model file format version %s); this nnscratch reads "
                         "version %d and older: upgrade nnscratch to load it"
                         % (_digits(version), FORMAT_VERSION), "version")
    _int(version, "version", 1, FORMAT_VERSION)
    _dict(doc, "", TOP_KEYS)
    kind = doc["kind"]
    if not isinstance(kind, str) or kind not in KINDS:
        raise FieldError("unknown kind %s; expected one of %s" % (_quote(kind), ", ".join(KINDS)), "kind")
    for key in ("nnscratch_version", "saved"):
        _string(doc[key], key)
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
    try:
        return checksum(doc)
    except (ValueError, TypeError, OverflowError):
        return None


def check_scaling(value, where, width):
    """Min-max scaling of width columns, or null: each minimum at most its maximum, the range finite."""
    if value is None:
        return None
    _dict(value, where, ("minimums", "maximums"))
    lows = _numbers(value["minimums"], _join(where, "minimums"), width)
    highs = _numbers(value["maximums"], _join(where, "maximums"), width)
    for i, (low, high) in enumerate(zip(lows, highs)):
        at = "%s.maximums[%d]" % (where, i)
        if high < low:
            raise FieldError("expected a maximum at least the minimum %r, got %r" % (low, high), at)
        if not math.isfinite(high - low):  # scaling divides by high - low
            raise FieldError("the range from the minimum %r to %r is too wide for a float" % (low, high), at)
    return MinMaxScaling(lows, highs)


def _training(value, where):
    """Training metadata: an object of names to plain values (finite numbers, strings, true/false, null)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError("expected an object or null, got %s" % describe(value), where)
    check_once_each(value, where)
    for key, v in value.items():
        if is_number(v) or isinstance(v, BadToken):
            _number(v, _join(where, key))  # a number must fit a float: the front doors compute with them
        elif v is not None and not isinstance(v, (bool, str)):
            raise FieldError("expected a number, string, true, false or null, got %s" % describe(v),
                             _join(where, key))
    return dict(value)


def _made(make, where):
    """make(), with an error of a model's constructor (a value the checks let through) named at where."""
    try:
        return make()
    except NNScratchError as e:
        raise FieldError(str(e), where) from None


# ----- each kind's "model" object: shapes checked before anything is built ------------


def _network(value, where):
    keys = ("sizes", "hidden_activation", "output_activation", "loss", "init", "seed", "layers")
    _dict(value, where, keys)
    sizes = _sizes(value["sizes"], _join(where, "sizes"))
    hidden = _name(value["hidden_activation"], _join(where, "hidden_activation"), ACTIVATIONS, "activation")
    output = _name(value["output_activation"], _join(where, "output_activation"), ACTIVATIONS, "activation")
    loss = _name(value["loss"], _join(where, "loss"), LOSSES, "loss")
    init = _name(value["init"], _join(where, "init"), INITS, "init")
    seed = _seed(value["seed"], _join(where, "seed"))
    layers = _layers(value["layers"], _join(where, "layers"), sizes, hidden, output)
    net = _made(lambda: Network.from_layers(layers, hidden_activation=hidden, output_activation=output,
                                            loss=loss, init=init, seed=seed), where)
    return net, sizes[0], sizes[-1]


def _sizes(sizes, where):
    """A network's layer widths, within the limits, before anything of those sizes exists."""
    if not isinstance(sizes, list) or not 2 <= len(sizes) <= MAX_LAYERS + 1:
        raise FieldError("expected a list of 2 to %d layer widths, got %s"
                         % (MAX_LAYERS + 1, describe(sizes)), where)
    for i, n in enumerate(sizes):
        _int(n, "%s[%d]" % (where, i), 1, MAX_WIDTH)
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
        _dict(layer, at, ("activation", "weights", "biases"))
        expected = output if i == len(layers) - 1 else hidden
        if layer["activation"] != expected:
            raise FieldError("expected %r (the network's %s activation), got %s"
                             % (expected, "output" if i == len(layers) - 1 else "hidden",
                                _quote(layer["activation"])), _join(at, "activation"))
        built.append(Layer(_matrix(layer["weights"], _join(at, "weights"), n_out, n_in),
                           _numbers(layer["biases"], _join(at, "biases"), n_out), expected))
    return built


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
        raise FieldError("expected a number > 0, got %r" % rate, _join(at, "learning_rate"))
    n_in, n_hidden, n_out = sizes["input_neurons"], sizes["hidden_neurons"], sizes["output_neurons"]
    if n_in * n_hidden + n_hidden + n_hidden * n_out + n_out > MAX_PARAMETERS:
        raise FieldError("more weights and biases than nnscratch loads (%d)" % MAX_PARAMETERS, at)
    seed = _seed(value["seed"], _join(where, "seed"))
    weights = (_matrix(value["w_hidden"], _join(where, "w_hidden"), n_in, n_hidden),
               _numbers(value["b_hidden"], _join(where, "b_hidden"), n_hidden),
               _matrix(value["w_out"], _join(where, "w_out"), n_hidden, n_out),
               _numbers(value["b_out"], _join(where, "b_out"), n_out))
    config = _made(lambda: NeuralNetConfig(num_epochs=epochs, learning_rate=rate, **sizes), at)
    net = _made(lambda: NeuralNet(config, seed=seed), where)
    net.w_hidden, net.b_hidden, net.w_out, net.b_out = weights
    return net, n_in, n_out


def _perceptron(value, where):
    _dict(value, where, ("weights", "bias", "epochs", "seed"))
    weights = value["weights"]
    if not isinstance(weights, list) or not 1 <= len(weights) <= MAX_WIDTH:
        raise FieldError("expected a list of 1 to %d numbers, got %s" % (MAX_WIDTH, describe(weights)),
                         _join(where, "weights"))
    weights = _numbers(weights, _join(where, "weights"), len(weights))
    bias = _number(value["bias"], _join(where, "bias"))
    epochs = _int(value["epochs"], _join(where, "epochs"), 0, 2 ** 62)
    seed = _seed(value["seed"], _join(where, "seed"))
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
