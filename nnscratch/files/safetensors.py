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

Reading trusts nothing: the header length is checked against the file size
and capped, each tensor's offsets against the data and against each other
(no overlaps, no gaps), shapes against the dtypes' sizes and each other, and
every number must be finite. Problems raise ``ModelFileError``.
"""

import hashlib
import json
import math
import os
import struct
import sys
from array import array

from .._checks import is_whole
from .._version import __version__
from ..engine.network import Layer, Network
from ..errors import ArgumentTypeError, ModelFileError
from ..maths.activations import ACTIVATIONS
from ..maths.losses import LOSSES
from ..maths.scaling import MinMaxScaling
from .atomic import write_bytes_atomic

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
    nnscratch's metadata, such as one saved from PyTorch.
    """
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(8)
        if len(head) < 8:
            raise ModelFileError("too short for a safetensors file: %d bytes" % size, path)
        (n,) = struct.unpack("<Q", head)
        if n > MAX_HEADER_BYTES:
            raise ModelFileError("the header claims %d bytes, more than the %d allowed"
                                 % (n, MAX_HEADER_BYTES), path, "header length")
        if 8 + n > size:
            raise ModelFileError("the header claims %d bytes but the file has only %d after the length"
                                 % (n, size - 8), path, "header length")
        raw_header = f.read(n)
        data = f.read()
    try:
        header = json.loads(raw_header.decode("utf-8"), parse_constant=_refuse)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise ModelFileError("the header is not valid JSON (%s)" % e, path, "header") from None
    if not isinstance(header, dict):
        raise ModelFileError("the header is not a JSON object", path, "header")
    try:
        return _build(header, data, activations)
    except _Bad as e:
        raise ModelFileError(e.args[0], path, e.args[1]) from None


