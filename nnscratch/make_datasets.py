"""Regenerate the derived files in ``datasets/`` from their sources, with a fixed seed.

    python -m nnscratch.make_datasets           # rewrite the files
    python -m nnscratch.make_datasets --check   # exit 1 if a file differs

It writes:

- ``datasets/perceptron/toy.csv``: article 003's 4-row table.
- ``datasets/iris/train.csv`` and ``test.csv``: an 80/20 split of
  ``datasets/iris/iris.csv`` (150 rows, Fisher 1936 as corrected in the UCI
  errata) in the articles' 7-column layout: the four features min-max scaled
  over all 150 rows, then a one-hot label in the articles' column order
  ``setosa,virginica,versicolor``.

Numbers are written with ``repr``, the shortest text that reads back as the
same float, so every Python writes the same bytes.
"""

import argparse
import sys
from pathlib import Path

from ._files import write_text_atomic
from .data import load_csv, normalize, one_hot, train_test_split
from .errors import DataError
from .perceptron import TOY_INPUT, TOY_OUTPUT

#: The seed of the iris train/test shuffle.
IRIS_SPLIT_SEED = 1
#: The articles' one-hot column order (virginica before versicolor).
ARTICLE_CLASS_ORDER = ["setosa", "virginica", "versicolor"]


def _csv_text(header, rows):
    lines = [",".join(header)]
    lines += [",".join(repr(float(v)) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def toy_text():
    """Return article 003's table as CSV text: x1,x2,x3,y."""
    rows = [x + [y] for x, y in zip(TOY_INPUT, TOY_OUTPUT)]
    return _csv_text(["x1", "x2", "x3", "y"], rows)


def iris_split_texts(iris_csv, seed=IRIS_SPLIT_SEED):
    """Return (train text, test text) of the articles' iris layout, from iris.csv."""
    table = load_csv(iris_csv, target="species")
    if sorted(table.classes) != sorted(ARTICLE_CLASS_ORDER):
        raise DataError(
            "expected the classes %s, found %s" % (ARTICLE_CLASS_ORDER, table.classes), iris_csv
        )
    scaled, _ = normalize(table.inputs)
    names = [table.classes[row.index(1.0)] for row in table.labels]
    labels, _ = one_hot(names, classes=ARTICLE_CLASS_ORDER)
    train_x, test_x, train_y, test_y = train_test_split(scaled, labels, test_fraction=0.2, seed=seed)
    header = table.columns + ARTICLE_CLASS_ORDER
    return (
        _csv_text(header, [x + y for x, y in zip(train_x, train_y)]),
        _csv_text(header, [x + y for x, y in zip(test_x, test_y)]),
    )


def generated_files(root):
    """Return {path: text} of every file this script writes under the datasets folder root."""
    root = Path(root)
    train, test = iris_split_texts(root / "iris" / "iris.csv")
    return {
        root / "perceptron" / "toy.csv": toy_text(),
        root / "iris" / "train.csv": train,
        root / "iris" / "test.csv": test,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m nnscratch.make_datasets", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--root", default=str(Path(__file__).resolve().parent.parent / "datasets"),
        help="the datasets folder (default: the one beside the package)",
    )
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    try:
        files = generated_files(args.root)
    except (DataError, OSError) as e:
        print("make_datasets: %s" % e, file=sys.stderr)
        return 2
    stale = []
    for path, text in files.items():
        if args.check:
            try:
                current = path.read_text(encoding="utf-8")
            except OSError:
                current = None
            status = "ok" if current == text else "DIFFERS"
            if current != text:
                stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, text)
            status = "written"
        print("%-8s %s" % (status, path))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
