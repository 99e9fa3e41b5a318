"""Shared fixtures (the repository's folders), and the --slow option.

``python -m pytest`` runs the quick suite, about two minutes. Tests marked
``@pytest.mark.slow`` (multi-seed accuracy runs, the browser, Fashion-MNIST,
the bench's smoke runs, the large fuzz runs, long training runs) are left out
unless ``--slow`` is given: ``python -m pytest --slow`` runs the full suite,
as CI does.
"""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


def copy_package(folder):
    """Copy the nnscratch/ folder (no caches) into folder, as a user copies it; return folder."""
    shutil.copytree(str(ROOT / "nnscratch"), str(Path(folder) / "nnscratch"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    return folder

# Students' attempts for the exercise checker: data for test_exercises and test_grading, not
# modules to import (some are wrong on purpose: a syntax error, an import of numpy, a crash when
# loaded; those in tamper/ try to cheat the checker or harm the teacher's files).
collect_ignore_glob = ["exercises/*", "tamper/*"]


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true",
                     help="also run the tests marked slow (the full suite, as CI runs it)")


def pytest_collection_modifyitems(config, items):
    """Without --slow, deselect the tests marked slow, except those named one by one (path::name)."""
    if config.getoption("--slow"):
        return
    named = _named_one_by_one(config)
    slow = [item for item in items if item.get_closest_marker("slow") and not item.nodeid.startswith(named)]
    config.slow_left_out = len(slow)
    if slow:
        config.hook.pytest_deselected(items=slow)
        left_out = set(slow)
        items[:] = [item for item in items if item not in left_out]


def _named_one_by_one(config):
    """The tests named on the command line as path::name, as node ids (paths from the rootdir)."""
    named = []
    for arg in config.args:
        path, separator, name = arg.partition("::")
        if separator:
            full = (Path(str(config.invocation_params.dir)) / path).resolve()
            if full == config.rootpath or config.rootpath in full.parents:
                named.append(full.relative_to(config.rootpath).as_posix() + "::" + name)
    return tuple(named)


def pytest_report_header(config):
    if config.getoption("--slow"):
        return "slow tests: included (--slow)"
    return "slow tests: left out (python -m pytest --slow runs the full suite)"


def pytest_terminal_summary(terminalreporter, config):
    left_out = getattr(config, "slow_left_out", 0)
    if left_out:
        terminalreporter.write_line("%d slow test%s left out; python -m pytest --slow runs %s too"
                                    % (left_out, " was" if left_out == 1 else "s were", "it" if left_out == 1 else "them"))


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
