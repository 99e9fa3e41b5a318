"""A way out: export a Network to safetensors, the format PyTorch and others load.

The file layout (https://github.com/huggingface/safetensors), written with the
standard library's ``struct``, ``json`` and ``array``:

    8 bytes     N, the header's length, unsigned little-endian
    N bytes     a JSON header: for each tensor {"dtype": "F32" or "F64",
                "shape": [...], "data_offsets": [begin, end]}, and
                "__metadata__": strings saying what the tensors are
    the rest    the tensors' raw little-endian numbers, back to back

Tensors are named as the ``state_dict`` of a PyTorch ``nn.Sequential`` that
alternates ``nn.Linear`` layers and activations: ``0.weight`` (shape [out, in],
one row per neuron, as nnscratch stores it), ``0.bias``, then ``2.weight``,
``2.bias``, and so on; index 1, 3, ... is each layer's activation, which has
no tensors. ``__metadata__`` holds the sizes, activations, loss, class and
input names, the input scaling, and a SHA-256 of the rest of the metadata and
the data, so a corrupt file is refused.

Reading trusts nothing, and checks the header whole before it decodes a
number: the file must be a regular file of at most ``MAX_FILE_BYTES``; the
header length is checked against the file and capped; the header is JSON read
as model files are (no repeated keys, no NaN); each tensor's shape against its
dtype's size and its offsets, the offsets against the data and each other (no
overlaps, no gaps), the total against ``MAX_PARAMETERS``, and the shapes
against each other. Every number must be finite, class and column names
strings that differ. Problems raise ``ModelFileError`` naming the file and
the header entry.
"""

import hashlib
import json
import math
import struct
import sys
from array import array

from .._checks import is_whole
from .._version import __version__
from ..engine.network import Layer, Network
from ..errors import ArgumentTypeError, ModelFileError, NNScratchError
from ..maths.activations import ACTIVATIONS
from ..maths.losses import LOSSES
from .atomic import write_bytes_atomic
from .untrusted import (MAX_PARAMETERS, FieldError, check_names, check_once_each, check_scaling, describe,
                        parse_json, read_model_bytes)

__all__ = ["export_safetensors", "load_safetensors", "MAX_HEADER_BYTES"]

#: The reference implementation refuses headers over 100 MB; so does this one.
MAX_HEADER_BYTES = 100_000_000
_DTYPES = {"F32": ("f", 4), "F64": ("d", 8)}


def _tensor_bytes(values, dtype):
    data = array(_DTYPES[dtype][0], values)
    if sys.byteorder == "big":  # pragma: no cover - depends on the machine
        data.byteswap()
    return data.tobytes()


def export_safetensors(model, path, dtype="F32"):
    """Write a Network's weights to a safetensors file, atomically; return the path.

    ``dtype`` is "F32" (what PyTorch uses by default; numbers are rounded to
    32-bit floats) or "F64" (exact). Load it into PyTorch with the
    ``nn.Sequential`` the README shows.
    """
    if not isinstance(model, Network):  # only the engine's layers map onto nn.Linear
        raise ArgumentTypeError("export_safetensors takes a Network, got %s" % type(model).__name__)
    if dtype not in _DTYPES:
        raise ModelFileError("dtype must be 'F32' or 'F64', got %r" % (dtype,))
    header, chunks, offset = {}, [], 0
    for i, layer in enumerate(model.layers):
        for suffix, shape, values in (
            ("weight", [layer.n_neurons, layer.n_inputs], [w for row in layer.weights for w in row]),
            ("bias", [layer.n_neurons], layer.biases),
        ):
            chunk = _tensor_bytes(values, dtype)
            header["%d.%s" % (2 * i, suffix)] = {"dtype": dtype, "shape": shape,
                                                 "data_offsets": [offset, offset + len(chunk)]}
            chunks.append(chunk)
            offset += len(chunk)
    data = b"".join(chunks)
    metadata = {
        "format": "pt",
        "producer": "nnscratch %s" % __version__,
        "sizes": json.dumps(model.sizes),
        "activations": json.dumps([layer.activation for layer in model.layers]),
        "loss": model.loss,
    }
    for key in ("classes", "columns"):
        if getattr(model, key) is not None:
            metadata[key] = json.dumps(list(getattr(model, key)))
    if model.scaling is not None:
        metadata["scaling"] = json.dumps({"minimums": list(model.scaling.minimums),
                                          "maximums": list(model.scaling.maximums)})
    metadata["sha256"] = _digest(metadata, data)
    text = json.dumps(dict([("__metadata__", metadata)] + list(header.items())), separators=(",", ":"))
    text += " " * (-(8 + len(text)) % 8)  # pad, so the data starts 8-byte aligned, as safetensors does
    blob = struct.pack("<Q", len(text)) + text.encode("utf-8") + data
    write_bytes_atomic(path, blob)
    return path


