"""Tables of rows: CSV files in, one-hot labels, train/test splits.

Article 001 reads its iris CSV with Go's ``encoding/csv`` and
``strconv.ParseFloat``, exiting on the first bad value. ``load_csv`` reads the
same layout with Python's ``csv`` module, and any problem raises ``DataError``
naming the file, the line and the column, so a user can open the file and fix
it.

Glossary:
    inputs   rows of feature values, one list of floats per sample
    labels   one-hot rows, one per sample: 1.0 for the sample's class, else 0.0
    classes  the class names, in the order of the one-hot columns
    columns  the feature names, in the order of the input columns
"""

import csv
import gzip
import io
import os
import random
import stat
import zlib
from collections import namedtuple
from contextlib import contextmanager
from html import escape
from math import isfinite

from .._checks import check_seed, is_number, is_whole, short_repr
from ..errors import DataError

#: The longest line read, in characters: a file with no line ends (or a device) is refused, not
#: read into memory whole. A row of 200,000 numbers fits.
MAX_LINE_CHARS = 10_000_000

__all__ = [
    "Dataset",
    "load_csv",
    "load_csv_columns",
    "read_header",
    "one_hot",
    "parse_csv",
    "train_test_split",
]

#: Rows and columns a notebook's table of a ``Dataset`` shows.
SHOWN_ROWS, SHOWN_COLUMNS = 5, 12


class Dataset(namedtuple("Dataset", "inputs labels classes columns")):
    """The result of ``load_csv``: inputs, one-hot labels, class names, feature names.

    A notebook shows it as a short table (its size, its classes and first
    rows); anywhere else it is the plain named tuple.

    >>> data = Dataset([[0.5, 1.0]], [[0.0, 1.0]], ["no", "yes"], ["a", "b"])
    >>> data.classes, "<table" in data._repr_html_()
    (['no', 'yes'], True)
    """

    __slots__ = ()

    def _repr_html_(self):
        return dataset_table(self)


