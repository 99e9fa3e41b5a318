"""The model file format: its name, version, checksum, and how a model is written.

A model file is UTF-8 JSON, one object:

    {
     "format": "nnscratch-model",      always this
     "version": 1,                     FORMAT_VERSION; a newer one is refused
     "kind": "network",                "network", "neuralnet" or "perceptron"
     "nnscratch_version": "0.1.0",     the nnscratch that wrote it
     "saved": "2026-11-24T11:30:00Z",  when, in UTC
     "model": {...},                   the kind's shape and numbers (see nnscratch.files.persist)
     "classes": ["setosa", ...],       the class of each output, or null
     "columns": ["sepal_length", ...], the name of each input, or null
     "scaling": {"minimums": [...], "maximums": [...]},  input min-max scaling, or null
     "training": {"epochs": 2000, "final_loss": 0.05, "seed": 0, "date": "...", ...},  or null
     "checksum": "sha256:..."          of everything else (see ``checksum``)
    }

Numbers are written with ``repr``, the shortest text that reads back as the
same float, so weights round-trip exactly. NaN and infinity are never
written. Files are written atomically: a crash midway leaves the old file.

This module writes (``save``, ``to_dict``); ``nnscratch.files.persist``
reads and checks. It stands above the models: a model knows nothing of
files, and its ``save`` method is a shortcut for ``save(model, path)`` here.
Each kind's "model" object is written by one function below, picked by the
model's ``kind``.
"""

import hashlib
import json
import time
from dataclasses import asdict

from .._version import __version__
from ..errors import ArgumentTypeError, ModelFileError, NotTrainedError
from .atomic import write_text_atomic

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "KINDS", "checksum", "document", "dumps", "write", "to_dict",
           "save"]

FORMAT_NAME = "nnscratch-model"
#: Bump when a reader of the old version could misread a new file.
FORMAT_VERSION = 1
KINDS = ("network", "neuralnet", "perceptron")


def checksum(doc):
    """Return "sha256:<hex>" of the document without its "checksum" key.

    The digest is over the canonical JSON text (sorted keys, no spaces,
    numbers as ``repr`` writes them), so reformatting the file keeps it valid
    while any change to a value does not.
    """
    body = {key: value for key, value in doc.items() if key != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()


def document(kind, model, classes=None, columns=None, scaling=None, training=None):
    """Return the full model-file object for a model's parts, checksum included."""
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "kind": kind,
        "nnscratch_version": __version__,
        "saved": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "model": model,
        "classes": None if classes is None else list(classes),
        "columns": None if columns is None else list(columns),
        "scaling": None if scaling is None else {"minimums": list(scaling[0]), "maximums": list(scaling[1])},
        "training": dict(training) if training else None,
    }
    try:
        doc["checksum"] = checksum(doc)
    except ValueError:  # json refuses NaN and infinity
        raise ModelFileError("the model holds NaN or infinite numbers; they cannot be saved") from None
    except TypeError as e:
        raise ModelFileError("the model holds a value JSON cannot store (%s)" % e) from None
    return doc


def dumps(value, indent=""):
    """JSON text with one line per list of numbers, so a layer's weights read as rows.

    >>> print(dumps({"weights": [[1.0, 2.5], [0.1, -3.0]], "bias": 0.5}))
    {
     "weights": [
      [1.0, 2.5],
      [0.1, -3.0]
     ],
     "bias": 0.5
    }
    """
    inner = indent + " "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ",\n".join("%s%s: %s" % (inner, json.dumps(k), dumps(v, inner)) for k, v in value.items())
        return "{\n%s\n%s}" % (items, indent)
    if isinstance(value, list) and value and not all(_scalar(v) for v in value):
        items = ",\n".join(inner + dumps(v, inner) for v in value)
        return "[\n%s\n%s]" % (items, indent)
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v, allow_nan=False) for v in value) + "]"
    return json.dumps(value, allow_nan=False)


def _scalar(value):
    return value is None or isinstance(value, (bool, int, float, str))


def write(path, doc):
    """Write a model-file object to path, atomically; return the path."""
    write_text_atomic(path, dumps(doc) + "\n")
    return path


def save(model, path):
    """Write any nnscratch model to a JSON model file, atomically; return the path.

    ``nnscratch.load(path)`` reads it back, weights bit for bit.
    """
    return write(path, to_dict(model))


def to_dict(model):
    """Return a model as a model-file object (a fresh copy of its numbers), checksum included.

    Raises NotTrainedError for a model with no weights yet.
    """
    try:
        encode = _ENCODERS[model.kind]
    except (AttributeError, KeyError):
        raise ArgumentTypeError("cannot save a %s: model files hold a Network, a NeuralNet or a Perceptron"
                                % type(model).__name__) from None
    return document(model.kind, encode(model), model.classes, model.columns, model.scaling, model.metadata)


def _network(net):
    return {
        "sizes": list(net.sizes),
        "hidden_activation": net.hidden_activation,
        "output_activation": net.output_activation,
        "loss": net.loss,
        "init": net.init,
        "seed": net.seed,  # None or a whole number: the constructors check it
        "layers": [{"activation": layer.activation, "weights": [list(row) for row in layer.weights],
                    "biases": list(layer.biases)} for layer in net.layers],
    }


def _neuralnet(net):
    if net.w_hidden is None:
        raise NotTrainedError("NeuralNet: train(x, y) before saving; an untrained network has no weights")
    return {
        "config": asdict(net.config), "seed": net.seed,
        "w_hidden": [list(r) for r in net.w_hidden], "b_hidden": list(net.b_hidden),
        "w_out": [list(r) for r in net.w_out], "b_out": list(net.b_out),
    }


def _perceptron(p):
    if p.weights is None:
        raise NotTrainedError("Perceptron: initialize() or train() before saving; there are no weights yet")
    return {"weights": list(p.weights), "bias": p.bias, "epochs": p.epochs, "seed": p.seed}


_ENCODERS = {"network": _network, "neuralnet": _neuralnet, "perceptron": _perceptron}