def load_safetensors(path, activations=None):
    """Read a safetensors file written by ``export_safetensors`` (or any Linear stack); return a Network.

    ``activations`` (one name per layer) is needed only for files without
    nnscratch's metadata, such as one saved from PyTorch. Raises
    ModelFileError naming the file and the header entry for anything wrong.
    """
    blob = read_model_bytes(path)  # a regular file, of at most MAX_FILE_BYTES
    if len(blob) < 8:
        raise ModelFileError("too short for a safetensors file: %d bytes" % len(blob), path)
    (n,) = struct.unpack("<Q", blob[:8])
    if n > MAX_HEADER_BYTES:
        raise ModelFileError("the header claims %d bytes, more than the %d allowed"
                             % (n, MAX_HEADER_BYTES), path, "header length")
    if 8 + n > len(blob):
        raise ModelFileError("the header claims %d bytes but the file has only %d after the length"
                             % (n, len(blob) - 8), path, "header length")
    header = parse_json(blob[8:8 + n], path, "header")
    data = memoryview(blob)[8 + n:]  # the tensors, not copied
    try:
        return _build(header, data, activations)
    except FieldError as e:
        raise ModelFileError(e.args[0], path, e.args[1]) from None


def _digest(metadata, data):
    """SHA-256 of the metadata (but its own "sha256") and the data: any change to either shows."""
    text = json.dumps({k: v for k, v in metadata.items() if k != "sha256"}, sort_keys=True)
    digest = hashlib.sha256(text.encode("utf-8"))
    digest.update(data)  # bytes or a memoryview of them, not copied
    return digest.hexdigest()


def _build(header, data, activations):
    if not isinstance(header, dict):
        raise FieldError("expected a JSON object, got %s" % describe(header), "header")
    check_once_each(header, "header")
    metadata = _metadata(header.pop("__metadata__", None))
    layers = _layers(_read_tensors(header, data))
    given = _meta_json(metadata, "activations", list) if activations is None else list(activations)
    names = _activations(given, len(layers))
    output = names[-1]
    default_loss = {"softmax": "cross_entropy",
                    "sigmoid": "binary_cross_entropy"}.get(output, "squared_error")
    loss = metadata.get("loss", default_loss)
    if loss not in LOSSES:
        raise FieldError("unknown loss %s" % describe(loss), "__metadata__.loss")
    built = [Layer(w, b, a) for (w, b), a in zip(layers, names)]
    hidden = names[0] if len(names) > 1 else "sigmoid"
    try:
        net = Network.from_layers(built, hidden_activation=hidden, output_activation=output, loss=loss)
    except NNScratchError as e:  # such as a cross-entropy loss on a linear output
        raise FieldError(str(e), "__metadata__") from None
    _set_names_and_scaling(net, metadata, net.sizes)
    # Last, so that a broken layout is reported as such rather than as a bad digest.
    if "sha256" in metadata and _digest(metadata, data) != metadata["sha256"]:
        raise FieldError("the metadata and data do not match their SHA-256: the file is corrupt",
                         "__metadata__.sha256")
    return net


def _metadata(metadata):
    """The header's "__metadata__": an object of strings, as safetensors has it, or {} when there is none."""
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise FieldError("expected an object of strings, got %s" % describe(metadata), "__metadata__")
    check_once_each(metadata, "__metadata__")
    for key, value in metadata.items():
        if not isinstance(value, str):
            raise FieldError("expected a string, got %s" % describe(value), "__metadata__[%r]" % key[:40])
    return metadata


def _activations(names, n_layers):
    """One known activation name per layer, the hidden ones all the same (nnscratch networks have one)."""
    if names is None:
        raise FieldError("no activations: the file has no nnscratch metadata; pass activations=[...]",
                         "__metadata__")
    if len(names) != n_layers:
        raise FieldError("expected %d activation names, one per layer, got %d" % (n_layers, len(names)),
                         "__metadata__.activations")
    for i, name in enumerate(names):
        if not (isinstance(name, str) and name in ACTIVATIONS):
            raise FieldError("unknown activation %s; nnscratch knows %s" % (
                describe(name), ", ".join(sorted(ACTIVATIONS))), "__metadata__.activations[%d]" % i)
    if len(set(names[:-1])) > 1:
        raise FieldError("nnscratch networks use one hidden activation, got %s" % ", ".join(names[:-1]),
                         "__metadata__.activations")
    return names