def dataset_table(data):
    """An HTML summary of a dataset: rows, columns, classes with counts, and the first rows."""
    inputs, labels = data.inputs or [], data.labels or []
    classes = [str(c) for c in data.classes or []]
    counts = [0] * len(classes)
    for label in labels:
        k = _shown_class(label, len(classes))
        if k is not None:
            counts[k] += 1
    names = [str(c) for c in data.columns or []]
    columns = names[:SHOWN_COLUMNS]
    more = len(names) - len(columns)
    head = [escape(c) for c in columns] + (["... %d more" % more] if more else []) + ["class"]
    rows = []
    for x, label in list(zip(inputs, labels))[:SHOWN_ROWS]:
        k = _shown_class(label, len(classes))
        cells = ["%.4g" % v if is_number(v) else escape(short_repr(v)) for v in list(x)[:SHOWN_COLUMNS]]
        rows.append(cells + ([""] if more else []) + ["" if k is None else escape(classes[k])])
    summary = "%d rows, %d input columns, %d classes: %s" % (
        len(inputs), len(names), len(classes),
        ", ".join("%s (%d)" % (escape(c), n) for c, n in zip(classes, counts)))
    after = "<p>... and %d more rows</p>" % (len(inputs) - SHOWN_ROWS) if len(inputs) > SHOWN_ROWS else ""
    return ("<div><p><b>Dataset</b>: %s</p><table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>%s</div>"
            % (summary, "".join("<th>%s</th>" % h for h in head),
               "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % c for c in row) for row in rows), after))


def _shown_class(label, n_classes):
    """The class a label names (a one-hot row or a class index), or None if it names none."""
    if is_whole(label) and 0 <= label < n_classes:
        return label
    if isinstance(label, (list, tuple)) and len(label) == n_classes and all(is_number(v) for v in label):
        return max(range(n_classes), key=label.__getitem__)
    return None


def load_csv(path, *, one_hot=None, target=None):
    """Read a CSV file with a header line into a ``Dataset``.

    Say where the label is with one of:

    - ``one_hot=K``: the last K columns are a one-hot label (the articles'
      layout, e.g. ``...,setosa,virginica,versicolor`` with ``1.0,0.0,0.0``);
      the class names are those K headers, in file order.
    - ``target="species"``: that column (anywhere in the row) holds a class
      name; the classes are the sorted distinct names.
    - neither: every column is an input and ``labels`` and ``classes`` are
      empty lists (for rows to predict).

    Every other column must hold a finite number. Blank lines are skipped.
    A file whose name ends in ``.gz`` (or ``.GZ``) is read through gzip (the built-in
    datasets are stored so). Any problem raises ``DataError`` naming the
    file, line and column.

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "tiny.csv")
    >>> with open(path, "w") as f:
    ...     _ = f.write("length,width,species\\n1.5,0.2,setosa\\n4.7,1.4,versicolor\\n")
    >>> data = load_csv(path, target="species")
    >>> data.inputs, data.labels
    ([[1.5, 0.2], [4.7, 1.4]], [[1.0, 0.0], [0.0, 1.0]])
    >>> data.classes, data.columns
    (['setosa', 'versicolor'], ['length', 'width'])
    """
    if one_hot is not None and target is not None:
        raise DataError("load_csv: give one_hot or target, not both", path=path)
    with _csv_reader(path) as reader:
        return parse_csv(reader, path, one_hot, target)


def _open_bytes(path):
    """Open a file to read bytes; a name ending in ``.gz`` (any case) is decompressed as it is read.

    A folder or a device is refused before it is opened: ``/dev/zero`` would
    never end. A FIFO is read, so that ``<(command)`` works.
    """
    if not isinstance(path, int):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = None  # open() below says why, naming the file
        if mode is not None and (stat.S_ISDIR(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)):
            kind = "a folder" if stat.S_ISDIR(mode) else "a device"
            raise DataError("is %s, not a CSV file" % kind, path)
    named_gz = not isinstance(path, int) and os.fsdecode(path).lower().endswith(".gz")
    return gzip.open(path, "rb") if named_gz else open(path, "rb")


@contextmanager
def _csv_reader(path):
    """Yield a csv.reader over a UTF-8 (or gzip-compressed UTF-8) file.

    Text that is not UTF-8 and gzip data that is corrupt become a DataError
    naming the file (and the line, for text).
    """
    try:
        with io.TextIOWrapper(_open_bytes(path), encoding="utf-8-sig", newline="") as f:
            yield csv.reader(_bounded_lines(f, path))
    except UnicodeDecodeError:
        line, offset = _first_undecodable(path)
        if offset is None:  # a pipe, already read: the place cannot be found again
            raise DataError("the file is not UTF-8 text; save it as UTF-8 CSV", path) from None
        raise DataError(
            "byte %s of this line is not UTF-8 text; save the file as UTF-8 CSV" % offset, path, line
        ) from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise DataError("the gzip data is corrupt or truncated (%s)" % e, path) from None


def _bounded_lines(f, path):
    """The lines of f, refusing one longer than MAX_LINE_CHARS before it is read whole."""
    number = 0
    while True:
        line = f.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise DataError("the line is longer than %d characters; is this a CSV file?" % MAX_LINE_CHARS,
                            path, number)
        yield line


def _first_undecodable(path):
    """Return (line, byte offset in that line) of the first byte that is not UTF-8, both from 1."""
    with _open_bytes(path) as f:
        for number, raw in enumerate(f, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                return number, e.start + 1
    return None, None


def parse_csv(reader, path, one_hot, target):
    """Parse the rows of a csv.reader into a Dataset (see load_csv); path names the file in errors."""
    try:
        columns = read_header(reader, path)
        n_fields = len(columns)
        feature_index, label_index = _split_columns(columns, path, one_hot, target)

        inputs, labels, names = [], [], []
        for line, row in _data_rows(reader, n_fields, path):
            inputs.append([_parse_number(row[j], columns[j], path, line, j) for j in feature_index])
            if one_hot is not None:
                labels.append(_parse_one_hot(row, label_index, columns, path, line))
            elif target is not None:
                name = row[label_index[0]].strip()
                if not name:
                    raise DataError(
                        "the class name in column %r is empty" % target,
                        path, line, label_index[0] + 1,
                    )
                names.append(name)
    except csv.Error as e:
        raise DataError("not valid CSV: %s" % e, path, reader.line_num) from None

    if not inputs:
        raise DataError("the file has a header but no data lines", path)
    if one_hot is not None:
        classes = [columns[j] for j in label_index]
    elif target is not None:
        classes = sorted(set(names))
        labels, _ = _one_hot_rows(names, classes)
    else:
        classes = []
    return Dataset(inputs, labels, classes, [columns[j] for j in feature_index])


def read_header(reader, path):
    """Return the column names of the header, the first line that is not empty, stripped.

    Columns are found by name, so two columns with one name would make the
    second unreachable (and a model trained on both read the first twice):
    they are refused.
    """
    header = next((row for row in reader if row), None)
    if header is None:
        raise DataError("the file is empty; expected a header line, then data lines", path)
    names = [name.strip() for name in header]
    first = {}
    for j, name in enumerate(names):
        if name in first:
            raise DataError("columns %d and %d are both named %r; give each column its own name"
                            % (first[name] + 1, j + 1, name), path, reader.line_num, j + 1)
        first[name] = j
    return names


def load_csv_columns(path, columns, classes=None, target=None):
    """Read the named input columns of a CSV file, and its label if it has one.

    For files to evaluate or predict with a trained model: ``columns`` are the
    model's input names, found by name in the header (in any order; other
    columns are ignored). The label, when present, is either the ``target``
    column of class names or one one-hot column per name in ``classes``;
    ``labels`` are then one-hot rows over ``classes``, else an empty list.
    Errors name the file, line and column, as ``load_csv``'s do.
    """
    with _csv_reader(path) as reader:
        try:
            names = read_header(reader, path)
            missing = [c for c in columns if c not in names]
            if missing:
                raise DataError("no column %r; the model needs the columns %s"
                                % (missing[0], ", ".join(map(repr, columns))), path, 1)
            index = [names.index(c) for c in columns]
            label = None
            if target is not None and target in names:
                label = ("target", names.index(target))
            elif classes and all(c in names for c in classes):
                label = ("one_hot", [names.index(c) for c in classes])
            inputs, labels = [], []
            for line, row in _data_rows(reader, len(names), path):
                inputs.append([_parse_number(row[j], names[j], path, line, j) for j in index])
                if label is not None and label[0] == "target":
                    name = row[label[1]].strip()
                    if name not in classes:
                        raise DataError("class %r in column %r is not one the model knows (%s)"
                                        % (name, target, ", ".join(classes)), path, line, label[1] + 1)
                    labels.append([1.0 if c == name else 0.0 for c in classes])
                elif label is not None:
                    labels.append(_parse_one_hot(row, label[1], names, path, line))
        except csv.Error as e:
            raise DataError("not valid CSV: %s" % e, path, reader.line_num) from None
    if not inputs:
        raise DataError("the file has a header but no data lines", path)
    return Dataset(inputs, labels, list(classes or []), list(columns))


def _data_rows(reader, n_fields, path):
    """Yield (line number, fields) for each data line, skipping blank lines; check the field count."""
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line
        if len(row) != n_fields:
            raise DataError(
                "expected %d fields as in the header, found %d" % (n_fields, len(row)), path, reader.line_num
            )
        yield reader.line_num, row


def _split_columns(columns, path, one_hot, target):
    """Return (feature column indexes, label column indexes) for the header."""
    n = len(columns)
    if one_hot is not None:
        if not is_whole(one_hot) or not 1 <= one_hot < n:
            raise DataError(
                "one_hot=%r: expected the number of label columns, from 1 to %d "
                "(the header has %d columns)" % (one_hot, n - 1, n),
                path, 1,
            )
        return list(range(n - one_hot)), list(range(n - one_hot, n))
    if target is not None:
        if target not in columns:
            raise DataError(
                "target=%r is not a column; the header has %s" % (target, ", ".join(map(repr, columns))),
                path, 1,
            )
        if n < 2:
            raise DataError("the header has only the target column; no inputs are left", path, 1)
        t = columns.index(target)
        return [j for j in range(n) if j != t], [t]
    return list(range(n)), []


def _parse_number(cell, column, path, line, j):
    """Return the cell as a finite float, or raise DataError at (line, j + 1)."""
    try:
        value = float(cell)
    except ValueError:
        raise DataError(
            "%s in column %r is not a number" % (short_repr(cell, 40), column), path, line, j + 1
        ) from None
    if not isfinite(value):
        raise DataError(
            "%s in column %r is not a finite number (NaN and infinity are not allowed)"
            % (short_repr(cell, 40), column),
            path, line, j + 1,
        )
    return value


def _parse_one_hot(row, label_index, columns, path, line):
    """Return the label cells as a one-hot row, or raise DataError."""
    values = [_parse_number(row[j], columns[j], path, line, j) for j in label_index]
    for j, v in zip(label_index, values):
        if v not in (0.0, 1.0):
            raise DataError(
                "one-hot label %r in column %r must be 0 or 1" % (row[j], columns[j]),
                path, line, j + 1,
            )
    if sum(values) != 1.0:
        raise DataError(
            "the one-hot label columns %d-%d hold %d ones; exactly one must be 1"
            % (label_index[0] + 1, label_index[-1] + 1, int(sum(values))),
            path, line, label_index[0] + 1,
        )
    return values


def one_hot(labels, classes=None):
    """Turn class names into one-hot rows; return (rows, classes).

    ``classes`` fixes the column order; by default it is the sorted distinct labels.

    >>> one_hot(["b", "a", "b"])
    ([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], ['a', 'b'])
    >>> one_hot(["a"], classes=["b", "a"])
    ([[0.0, 1.0]], ['b', 'a'])
    """
    classes = sorted(set(labels)) if classes is None else list(classes)
    return _one_hot_rows(labels, classes)


def _one_hot_rows(labels, classes):
    position = {name: k for k, name in enumerate(classes)}
    rows = []
    for i, label in enumerate(labels):
        if label not in position:
            raise DataError("label %d is %r, which is not one of the classes %r" % (i, label, classes))
        row = [0.0] * len(classes)
        row[position[label]] = 1.0
        rows.append(row)
    return rows, classes


def train_test_split(inputs, labels, *, test_fraction=0.2, seed=0):
    """Shuffle rows with a seeded generator and split them.

    Returns (train_inputs, test_inputs, train_labels, test_labels), in
    scikit-learn's order. round(n * test_fraction) rows go to the test part;
    both parts must end up non-empty.

    >>> train_x, test_x, train_y, test_y = train_test_split(
    ...     [[0.0], [1.0], [2.0], [3.0], [4.0]], ["a", "b", "c", "d", "e"], test_fraction=0.4)
    >>> len(train_x), len(test_x), sorted(train_y + test_y)
    (3, 2, ['a', 'b', 'c', 'd', 'e'])
    """
    n = len(inputs)
    if len(labels) != n:
        raise DataError("train_test_split: %d inputs but %d labels" % (n, len(labels)))
    if not is_number(test_fraction) or not 0.0 < test_fraction < 1.0:
        raise DataError("train_test_split: test_fraction must be between 0 and 1, got %r" % (test_fraction,))
    n_test = int(round(n * test_fraction))
    if not 0 < n_test < n:
        raise DataError(
            "train_test_split: %d rows with test_fraction=%r leaves %d test rows; "
            "both parts need at least one row" % (n, test_fraction, n_test)
        )
    order = list(range(n))
    random.Random(check_seed(seed, "train_test_split: seed", DataError)).shuffle(order)
    train, test = order[: n - n_test], order[n - n_test:]
    return (
        [inputs[i] for i in train],
        [inputs[i] for i in test],
        [labels[i] for i in train],
        [labels[i] for i in test],
    )
