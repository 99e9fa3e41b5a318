"""nnscratch: neural networks from scratch in pure Python, following the "from scratch in Go" articles.

Standard library only. Importing the package reads no file, draws no random
number and prints nothing.

>>> import nnscratch
>>> p = nnscratch.Perceptron(nnscratch.TOY_INPUT, nnscratch.TOY_OUTPUT, seed=0).train()
>>> round(p.forward_pass([1, 0, 1]))
1
"""

from .activations import sigmoid, sigmoid_prime, sigmoid_prime_from_output
from .data import Dataset, MinMaxScaling, accuracy, argmax, load_csv, normalize, one_hot, train_test_split
from .errors import DataError, NNScratchError, NotTrainedError, TrainingError
from .neuralnet import ARTICLE_001, ARTICLE_002, NeuralNet, NeuralNetConfig
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

__version__ = "0.1.0"

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
    # activations
    "sigmoid",
    "sigmoid_prime",
    "sigmoid_prime_from_output",
    # models
    "Perceptron",
    "TOY_INPUT",
    "TOY_OUTPUT",
    "NeuralNetConfig",
    "NeuralNet",
    "ARTICLE_001",
    "ARTICLE_002",
    # data
    "Dataset",
    "load_csv",
    "MinMaxScaling",
    "normalize",
    "one_hot",
    "argmax",
    "accuracy",
    "train_test_split",
    # errors
    "NNScratchError",
    "DataError",
    "NotTrainedError",
    "TrainingError",
)
