"""The built-in datasets: each equals its CSV file in datasets/, and the 2-D toy sets are pinned."""

import gzip
import hashlib
import math
from pathlib import Path

import pytest

import nnscratch
from nnscratch import DataError, load_csv
from nnscratch import datasets
from nnscratch.datasets import TOY_SETS, circles, toy_dataset, xor

from conftest import DATASETS

#: Each built-in loader and the CSV file in datasets/ that holds exactly its rows, read as load_csv reads it.
PAIRS = [
    (datasets.load_perceptron_table, "perceptron/toy.csv", {"target": "y"}),
    (datasets.load_iris, "iris/iris.csv", {"target": "species"}),
    (lambda: datasets.load_iris_split()[0], "iris/train.csv", {"one_hot": 3}),
    (lambda: datasets.load_iris_split()[1], "iris/test.csv", {"one_hot": 3}),
    (datasets.load_digits, "digits/digits.csv", {"target": "digit"}),
]
assert PAIRS and all((DATASETS / csv).is_file() for _, csv, _ in PAIRS), "the datasets/ CSV files are missing"


class TestBuiltIns:
    @pytest.mark.parametrize("loader, csv, how", PAIRS, ids=[csv for _, csv, _ in PAIRS])
    def test_loader_equals_its_csv_file(self, loader, csv, how):
        """The built-in and the human-readable CSV hold the same rows, classes and columns, bit for bit."""
        assert loader() == load_csv(DATASETS / csv, **how)

    def test_sizes_and_names(self):
        iris, digits, table = datasets.load_iris(), datasets.load_digits(), datasets.load_perceptron_table()
        assert len(iris.inputs) == 150 and iris.classes == ["setosa", "versicolor", "virginica"]
        assert [sum(label[k] for label in iris.labels) for k in range(3)] == [50, 50, 50]
        assert len(digits.inputs) == 1797 and digits.classes == [str(k) for k in range(10)]
        assert all(0 <= v <= 16 and v == int(v) for row in digits.inputs for v in row)
        assert [label.index(1.0) for label in table.labels] == nnscratch.TOY_OUTPUT
        assert table.inputs == nnscratch.TOY_INPUT

    def test_each_call_gives_a_fresh_copy(self):
        """Changing what one call returned does not change the next call's rows."""
        first = datasets.load_iris()
        first.inputs[0][0] = -1.0
        first.classes.append("rose")
        assert datasets.load_iris().inputs[0][0] == 5.1 and len(datasets.load_iris().classes) == 3

    def test_iris_split_by_seed(self):
        """Another seed gives another 120/30 split of the same scaled rows; the default seed is the files'."""
        train, test = datasets.load_iris_split()
        other_train, other_test = datasets.load_iris_split(seed=2)
        assert (len(other_train.inputs), len(other_test.inputs)) == (120, 30)
        assert other_test.inputs != test.inputs
        assert sorted(other_train.inputs + other_test.inputs) == sorted(train.inputs + test.inputs)
        assert datasets.load_iris_split(seed=datasets.IRIS_SPLIT_SEED) == (train, test)
        assert train.classes == datasets.ARTICLE_CLASS_ORDER
        for j in range(4):
            column = [row[j] for row in train.inputs + test.inputs]
            assert min(column) == 0.0 and max(column) == 1.0

    def test_stored_compressed_inside_the_package(self):
        """The package's .csv.gz files are the datasets/ source tables, byte for byte, once decompressed."""
        folder = Path(datasets.__file__).parent
        for name, source in (("iris.csv.gz", "iris/iris.csv"), ("digits.csv.gz", "digits/digits.csv")):
            packed = (folder / name).read_bytes()
            assert gzip.decompress(packed) == (DATASETS / source).read_bytes()
            assert len(packed) < (DATASETS / source).stat().st_size / 4

    def test_a_missing_file_is_a_clear_error(self, tmp_path, monkeypatch):
        """A copy of the package that lost its data files says so, naming the file."""
        monkeypatch.setattr(datasets, "_HERE", tmp_path)
        with pytest.raises(DataError, match=r"digits\.csv\.gz: this built-in dataset file is missing; copy the whole"):
            datasets.load_digits()

    def test_exported_at_the_top(self):
        for name in ("load_perceptron_table", "load_iris", "load_iris_split", "load_digits"):
            assert getattr(nnscratch, name) is getattr(datasets, name) and name in nnscratch.__all__


def fingerprint(data):
    """A hash of a dataset's points (to 12 significant digits) and labels."""
    text = repr([["%.12g" % v for v in row] for row in data.inputs]) + repr(data.labels)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


#: The toy sets' defaults (200 points, no noise, seed 0) and one noisy set, pinned: the same on every Python.
TOY_FINGERPRINTS = {
    ("xor", 0.0): "d5f6cb1fbf157c9b", ("circles", 0.0): "a199a8ea7dd86039", ("moons", 0.0): "f5350ae2403343dd",
    ("spirals", 0.0): "df2e6afa5362646f", ("spirals", 0.5): "82bbad93d4890e9b",
}


@pytest.mark.parametrize("name, noise", sorted(TOY_FINGERPRINTS))
def test_toy_sets_are_pinned(name, noise):
    assert fingerprint(toy_dataset(name, noise=noise)) == TOY_FINGERPRINTS[name, noise]


class TestToySets:
    @pytest.mark.parametrize("name", sorted(TOY_SETS))
    def test_seeded_shapes_and_classes(self, name):
        """n points of two coordinates, half in each class, the same for the same seed, other for another."""
        data = toy_dataset(name, 101, noise=0.2, seed=3)
        assert len(data.inputs) == len(data.labels) == 101 and all(len(p) == 2 for p in data.inputs)
        assert data.classes == ["0", "1"] and data.columns == ["x", "y"]
        ones = sum(label[1] for label in data.labels)
        assert ones in (50, 51) and all(sorted(label) == [0.0, 1.0] for label in data.labels)
        assert toy_dataset(name, 101, 0.2, 3) == data and toy_dataset(name, 101, 0.2, 4) != data
        assert all(abs(v) < 2.5 for p in data.inputs for v in p)

    def test_xor_rule(self):
        """Without noise, class 1 is exactly where x and y have the same sign."""
        data = xor(200, seed=1)
        assert all((x * y > 0) == (label[1] == 1.0) for (x, y), label in zip(data.inputs, data.labels))

    def test_circles_rule(self):
        """Without noise, class 0 lies within radius 0.5 and class 1 between 0.7 and 1."""
        for (x, y), label in zip(*circles(200, seed=2)[:2]):
            r = math.hypot(x, y)
            assert r <= 0.5 + 1e-12 if label[0] else 0.7 - 1e-12 <= r <= 1.0 + 1e-12

    def test_bad_arguments(self):
        with pytest.raises(DataError, match="unknown toy dataset 'blobs'"):
            toy_dataset("blobs")
        with pytest.raises(DataError, match="noise must be from 0 to 1"):
            xor(10, noise=2)
        with pytest.raises(DataError, match="noise must be a finite number >= 0"):
            xor(10, noise=float("nan"))
        with pytest.raises(DataError, match=r"n \(the number of points\) must be a whole number >= 2"):
            xor(1)