def _layers(tensors):
    """The (weights, biases) of each Linear layer, from the tensors 0.weight, 0.bias, 2.weight, ..."""
    layers, index = [], 0
    while "%d.weight" % index in tensors:
        weight, bias = tensors.pop("%d.weight" % index), tensors.pop("%d.bias" % index, None)
        if bias is None:
            raise FieldError("%d.weight has no %d.bias" % (index, index), "%d.bias" % index)
        if len(weight[0]) != 2:
            raise FieldError("expected a shape [out, in], got %s" % weight[0], "%d.weight.shape" % index)
        (rows, cols), values = weight
        if len(bias[0]) != 1 or bias[0][0] != rows:
            raise FieldError("expected shape [%d], got %s" % (rows, bias[0]), "%d.bias.shape" % index)
        if layers and cols != len(layers[-1][1]):
            raise FieldError("expected %d inputs (the previous layer's outputs), got %d"
                             % (len(layers[-1][1]), cols), "%d.weight.shape" % index)
        layers.append(([values[r * cols:(r + 1) * cols].tolist() for r in range(rows)], bias[1].tolist()))
        index += 2
    if not layers:
        raise FieldError("no tensor named 0.weight: not an nn.Sequential of Linear layers", "header")
    if tensors:
        name = sorted(tensors)[0]
        raise FieldError("unexpected tensor (expected 0.weight, 0.bias, 2.weight, ...)", _entry(name))
    return layers


def _set_names_and_scaling(net, metadata, sizes):
    """Set the network's classes, columns and scaling from the metadata, checking them as model files do."""
    # A one-output (yes/no) network has two class names.
    for key, expected in (("classes", 2 if sizes[-1] == 1 else sizes[-1]), ("columns", sizes[0])):
        setattr(net, key, check_names(_meta_json(metadata, key, list), "__metadata__." + key, expected))
    net.scaling = check_scaling(_meta_json(metadata, "scaling", dict), "__metadata__.scaling", sizes[0])


def _meta_json(metadata, key, kind):
    """The metadata's value at key, itself JSON text, parsed as model files are; None when there is none."""
    if key not in metadata:
        return None
    where = "__metadata__." + key
    try:
        value = parse_json(metadata[key], None, where)
    except ModelFileError as e:
        raise FieldError(e.reason, where) from None
    if not isinstance(value, kind):
        raise FieldError("expected a JSON %s, got %s"
                         % ("list" if kind is list else "object", describe(value)), where)
    return value


def _read_tensors(header, data):
    """Check every tensor entry and its place in the data, then decode them: name -> (shape, array)."""
    entries, spans = {}, []
    for name, entry in header.items():
        shape, dtype, begin, end = _entry_shape(name, entry, len(data))
        spans.append((begin, end, name))
        entries[name] = (shape, dtype, begin, end)
    position = 0
    for begin, end, name in sorted(spans):
        if begin != position:
            raise FieldError("overlaps another tensor" if begin < position
                             else "leaves a gap in the data before it", _entry(name) + ".data_offsets")
        position = end
    if position != len(data):
        raise FieldError("%d bytes of data after the last tensor" % (len(data) - position), "data")
    count = sum(math.prod(shape) for shape, _, _, _ in entries.values())
    if count > MAX_PARAMETERS:  # as Python floats, each number takes 32 bytes, not its 4 or 8
        raise FieldError("%d numbers, more than nnscratch loads (%d)" % (count, MAX_PARAMETERS), "header")
    tensors = {}
    for name, (shape, dtype, begin, end) in entries.items():
        values = array(_DTYPES[dtype][0])
        values.frombytes(data[begin:end])
        if sys.byteorder == "big":  # pragma: no cover - depends on the machine
            values.byteswap()
        if not all(map(math.isfinite, values)):
            raise FieldError("holds NaN or infinity", _entry(name))
        tensors[name] = (shape, values)
    return tensors


def _entry_shape(name, entry, size):
    """(shape, dtype, begin, end) of one tensor's header entry, checked against the size of the data."""
    where = _entry(name)
    if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
        raise FieldError("expected an object with dtype, shape and data_offsets", where)
    check_once_each(entry, where)
    dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
    if not isinstance(dtype, str) or dtype not in _DTYPES:
        raise FieldError("dtype %s is not one nnscratch reads (F32, F64)" % describe(dtype), where + ".dtype")
    if not isinstance(shape, list) or not 1 <= len(shape) <= 2 or not all(
            is_whole(d) and 1 <= d <= 10 ** 7 for d in shape):
        raise FieldError("expected a shape of 1 or 2 sizes from 1 to 10000000, got %s" % describe(shape),
                         where + ".shape")
    if not isinstance(offsets, list) or len(offsets) != 2 or not all(is_whole(o) for o in offsets):
        raise FieldError("expected [begin, end], got %s" % describe(offsets), where + ".data_offsets")
    begin, end = offsets
    if not 0 <= begin <= end <= size:
        raise FieldError("[%s, %s] is outside the %d bytes of data" % (_short(begin), _short(end), size),
                         where + ".data_offsets")
    needed = math.prod(shape) * _DTYPES[dtype][1]
    if end - begin != needed:
        raise FieldError("shape %s of %s needs %d bytes, the offsets give %d"
                         % (shape, dtype, needed, end - begin), where + ".data_offsets")
    return shape, dtype, begin, end


def _short(whole):
    return "%d" % whole if abs(whole) < 10 ** 30 else describe(whole)


def _entry(name):
    """A tensor's name as the place of a problem: quoted unless plain (a name may hold any character)."""
    return name if name.isprintable() and len(name) <= 40 else repr(name[:40])
