"""nnscratch: neural networks from scratch in pure Python, following the "from scratch in Go" articles.

Standard library only. Importing the package reads no file, draws no random
number and prints nothing.

The public API, by topic (each name is also in ``__all__``):

The reading path: the articles' models, written as the articles write them
(``nnscratch.reading``)
    Perceptron, TOY_INPUT, TOY_OUTPUT           article 003's single neuron
    NeuralNet, NeuralNetConfig, ARTICLE_001,    articles 001/002's iris network
    ARTICLE_002
    nnscratch.reading.mlp                       article 000's Neuron -> Layer -> Network
    dot, vec_add, vec_sub, scalar_mul,          the plain vector and matrix helpers
    mul_elem, mat_vec, mat_mul, transpose,
    outer, sum_along_axis

The fast engine: any depth, batches, optimizers, early stopping, workers
(``nnscratch.engine``)
    Network, Layer, History

The maths tables, keyed by the names model files store (``nnscratch.maths``)
    ACTIVATIONS, sigmoid, sigmoid_prime, sigmoid_prime_from_output, softmax
    LOSSES, INITS, OPTIMIZERS
    accuracy, argmax, confusion_matrix          metrics
    MinMaxScaling, normalize                    input scaling

Data (``nnscratch.data``)
    load_csv, Dataset, one_hot, train_test_split
    load_idx, Idx, load_mnist                   the MNIST file format
    load_perceptron_table, load_iris,           built-in datasets (``nnscratch.datasets``
    load_iris_split, load_digits                also has the 2-D toy sets)

Model files (``nnscratch.files``)
    save, load                                  JSON model files: Network, NeuralNet, Perceptron
    export_safetensors, load_safetensors        safetensors, for a Network

Errors (``nnscratch.errors``)
    NNScratchError and its subclasses DataError, ModelFileError,
    NotTrainedError, TrainingError, ArgumentTypeError

Every model speaks one protocol: ``predict(rows) -> rows``, ``n_inputs``,
``n_outputs``, ``classes``, ``columns`` and ``scaling``. The front doors are
commands: ``python -m nnscratch`` (the CLI), ``nnscratch.demo``,
``nnscratch.bench``, ``nnscratch.exercises``, ``nnscratch.playground``; the
server is ``nnscratch serve``.

>>> import nnscratch
>>> p = nnscratch.Perceptron(nnscratch.TOY_INPUT, nnscratch.TOY_OUTPUT, seed=0).train()
>>> round(p.forward_pass([1, 0, 1]))
1
>>> p.predict([[1, 0, 1]])[0][0] == p.forward_pass([1, 0, 1])
True
"""

import importlib as _importlib
import sys as _sys

from ._version import __version__
from .data import Dataset, Idx, load_csv, load_idx, load_mnist, one_hot, train_test_split
from .data.builtin import load_digits, load_iris, load_iris_split, load_perceptron_table
from .engine.network import History, Layer, Network
from .errors import (
    ArgumentTypeError,
    DataError,
    ModelFileError,
    NNScratchError,
    NotTrainedError,
    TrainingError,
)
from .files.modelfile import save
from .files.persist import load
from .files.safetensors import export_safetensors, load_safetensors
from .maths.activations import ACTIVATIONS, sigmoid, sigmoid_prime, sigmoid_prime_from_output, softmax
from .maths.init import INITS
from .maths.losses import LOSSES
from .maths.metrics import accuracy, argmax, confusion_matrix
from .maths.optimizers import OPTIMIZERS
from .maths.scaling import MinMaxScaling, normalize
from .reading.gophernet import ARTICLE_001, ARTICLE_002, NeuralNet, NeuralNetConfig
from .reading.perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron
from .reading.vector import (
    dot,
    mat_mul,
    mat_vec,
    mul_elem,
    outer,
    scalar_mul,
    sum_along_axis,
    transpose,
    vec_add,
    vec_sub,
)

#: Modules that moved when the package was arranged in floors: the old import
#: path -> the new one. ``import nnscratch.network`` and the like keep working.
MOVED_MODULES = {
    "vector": "reading.vector",
    "perceptron": "reading.perceptron",
    "neuralnet": "reading.gophernet",
    "network": "engine.network",
    "parallel": "engine.parallel",
    "activations": "maths.activations",
    "losses": "maths.losses",
    "init": "maths.init",
    "optimizers": "maths.optimizers",
    "metrics": "maths.metrics",
    "scaling": "maths.scaling",
    "datasets": "data.builtin",
    "datasets.toy": "data.builtin.toy",
    "modelfile": "files.modelfile",
    "persist": "files.persist",
    "safetensors_io": "files.safetensors",
}


def _alias_moved_modules():
    """Register each moved module under its old name too (it is already imported, so this is cheap)."""
    package = _sys.modules[__name__]
    for old, new in MOVED_MODULES.items():
        module = _importlib.import_module("." + new, __name__)
        _sys.modules.setdefault(__name__ + "." + old, module)
        if not hasattr(package, old):
            setattr(package, old, module)


_alias_moved_modules()

__all__ = (
    "__version__",
    # the reading path: vector helpers (article 003, gonum's matrix operations)
    "dot",
    "vec_add",
    "vec_sub",
    "scalar_mul",
    "mul_elem",
    "mat_vec",
    "mat_mul",
    "transpose",
    "outer",
    "sum_along_axis",
    # the reading path: the articles' models
    "Perceptron",
    "TOY_INPUT",
    "TOY_OUTPUT",
    "NeuralNetConfig",
    "NeuralNet",
    "ARTICLE_001",
    "ARTICLE_002",
    # the fast engine
    "Layer",
    "Network",
    "History",
    # maths tables: activations, losses, initialisations, optimizers, keyed by name
    "sigmoid",
    "sigmoid_prime",
    "sigmoid_prime_from_output",
    "softmax",
    "ACTIVATIONS",
    "LOSSES",
    "INITS",
    "OPTIMIZERS",
    "accuracy",
    "argmax",
    "confusion_matrix",
    "MinMaxScaling",
    "normalize",
    # data
    "Dataset",
    "load_csv",
    "one_hot",
    "train_test_split",
    "Idx",
    "load_idx",
    "load_mnist",
    "load_perceptron_table",
    "load_iris",
    "load_iris_split",
    "load_digits",
    # model files
    "save",
    "load",
    "export_safetensors",
    "load_safetensors",
    # errors
    "NNScratchError",
    "DataError",
    "ModelFileError",
    "NotTrainedError",
    "TrainingError",
    "ArgumentTypeError",
)
