"""nnscratch: neural networks from scratch in pure Python, following the "from scratch in Go" articles.

Standard library only. Importing the package reads no file, draws no random
number and prints nothing.

>>> import nnscratch
>>> p = nnscratch.Perceptron(nnscratch.TOY_INPUT, nnscratch.TOY_OUTPUT, seed=0).train()
>>> round(p.forward_pass([1, 0, 1]))
1
"""

from .activations import ACTIVATIONS, sigmoid, sigmoid_prime, sigmoid_prime_from_output, softmax
from .data import (
    Dataset,
    Idx,
    MinMaxScaling,
    load_csv,
    load_idx,
    load_mnist,
    normalize,
    one_hot,
    train_test_split,
)
from .datasets import load_digits, load_iris, load_iris_split, load_perceptron_table
from .errors import DataError, ModelFileError, NNScratchError, NotTrainedError, TrainingError
from .init import INITS
from .losses import LOSSES
from .metrics import accuracy, argmax, confusion_matrix
from .network import History, Layer, Network
from .neuralnet import ARTICLE_001, ARTICLE_002, NeuralNet, NeuralNetConfig
from .optimizers import OPTIMIZERS
from .persist import load
from .safetensors_io import export_safetensors, load_safetensors
from .perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron
from .vector import (
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

from ._version import __version__

__all__ = (
    "__version__",
    # vector helpers (article 003, gonum's matrix operations)
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
    # activations, losses, initialisations, optimizers: tables keyed by name
    "sigmoid",
    "sigmoid_prime",
    "sigmoid_prime_from_output",
    "softmax",
    "ACTIVATIONS",
    "LOSSES",
    "INITS",
    "OPTIMIZERS",
    # models
    "Perceptron",
    "TOY_INPUT",
    "TOY_OUTPUT",
    "NeuralNetConfig",
    "NeuralNet",
    "ARTICLE_001",
    "ARTICLE_002",
    "Layer",
    "Network",
    "History",
    # data
    "Dataset",
    "load_csv",
    "MinMaxScaling",
    "normalize",
    "one_hot",
    "argmax",
    "accuracy",
    "train_test_split",
    "Idx",
    "load_idx",
    "load_mnist",
    "confusion_matrix",
    # built-in datasets (nnscratch.datasets also has the 2-D toy sets)
    "load_perceptron_table",
    "load_iris",
    "load_iris_split",
    "load_digits",
    # model files
    "load",
    "export_safetensors",
    "load_safetensors",
    # errors
    "NNScratchError",
    "DataError",
    "ModelFileError",
    "NotTrainedError",
    "TrainingError",
)
