"""Reading a model file you did not write: bounded, strict, every field checked and named.

What every reader of a model file needs (``persist`` for JSON model files,
``safetensors`` for PyTorch's format): a bounded read of the bytes, strict
JSON, and a check per kind of field. A check returns the value when it is
right (an int made a float where a number is wanted) and raises
``FieldError(message, where)`` when it is not, ``where`` being the value's
JSON path (``model.layers[1].weights[3]``); the reader turns it into a
``ModelFileError`` naming the file. What a file may be, and how it is read:

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
  deeper than a format's own few levels is refused by the shape checks.

Strings (class and column names, training metadata) may hold any character,
control characters included: a front door that prints one escapes it. Class
names, and column names, must differ from each other: columns are found by
name in a CSV file.
"""

import json
import math
import os
import stat

from .._checks import is_number, is_whole
from ..errors import ModelFileError
from ..maths.scaling import MinMaxScaling

__all__ = ["read_model_bytes", "parse_json", "BadToken", "RepeatedKey", "FieldError",
           "describe", "whole_text", "quote", "join_path", "repeated_key",
           "object_field", "check_once_each", "whole_field", "number_field", "numbers_field", "matrix_field",
           "choice_field", "string_field", "check_names", "check_scaling", "MAX_FILE_BYTES",
           "MAX_LAYERS", "MAX_WIDTH", "MAX_PARAMETERS", "MAX_NAME_LENGTH", "MAX_WHOLE_DIGITS"]

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


# ----- the bytes: a regular file, read no further than the limit ---------------------------


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


# ----- the JSON: strict, with what Python's json lets through kept for the checks to refuse ------


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
    repeated = RepeatedKey(obj)
    repeated.key = repeated_key(pairs)
    return repeated


def repeated_key(pairs):
    """The first key that comes twice in an object's (key, value) pairs, or None.

    >>> repeated_key([("a", 1), ("b", 2), ("a", 3)]), repeated_key([("a", 1)])
    ('a', None)
    """
    seen = set()
    return next((key for key, _ in pairs if key in seen or seen.add(key)), None)


# ----- what the checks raise, and how its message shows a value and its place -----------------


class FieldError(Exception):
    """(message, JSON path): raised by the checks, turned into ModelFileError naming the file."""


def describe(value):
    """A value of a model file, described for a message: its kind, and the value when it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return "the number %d" % value if value.bit_length() <= 64 else "a whole number " + whole_text(value)
    if isinstance(value, float):
        return "the number %r" % value
    if isinstance(value, str):
        return "the string %s" % quote(value)
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


def whole_text(whole):
    """A whole number's digits, or how many there are for a long one (str() refuses over 4,300 digits)."""
    if whole.bit_length() <= 64:
        return "%d" % whole
    return "of about %d digits" % round(whole.bit_length() * math.log10(2))


def quote(text):
    """repr of a string from a file, cut to 40 characters: escapes control characters, bounds the message."""
    if not isinstance(text, str):
        return describe(text)
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "..."


def join_path(where, key):
    """The JSON path of key in the object at where; a key from a file is quoted unless a plain name."""
    if not (key.isidentifier() and len(key) <= 40):
        return "%s[%s]" % (where, quote(key))
    return "%s.%s" % (where, key) if where else key


# ----- the checks, one per kind of field ----------------------------------------------------


def object_field(value, where, keys, optional=()):
    """value if it is an object with keys (and perhaps optional ones), each once, else FieldError."""
    if not isinstance(value, dict):
        raise FieldError("expected an object, got %s" % describe(value), where)
    check_once_each(value, where)
    unknown = sorted(set(value) - set(keys) - set(optional))
    if unknown:
        raise FieldError("unknown key %s" % quote(unknown[0]), join_path(where, unknown[0]))
    for key in keys:
        if key not in value:
            raise FieldError("missing key %r" % key, where)
    return value


def check_once_each(value, where):
    """Refuse an object that names a key twice (a ``RepeatedKey``), naming the key."""
    if isinstance(value, RepeatedKey):
        raise FieldError("the key %s appears twice in one object; a model file names each key once"
                         % quote(value.key), join_path(where, value.key))


def whole_field(value, where, low, high):
    """value if it is a whole number from low to high, else FieldError."""
    if not is_whole(value):
        raise FieldError("expected a whole number, got %s" % describe(value), where)
    if not low <= value <= high:
        raise FieldError("expected a whole number from %d to %d, got %s" % (low, high, describe(value)),
                         where)
    return value


def number_field(value, where):
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


def numbers_field(value, where, length):
    """value as a list of length finite floats: itself if it is one, else a copy with ints made floats."""
    if not isinstance(value, list):
        raise FieldError("expected a list of %d numbers, got %s" % (length, describe(value)), where)
    if len(value) != length:
        raise FieldError("expected %d numbers, got %d" % (length, len(value)), where)
    if set(map(type, value)) == {float} and all(map(math.isfinite, value)):  # C-speed passes
        return value
    return [number_field(v, "%s[%d]" % (where, i)) for i, v in enumerate(value)]


def matrix_field(value, where, rows, cols):
    """value as rows lists of cols finite floats each (see numbers_field), else FieldError."""
    if not isinstance(value, list):
        raise FieldError("expected a list of %d rows, got %s" % (rows, describe(value)), where)
    if len(value) != rows:
        raise FieldError("expected %d rows, got %d" % (rows, len(value)), where)
    return [numbers_field(row, "%s[%d]" % (where, i), cols) for i, row in enumerate(value)]


def choice_field(value, where, table, what):
    """value if it is a name in table (what names it: "activation", "loss"), else FieldError listing them."""
    if not isinstance(value, str) or value not in table:
        raise FieldError("unknown %s %s; nnscratch knows %s"
                         % (what, quote(value), ", ".join(sorted(table))), where)
    return value


def string_field(value, where, what="a string"):
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
        string_field(name, at, "a name (a string)")
        if name in first:
            raise FieldError("%s is also %s[%d]; each name must differ from the others"
                             % (quote(name), where, first[name]), at)
        first[name] = i
    return value


def check_scaling(value, where, width):
    """Min-max scaling of width columns, or null: each minimum at most its maximum, the range finite."""
    if value is None:
        return None
    object_field(value, where, ("minimums", "maximums"))
    lows = numbers_field(value["minimums"], join_path(where, "minimums"), width)
    highs = numbers_field(value["maximums"], join_path(where, "maximums"), width)
    for i, (low, high) in enumerate(zip(lows, highs)):
        at = "%s.maximums[%d]" % (where, i)
        if high < low:
            raise FieldError("expected a maximum at least the minimum %r, got %r" % (low, high), at)
        if not math.isfinite(high - low):  # scaling divides by high - low
            raise FieldError("the range from the minimum %r to %r is too wide for a float" % (low, high), at)
    return MinMaxScaling(lows, highs)
