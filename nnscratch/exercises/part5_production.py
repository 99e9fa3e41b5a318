"""Exercises 9 and 10: around the network, mini-batches and early stopping, then the CSV file.

Article 004 names batches and early stopping as the next steps for
production; ``nnscratch.engine.training`` has them (``batches``, ``validate``,
and ``fit``, the loop that uses both), and ``solution`` shows that code.
Article 001 reads its iris CSV with a slip (the header counted as a row);
the reference is ``nnscratch.data.tables.load_csv``.
"""

from ..data.tables import load_csv, parse_csv
from ..engine import training
from ..engine.training import fit, validate
from .checking import close
from .exercise import Exercise, Function, rng_for

__all__ = ["BATCHES", "READ_CSV", "ref_batches", "ref_early_stop", "ref_read_csv"]


def ref_batches(rows, batch_size):
    """The engine's batches of the rows in their order, without its column layout.

    The last batch may be smaller.
    """
    order = list(range(len(rows)))
    # By its module: printed as the student's batches, it must not seem to call itself.
    return [inputs for inputs, _, _ in training.batches(rows, rows, order, order, batch_size, swap=list)]


def ref_early_stop(val_losses, patience):
    """(stop, best_epoch): stop when the best validation loss (epochs from 1) is patience old.

    The engine's ``validate`` keeps this rule as state, epoch by epoch, beside
    the network whose weights it saves, so it cannot answer for a list of
    losses; the rule is two lines, and a test checks that it agrees with the
    engine's early stopping.
    """
    best = min(range(len(val_losses)), key=lambda i: (val_losses[i], i))
    return len(val_losses) - 1 - best >= patience, best + 1


def check_batches(c):
    rng = rng_for(9, c.seed)
    rows = [[float(i)] for i in range(10)]
    batch_hints = [
        (lambda a, e, r: len(r) == len(e) - 1,
         "the last, smaller batch is missing: keep it, or those rows are never trained on"),
    ]
    for label, args in [("fixed: 10 rows in 3s", (rows, 3)), ("edge: one batch", (rows, 10)),
                        ("edge: bigger than the data", (rows[:2], 5)),
                        ("edge: batches of 1", (rows[:3], 1)),
                        ("random", ([[rng.uniform(-1, 1)] for _ in range(rng.randint(7, 15))],
                                    rng.randint(2, 5)))]:
        c.case("batches", label, args, ref_batches(*args), returns="matrix", hints=batch_hints)
    cases = [("fixed: still improving", ([1.0, 0.8, 0.7], 2)),
             ("fixed: patience runs out", ([1.0, 0.6, 0.7, 0.65], 2)),
             ("edge: one epoch", ([0.5], 1)),
             ("edge: a tie keeps the first", ([0.5, 0.4, 0.4, 0.45], 2))]
    losses = [rng.uniform(0.2, 1.0) for _ in range(8)]
    cases.append(("random", (losses, 3)))
    stop_hints = [
        (lambda a, e, r: r[0] == e[0] and r[1] == e[1] - 1,
         "count epochs from 1: the first epoch is epoch 1"),
        (lambda a, e, r: r[1] == e[1] and r[0] != e[0],
         "off by one: stop when the best epoch is patience epochs back "
         "(epochs since best >= patience)"),
    ]
    for label, args in cases:
        c.case("early_stop", label, args, ref_early_stop(*args), returns="tuple2", hints=stop_hints,
               compare=lambda r, e: tuple(r) == tuple(e))


def ref_read_csv(path, n_labels):
    """Article 001's CSV: a header, features, then n_labels one-hot columns; (inputs, labels)."""
    data = load_csv(path, one_hot=n_labels)
    return data.inputs, data.labels


def _csv_files(rng):
    """(label, file name, text, n_labels) of each file the checks read."""
    files = [("fixed: 3 rows of the articles' layout", "iris3.csv",
              "a,b,c,d,setosa,virginica,versicolor\n0.1,0.2,0.3,0.4,1.0,0.0,0.0\n"
              "0.5,0.6,0.7,0.8,0.0,1.0,0.0\n0.9,1.0,0.0,0.5,0.0,0.0,1.0\n", 3),
             ("edge: one row, two labels", "one_row.csv", "x,yes,no\n7,1,0\n", 2)]
    lines = ["%r,%r,%s" % (rng.random(), rng.random(), "1,0" if rng.random() < 0.5 else "0,1")
             for _ in range(6)]
    files.append(("random", "random.csv", "f1,f2,l1,l2\n" + "\n".join(lines) + "\n", 2))
    return files


