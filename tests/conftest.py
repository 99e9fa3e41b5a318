"""Shared fixtures: the repository's folders."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"

# Students' attempts for the exercise checker: data for test_exercises, not modules to import
# (some are wrong on purpose: a syntax error, an import of numpy, a crash when loaded).
collect_ignore_glob = ["exercises/*"]


@pytest.fixture(scope="session")
def iris_train():
    """The articles' iris training set (120 rows, one-hot setosa, virginica, versicolor)."""
    from nnscratch.data import load_csv

    return load_csv(DATASETS / "iris" / "train.csv", one_hot=3)


@pytest.fixture(scope="session")
def iris_test():
    """The articles' iris test set (30 rows)."""
    from nnscratch.data import load_csv

    return load_csv(DATASETS / "iris" / "test.csv", one_hot=3)


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file in a temp folder and return its path."""

    def write(text, name="data.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
