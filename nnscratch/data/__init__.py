"""Data for the models: CSV and IDX files, the built-in datasets, one-hot labels, splits.

    tables    load_csv, load_csv_columns, one_hot, train_test_split, Dataset
    idx       load_idx, load_mnist: the MNIST file format
    builtin   the datasets inside the package (iris, digits, article 003's table,
              2-D toy sets); also importable as ``nnscratch.datasets``

Scaling and the metrics live with the maths (``nnscratch.maths``) because the
engine uses them; they are re-exported here, where a user looks for them.
"""

from ..maths.metrics import accuracy, argmax, confusion_matrix
from ..maths.scaling import MinMaxScaling, normalize
from .idx import Idx, load_idx, load_mnist
from .tables import Dataset, load_csv, load_csv_columns, one_hot, train_test_split

__all__ = [
    "Dataset",
    "load_csv",
    "load_csv_columns",
    "MinMaxScaling",
    "normalize",
    "one_hot",
    "argmax",
    "accuracy",
    "confusion_matrix",
    "train_test_split",
    "Idx",
    "load_idx",
    "load_mnist",
]
