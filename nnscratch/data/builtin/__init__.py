"""The built-in datasets: small tables that travel inside the package, loaded by name.

    load_perceptron_table()  article 003's 4 rows: x1, x2, x3 -> y (y equals x1)
    load_iris()              Fisher's 150 iris flowers: 4 measurements in cm, 3 species
    load_iris_split()        the articles' iris layout: features scaled to [0, 1],
                             one-hot setosa, virginica, versicolor; a seeded 120/30 split
    load_digits()            the 1797 UCI 8x8 handwritten digits: 64 pixels of 0..16
    xor, circles, moons, spirals, toy_dataset
                             2-D toy sets made by code from a seed (``toy``)

Each loader returns a fresh ``Dataset``, equal to what ``load_csv`` gives for
the matching CSV file in the repository's ``datasets/`` folder (a test pins
each pair), so a copy of the ``nnscratch/`` folder needs nothing beside it.
The tables are stored here as gzip-compressed CSV (``iris.csv.gz``,
``digits.csv.gz``); sources and licences are in ``datasets/README.md`` of the
repository. Nothing is read until a loader is called.
"""

from pathlib import Path

from ...errors import DataError
from ...maths.scaling import normalize
from ...reading.perceptron import TOY_INPUT, TOY_OUTPUT
from ..tables import Dataset, load_csv, one_hot, train_test_split
from .toy import TOY_SETS, circles, moons, spirals, toy_dataset, xor

__all__ = [
    "load_perceptron_table",
    "load_iris",
    "load_iris_split",
    "iris_split",
    "load_digits",
    "IRIS_SPLIT_SEED",
    "ARTICLE_CLASS_ORDER",
    "TOY_SETS",
    "toy_dataset",
    "xor",
    "circles",
    "moons",
    "spirals",
]

#: The seed of the iris train/test shuffle behind datasets/iris/train.csv and test.csv.
IRIS_SPLIT_SEED = 1
#: The articles' one-hot column order for iris (virginica before versicolor).
ARTICLE_CLASS_ORDER = ["setosa", "virginica", "versicolor"]

_HERE = Path(__file__).resolve().parent


def _builtin(name, **how):
    """load_csv of a file stored beside this module, with a clear error if the copy lost it."""
    path = _HERE / name
    if not path.is_file():
        raise DataError("this built-in dataset file is missing; copy the whole nnscratch/ folder, "
                        "including nnscratch/datasets/*.csv.gz", path)
    return load_csv(path, **how)


def load_perceptron_table():
    """Article 003's training table: four rows of three inputs, the target y equal to x1.

    The classes are "0" and "1", so a row's class number is the index of the
    1.0 in its one-hot label.

    >>> table = load_perceptron_table()
    >>> table.inputs[1], table.labels[1], table.classes, table.columns
    ([1.0, 1.0, 1.0], [0.0, 1.0], ['0', '1'], ['x1', 'x2', 'x3'])
    """
    labels, classes = one_hot(["%d" % y for y in TOY_OUTPUT], classes=["0", "1"])
    return Dataset([[float(v) for v in row] for row in TOY_INPUT], labels, classes, ["x1", "x2", "x3"])


def load_iris():
    """Fisher's iris table: 150 flowers, 50 of each species, four measurements in centimetres.

    >>> iris = load_iris()
    >>> len(iris.inputs), iris.inputs[0], iris.classes
    (150, [5.1, 3.5, 1.4, 0.2], ['setosa', 'versicolor', 'virginica'])
    >>> iris.columns
    ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']
    """
    return _builtin("iris.csv.gz", target="species")


def load_iris_split(*, seed=IRIS_SPLIT_SEED):
    """The articles' iris files: (train, test), an 80/20 split of the 150 rows after a seeded shuffle.

    Each feature is min-max scaled over all 150 rows, x' = (x - min) / (max -
    min), and labels are one-hot in the articles' order setosa, virginica,
    versicolor. The default seed gives exactly datasets/iris/train.csv and
    test.csv; another seed gives another split.

    >>> train, test = load_iris_split()
    >>> len(train.inputs), len(test.inputs), train.classes
    (120, 30, ['setosa', 'virginica', 'versicolor'])
    """
    return iris_split(load_iris(), seed=seed)


def iris_split(table, *, seed=IRIS_SPLIT_SEED):
    """An iris table (as ``load_iris`` returns it) in the articles' layout: (train, test),
    see ``load_iris_split``.

    >>> train, test = iris_split(load_iris(), seed=7)
    >>> len(train.inputs), min(min(row) for row in train.inputs + test.inputs)
    (120, 0.0)
    """
    scaled, _ = normalize(table.inputs)
    names = [table.classes[row.index(1.0)] for row in table.labels]
    labels, classes = one_hot(names, classes=ARTICLE_CLASS_ORDER)
    train_x, test_x, train_y, test_y = train_test_split(scaled, labels, test_fraction=0.2, seed=seed)
    return (Dataset(train_x, train_y, list(classes), list(table.columns)),
            Dataset(test_x, test_y, list(classes), list(table.columns)))


def load_digits():
    """The 1797 UCI 8x8 handwritten digits: 64 pixel counts of 0 to 16 each, classes "0" to "9".

    Divide the pixels by 16 to scale them to [0, 1].

    >>> digits = load_digits()
    >>> len(digits.inputs), len(digits.inputs[0]), digits.classes[:3], digits.columns[9]
    (1797, 64, ['0', '1', '2'], 'pixel_1_1')
    """
    return _builtin("digits.csv.gz", target="digit")
