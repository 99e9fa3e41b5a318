"""Rebuild the built-in datasets and the derived CSV files from their sources (a maintainer's script).

    python datasets/make_datasets.py           # rewrite the files
    python datasets/make_datasets.py --check   # exit 1 if a file differs

The sources are the human-readable tables in this folder, ``iris/iris.csv``
and ``digits/digits.csv``, and article 003's table in ``nnscratch.reading.perceptron``.
It writes:

- ``nnscratch/data/builtin/iris.csv.gz`` and ``digits.csv.gz``: the same bytes,
  gzip-compressed, which ``nnscratch.datasets`` loads (so a copy of the
  package folder carries its data);
- ``perceptron/toy.csv``: article 003's 4-row table, from
  ``nnscratch.datasets.load_perceptron_table()``;
- ``iris/train.csv`` and ``iris/test.csv``: the articles' iris layout of
  ``iris/iris.csv``, by ``nnscratch.datasets.iris_split`` (seeded), the function
  behind ``load_iris_split()``.

Numbers are written with ``repr``, the shortest text that reads back as the
same float, so every Python writes the same bytes. Run it from anywhere: it
imports the ``nnscratch`` package beside this folder.
"""

import argparse
import gzip
import sys
import zlib
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
if str(REPOSITORY) not in sys.path:
    sys.path.insert(0, str(REPOSITORY))  # the nnscratch beside this folder, not an installed one

from nnscratch import DataError, datasets, load_csv  # noqa: E402
from nnscratch.files.atomic import write_bytes_atomic  # noqa: E402

#: The source tables, stored compressed inside the package: source (here) -> built-in file.
COMPRESSED = {"iris/iris.csv": "iris.csv.gz", "digits/digits.csv": "digits.csv.gz"}


def csv_text(dataset, target=None):
    """A Dataset as CSV text: its input columns, then its one-hot columns, or one column ``target`` of class names."""
    if target is None:
        header = dataset.columns + dataset.classes
        rows = [[repr(v) for v in x + y] for x, y in zip(dataset.inputs, dataset.labels)]
    else:
        header = dataset.columns + [target]
        rows = [[repr(v) for v in x] + [dataset.classes[y.index(1.0)]]
                for x, y in zip(dataset.inputs, dataset.labels)]
    return "\n".join(",".join(fields) for fields in [header] + rows) + "\n"


def compressed_files(root, package):
    """{built-in path: its uncompressed bytes}, read from the source tables under root."""
    return {package / name: (root / source).read_bytes() for source, name in COMPRESSED.items()}


def derived_files(root):
    """{path: bytes} of the CSV files this script derives, from the source tables under root."""
    train, test = datasets.iris_split(load_csv(root / "iris" / "iris.csv", target="species"))
    texts = {
        root / "perceptron" / "toy.csv": csv_text(datasets.load_perceptron_table(), target="y"),
        root / "iris" / "train.csv": csv_text(train),
        root / "iris" / "test.csv": csv_text(test),
    }
    return {path: text.encode("utf-8") for path, text in texts.items()}


def _current(path):
    """The file's bytes (decompressed for .gz), or None if it cannot be read."""
    try:
        data = path.read_bytes()
        return gzip.decompress(data) if path.suffix == ".gz" else data
    except (OSError, EOFError, zlib.error):  # missing, unreadable or corrupt: to be written again
        return None


def _update(files, check):
    """Write (or with check, compare) each file; print a line per file; return the paths that differ."""
    stale = []
    for path, data in files.items():
        if _current(path) == data:
            status = "ok"
        elif check:
            status = "DIFFERS"
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            # mtime=0: no time stamp, so the bytes depend only on the table (and the Python that compresses)
            write_bytes_atomic(path, gzip.compress(data, 9, mtime=0) if path.suffix == ".gz" else data)
            status = "written"
        print("%-8s %s" % (status, path))
    return stale


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python datasets/make_datasets.py",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPOSITORY / "datasets",
                        help="the folder of source and derived CSV files (default: this script's)")
    parser.add_argument("--package", type=Path, default=Path(datasets.__file__).resolve().parent,
                        help="where to write the built-in .csv.gz files (default: nnscratch/data/builtin)")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    try:
        stale = _update(compressed_files(args.root, args.package), args.check)
        stale += _update(derived_files(args.root), args.check)
    except (DataError, OSError) as e:
        print("make_datasets: %s" % e, file=sys.stderr)
        return 2
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