def _digest(metadata, data):
    """SHA-256 of the metadata (but its own "sha256") and the data: any change to either shows."""
    text = json.dumps({k: v for k, v in metadata.items() if k != "sha256"}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8") + data).hexdigest()


def _refuse(name):
    raise ModelFileError("%s is not allowed" % name)


class _Bad(Exception):
    """(message, where): turned into ModelFileError by load_safetensors."""


def _build(header, data, activations):
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise _Bad("expected an object of strings", "__metadata__")
    layers = _layers(_read_tensors(header, data))
    names = _meta_json(metadata, "activations", list) if activations is None else list(activations)
    if names is None:
        raise _Bad("no activations: the file has no nnscratch metadata; pass activations=[...]",
                   "__metadata__")
    if len(names) != len(layers) or not all(isinstance(a, str) and a in ACTIVATIONS for a in names):
        raise _Bad("expected %d known activation names, got %r" % (len(layers), names),
                   "__metadata__.activations")
    output = names[-1]
    default_loss = {"softmax": "cross_entropy",
                    "sigmoid": "binary_cross_entropy"}.get(output, "squared_error")
    loss = metadata.get("loss", default_loss)
    if loss not in LOSSES:
        raise _Bad("unknown loss %r" % loss, "__metadata__.loss")
    if len(set(names[:-1])) > 1:
        raise _Bad("nnscratch networks use one hidden activation, got %r" % names[:-1],
                   "__metadata__.activations")
    sizes = [len(layers[0][0][0])] + [len(b) for _, b in layers]
    net = Network(sizes, hidden_activation=names[0] if len(names) > 1 else "sigmoid",
                  output_activation=output, loss=loss)
    net.layers = [Layer(w, b, a) for (w, b), a in zip(layers, names)]
    _set_names_and_scaling(net, metadata, sizes)
    # Last, so that a broken layout is reported as such rather than as a bad digest.
    if "sha256" in metadata and _digest(metadata, data) != metadata["sha256"]:
        raise _Bad("the metadata and data do not match their SHA-256: the file is corrupt",
                   "__metadata__.sha256")
    return net


def _layers(tensors):
    """The (weights, biases) of each Linear layer, from the tensors 0.weight, 0.bias, 2.weight, ..."""
    layers, index = [], 0
    while "%d.weight" % index in tensors:
        weight, bias = tensors.pop("%d.weight" % index), tensors.pop("%d.bias" % index, None)
        if bias is None:
            raise _Bad("%d.weight has no %d.bias" % (index, index), "%d.bias" % index)
        if len(weight[0]) != 2:
            raise _Bad("expected a shape [out, in], got %s" % weight[0], "%d.weight.shape" % index)
        (rows, cols), values = weight
        if len(bias[0]) != 1 or bias[0][0] != rows:
            raise _Bad("expected shape [%d], got %s" % (rows, bias[0]), "%d.bias.shape" % index)
        if layers and cols != len(layers[-1][1]):
            raise _Bad("expected %d inputs (the previous layer's outputs), got %d"
                       % (len(layers[-1][1]), cols), "%d.weight.shape" % index)
        layers.append(([values[r * cols:(r + 1) * cols] for r in range(rows)], bias[1]))
        index += 2
    if not layers:
        raise _Bad("no tensor named 0.weight: not an nn.Sequential of Linear layers", "header")
    if tensors:
        name = sorted(tensors)[0]
        raise _Bad("unexpected tensor %r (expected 0.weight, 0.bias, 2.weight, ...)" % name, name)
    return layers


def _set_names_and_scaling(net, metadata, sizes):
    """Set the network's classes, columns and scaling from the metadata, checking their sizes."""
    # A one-output (yes/no) network has two class names.
    for key, expected in (("classes", 2 if sizes[-1] == 1 else sizes[-1]), ("columns", sizes[0])):
        value = _meta_json(metadata, key, list)
        if value is not None and (len(value) != expected or not all(isinstance(v, str) for v in value)):
            raise _Bad("expected %d names" % expected, "__metadata__.%s" % key)
        setattr(net, key, value)
    scaling = _meta_json(metadata, "scaling", dict)
    if scaling is not None:
        try:
            net.scaling = MinMaxScaling(list(map(float, scaling["minimums"])),
                                        list(map(float, scaling["maximums"])))
        except (KeyError, TypeError, ValueError):
            raise _Bad("expected {\"minimums\": [...], \"maximums\": [...]}",
                       "__metadata__.scaling") from None
        if len(net.scaling.minimums) != sizes[0] or len(net.scaling.maximums) != sizes[0] or not all(
                map(math.isfinite, net.scaling.minimums + net.scaling.maximums)):
            raise _Bad("expected %d finite minimums and maximums" % sizes[0], "__metadata__.scaling")


def _meta_json(metadata, key, kind):
    if key not in metadata:
        return None
    try:
        value = json.loads(metadata[key], parse_constant=_refuse)
    except (ValueError, RecursionError):
        raise _Bad("not valid JSON", "__metadata__.%s" % key) from None
    if not isinstance(value, kind):
        raise _Bad("expected a JSON %s" % ("list" if kind is list else "object"), "__metadata__.%s" % key)
    return value


def _read_tensors(header, data):
    """Check every tensor entry and its place in the data; return name -> (shape, values)."""
    spans, tensors = [], {}
    for name, entry in header.items():
        where = name
        if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
            raise _Bad("expected an object with dtype, shape and data_offsets", where)
        dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
        if dtype not in _DTYPES:
            raise _Bad("dtype %r is not one nnscratch reads (F32, F64)" % (dtype,), where + ".dtype")
        if not isinstance(shape, list) or not 1 <= len(shape) <= 2 or not all(
                is_whole(d) and 1 <= d <= 10 ** 7 for d in shape):
            raise _Bad("expected a shape of 1 or 2 sizes from 1 to 10000000, got %r" % (shape,),
                       where + ".shape")
        if not isinstance(offsets, list) or len(offsets) != 2 or not all(
                is_whole(o) for o in offsets):
            raise _Bad("expected [begin, end]", where + ".data_offsets")
        begin, end = offsets
        count = shape[0] * (shape[1] if len(shape) == 2 else 1)
        typecode, width = _DTYPES[dtype]
        if not 0 <= begin <= end <= len(data):
            raise _Bad("[%d, %d] is outside the %d bytes of data" % (begin, end, len(data)),
                       where + ".data_offsets")
        if end - begin != count * width:
            raise _Bad("shape %s of %s needs %d bytes, the offsets give %d"
                       % (shape, dtype, count * width, end - begin), where + ".data_offsets")
        values = array(typecode)
        values.frombytes(data[begin:end])
        if sys.byteorder == "big":  # pragma: no cover - depends on the machine
            values.byteswap()
        values = values.tolist()
        if not all(map(math.isfinite, values)):
            raise _Bad("holds NaN or infinity", where)
        spans.append((begin, end, name))
        tensors[name] = (shape, values)
    position = 0
    for begin, end, name in sorted(spans):
        if begin != position:
            raise _Bad("overlaps another tensor" if begin < position
                       else "leaves a gap in the data before it", name + ".data_offsets")
        position = end
    if position != len(data):
        raise _Bad("%d bytes of data after the last tensor" % (len(data) - position), "data")
    return tensors