def check_read_csv(c):
    hints = [
        (lambda a, e, r: any(isinstance(v, str) for row in list(r[0]) + list(r[1]) for v in row),
         "the values are strings: convert each cell with float()"),
        (lambda a, e, r: len(r[0]) == len(e[0]) + 1 and len(r[0][-1]) == 0,
         "an empty row at the end: the file ends with a newline, so skip empty lines"),
        (lambda a, e, r: len(r[0]) == len(e[0]) + 1 and len(r[0][-1]) == len(e[0][-1])
         and not any(r[0][-1]),
         "one row too many, all zeros: the header line was counted when sizing the matrices "
         "(gophernet's slip); the data has one row fewer than the file has lines"),
        (lambda a, e, r: len(r[0]) == len(e[0]) + 1, "one row too many: skip the header line"),
        (lambda a, e, r: close(list(r), [e[1], e[0]]), "inputs and labels are swapped"),
    ]
    for label, name, text, n_labels in _csv_files(rng_for(10, c.seed)):
        path = c.data_file(name, text)  # a failure shows the file's text
        c.case("read_csv", label, (path, n_labels), ref_read_csv(path, n_labels),
               returns="tuple2", hints=hints, compare=lambda r, e: close(list(r), list(e)))


BATCHES = Exercise(
    number=9, slug="batches", title="Mini-batches and early stopping",
    text="Write batches: split rows into consecutive batches. Write early_stop: given the "
         "validation loss of each epoch so far, say whether to stop and which epoch (from 1) was "
         "best.",
    go='No article has Go for this. Article 004 only names the next steps: "For production '
       'environments, we need to consider batch processing, early stopping mechanisms, and '
       'proper error handling."',
    maths="batch k = rows[k b : (k + 1) b];  stop when (epochs so far - best epoch) >= patience",
    functions=[
        Function("batches", "rows, batch_size",
                 "Return the list of batches; the last may be smaller."),
        Function("early_stop", "val_losses, patience",
                 "Return (stop, best_epoch); ties go to the earlier epoch; epochs count from 1."),
    ],
    check=check_batches,
    reference={"batches": ref_batches, "early_stop": ref_early_stop},
    solution=[training.batches, validate, fit],
    hints=(
        "batches: consecutive slices of batch_size rows, in order. early_stop: look for the "
        "epoch with the lowest validation loss so far, and how long ago it was.",
        "Batch k holds the rows from index k * batch_size up to, not including, "
        "(k + 1) * batch_size; keep the last one even when it is shorter. In early_stop a tie "
        "goes to the earlier epoch, and epochs count from 1: the best one's number is its index "
        "+ 1.",
        "A slice stops by itself at the end of the list, so a batch size larger than the data "
        "gives one batch. Stop when the epochs since the best one (the last epoch's number minus "
        "the best's) are at least patience; return (stop, best_epoch).",
    ),
)

READ_CSV = Exercise(
    number=10, slug="read_csv", title="Reading the articles' CSV file",
    text="Write read_csv: the file has a header line, then feature columns, then n_labels one-hot "
         "columns. Return (inputs, labels), lists of rows of floats, one per data line.",
    go='Article 001, "Putting It All Together": reader.ReadAll(), then inputsData := '
       "make([]float64, 4*len(rawCSVData)); the loop skips the header (idx == 0) and fills the "
       "rest.",
    maths="inputs[r] = the first columns of data line r;  labels[r] = its last n_labels columns",
    functions=[
        Function("read_csv", "path, n_labels",
                 "Return (inputs, labels) read from the CSV file at path."),
    ],
    check=check_read_csv,
    reference={"read_csv": ref_read_csv},
    solution=[load_csv, parse_csv],
    hints=(
        "Open the file and read it line by line (the csv module's reader does the splitting). "
        "The first line is the header: skip it.",
        "On each data line, turn every field into a float. The last n_labels fields are the "
        "labels, the ones before them the features.",
        "Size nothing in advance: append one input row and one label row per data line, so the "
        "header never becomes a row of zeros. Return (inputs, labels), both lists of rows.",
    ),
)
