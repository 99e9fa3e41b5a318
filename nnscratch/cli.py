"""The command line: ``python -m nnscratch`` (or ``nnscratch`` when installed).

    nnscratch train DATA.csv --target species --hidden 5 --epochs 2000 --test-split 0.2 --out model.json
    nnscratch evaluate model.json DATA.csv
    nnscratch predict model.json DATA.csv [--out predictions.csv]
    nnscratch info model.json
    nnscratch serve model.json [--port 8000]

Exit status: 0 on success, 2 for a usage error, 1 for a data or model-file
error (one line naming the file and line; ``--debug`` shows the traceback),
130 when Ctrl-C stopped training (the model and report are still written,
marked as interrupted), 141 when the reader of the output went away (as in
``nnscratch predict ... | head``), quietly.

Text read from a file (class and column names, training notes) is printed
with its control characters escaped, so a file cannot retitle or recolour
the terminal.

Only this module (and ``demo``, ``bench``) prints: the library reports
training progress through ``Network.train``'s ``on_epoch`` callback, and this
module draws it, on stderr, as one live line when stderr is a terminal.
"""

import argparse
import csv
import errno
import io
import math
import os
import signal
import sys
import time

from ._version import __version__
from .data.tables import load_csv, load_csv_columns, train_test_split
from .engine.network import Network
from .errors import DataError, NNScratchError
from .files.atomic import check_outputs, write_text_atomic
from .files.modelfile import save
from .files.persist import load, model_classes
from .files.untrusted import MAX_LAYERS, MAX_NAME_LENGTH, MAX_PARAMETERS, MAX_WIDTH
from .maths.metrics import confusion_matrix, label_index, precision_recall_f1
from .report import write_report
from .serve.server import parse_size, serve
from .text import printable

#: Exit statuses (141 is what a shell reports for a program stopped by SIGPIPE).
OK, FAILED, USAGE, INTERRUPTED, BROKEN_PIPE = 0, 1, 2, 130, 141
#: Draw the live progress line only once training has taken this long.
PROGRESS_AFTER_SECONDS = 1.0


# ----- the parser -------------------------------------------------------------


def build_parser():
    parser = argparse.ArgumentParser(
        prog="nnscratch", description="Train, evaluate and use small neural networks on CSV files.")
    parser.add_argument("--version", action="version", version="nnscratch %s" % __version__)
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    _add_train_parser(commands)
    _add_model_parsers(commands)
    _add_serve_parser(commands)
    return parser


def _add_train_parser(commands):
    train = commands.add_parser(
        "train", help="train a network on a CSV file and save it",
        description="Train a network on a CSV file with a header line; save it as JSON.")
    train.add_argument("data", metavar="DATA.csv", help="training data, with a header line")
    label = train.add_mutually_exclusive_group(required=True)
    label.add_argument("--target", metavar="COLUMN", help="the column holding each row's class name")
    label.add_argument("--one-hot", type=int, metavar="N", help="the last N columns are a one-hot label")
    train.add_argument("--hidden", type=int, action="append", metavar="SIZE",
                       help="a hidden layer of SIZE neurons; repeat for more layers (default: one of 8)")
    train.add_argument("--activation", default="sigmoid",
                       choices=["sigmoid", "tanh", "relu", "leaky_relu", "linear"],
                       help="hidden activation (default sigmoid)")
    train.add_argument("--epochs", type=int, required=True, metavar="N")
    train.add_argument("--learning-rate", type=float, default=0.01, metavar="R", help="default 0.01")
    train.add_argument("--batch-size", type=int, default=32, metavar="B",
                       help="rows per update (default 32; 0 for the whole set at once)")
    train.add_argument("--optimizer", default="adam", choices=["sgd", "momentum", "adam"],
                       help="default adam")
    train.add_argument("--l2", type=float, default=0.0, metavar="L", help="weight decay (default 0)")
    train.add_argument("--seed", type=int, default=0, metavar="S", help="default 0")
    held = train.add_mutually_exclusive_group()
    held.add_argument("--test", metavar="TEST.csv",
                      help="rows to score after training, with the same columns")
    held.add_argument("--test-split", type=float, metavar="F",
                      help="hold out this fraction of the rows as test rows")
    train.add_argument("--normalize", action="store_true",
                       help="scale inputs to [0, 1] (min-max, learned from the training rows, "
                            "kept in the model)")
    train.add_argument("--out", required=True, metavar="MODEL.json", help="where to save the model")
    train.add_argument("--report", metavar="REPORT.html",
                       help="also write an HTML report of the training")
    train.add_argument("--quiet", action="store_true", help="print nothing but errors")


def _add_model_parsers(commands):
    """The commands that read a model file: evaluate, predict and info."""
    evaluate = commands.add_parser(
        "evaluate", help="score a model on labelled rows",
        description="Print the accuracy, confusion matrix and per-class precision, "
                    "recall and F1 of a model on a labelled CSV file.")
    evaluate.add_argument("model", metavar="MODEL.json")
    evaluate.add_argument("data", metavar="DATA.csv")

    predict = commands.add_parser(
        "predict", help="predict the class of each row",
        description="Write each row's predicted class and class probabilities as CSV. "
                    "The file may have the label column or not.")
    predict.add_argument("model", metavar="MODEL.json")
    predict.add_argument("data", metavar="DATA.csv")
    predict.add_argument("--out", metavar="PREDICTIONS.csv",
                         help="write here instead of to standard output")

    info = commands.add_parser("info", help="describe a model file",
                               description="Print what a model file holds.")
    info.add_argument("model", metavar="MODEL.json")


def _add_serve_parser(commands):
    serve = commands.add_parser(
        "serve", help="serve predictions over HTTP, with Prometheus metrics",
        description="Serve POST /predict, GET /healthz, /model and /metrics until "
                    "SIGTERM or Ctrl-C, then stop gracefully.")
    serve.add_argument("model", metavar="MODEL.json")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="default 8000; 0 picks a free one")
    serve.add_argument("--max-body", type=_size, default="1MiB", metavar="SIZE",
                       help="largest request body (default 1MiB)")
    serve.add_argument("--max-rows", type=int, default=10000, metavar="N",
                       help="most rows a request (default 10000)")
    serve.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                       help="cut off a client that stalls this long (default 10)")
    serve.add_argument("--access-log", action="store_true", help="print a line per request on stderr")


def _size(text):
    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


# ----- progress ---------------------------------------------------------------------


class Progress:
    """Draws training progress on a stream: one live line on a terminal, else one summary line.

    It is the ``on_epoch`` callback given to ``Network.train``.
    """

    def __init__(self, epochs, stream, quiet=False):
        self.epochs = epochs
        self.stream = stream
        self.quiet = quiet
        self.live = not quiet and stream.isatty()
        self.start = time.perf_counter()
        self.drawn = False

    def __call__(self, epoch, history):
        if not self.live:
            return
        elapsed = time.perf_counter() - self.start
        if elapsed < PROGRESS_AFTER_SECONDS and epoch < self.epochs:
            return
        left = elapsed / epoch * (self.epochs - epoch)
        line = "epoch %d/%d  loss %.4f  accuracy %.3f  %s left" % (
            epoch, self.epochs, history.loss[-1], history.accuracy[-1], _duration(left))
        self.stream.write("\r" + line.ljust(70))
        self.stream.flush()
        self.drawn = True

    def finish(self, history):
        if self.quiet:
            return
        if self.drawn:
            self.stream.write("\n")
        seconds = time.perf_counter() - self.start
        self.stream.write("trained %d epoch%s in %s: loss %.4f, accuracy %.3f%s\n" % (
            history.epochs, "" if history.epochs == 1 else "s", _duration(seconds),
            history.loss[-1], history.accuracy[-1],
            ", validation accuracy %.3f" % history.val_accuracy[-1] if history.val_accuracy else ""))
        self.stream.flush()


def _duration(seconds):
    return "%.1f s" % seconds if seconds < 120 else "%d min %02d s" % divmod(int(seconds), 60)


class StopOnCtrlC:
    """Turns the first Ctrl-C into "stop after this batch"; a second one stops at once."""

    def __init__(self, stream, quiet):
        self.requested = False
        self.stream, self.quiet = stream, quiet
        self.previous = None

    def __enter__(self):
        try:
            self.previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: leave Ctrl-C alone
            self.previous = None
        return self

    def _handle(self, signum, frame):
        self.requested = True
        signal.signal(signal.SIGINT, self.previous or signal.default_int_handler)
        if not self.quiet:
            self.stream.write("\nstopping after this batch (Ctrl-C again to quit at once)\n")
            self.stream.flush()

    def __call__(self):
        return self.requested

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


# ----- the commands -------------------------------------------------------------------


def _read_training_data(args):
    if args.one_hot is not None:
        return load_csv(args.data, one_hot=args.one_hot)
    return load_csv(args.data, target=args.target)


def _read_test_data(args, train):
    """The --test file, read by the training file's column and class names."""
    target = args.target
    data = load_csv_columns(args.test, train.columns, train.classes, target)
    if not data.labels:
        raise DataError("has no label: expected the column %r" % target if target else
                        "has no label: expected the one-hot columns %s" % ", ".join(train.classes),
                        args.test)
    return data


def _check_train_args(args):
    """Raise UsageError for a bad number argparse lets through; return the hidden sizes."""
    for name, value, low in (("--epochs", args.epochs, 1), ("--batch-size", args.batch_size, 0)):
        if value < low:
            raise UsageError("%s must be at least %d, got %d" % (name, low, value))
    hidden = args.hidden or [8]
    if any(h < 1 for h in hidden):
        raise UsageError("--hidden sizes must be at least 1, got %s" % hidden)
    if len(hidden) > MAX_LAYERS - 1 or max(hidden) > MAX_WIDTH:  # what a model file can hold
        raise UsageError("at most %d --hidden layers of at most %d neurons each"
                         % (MAX_LAYERS - 1, MAX_WIDTH))
    if args.one_hot is not None and args.one_hot < 1:
        raise UsageError("--one-hot must be at least 1, got %d" % args.one_hot)
    if not (math.isfinite(args.learning_rate) and args.learning_rate > 0):
        raise UsageError("--learning-rate must be a finite number above 0, got %r" % args.learning_rate)
    if not (math.isfinite(args.l2) and args.l2 >= 0):
        raise UsageError("--l2 must be a finite number of at least 0, got %r" % args.l2)
    if args.test_split is not None and not 0 < args.test_split < 1:
        raise UsageError("--test-split must be between 0 and 1, got %r" % args.test_split)
    return hidden


def _train_and_test_rows(args, data):
    """``train_x, train_y, test_x, test_y``: from --test, --test-split, or no test rows."""
    train_x, train_y = data.inputs, data.labels
    test_x = test_y = None
    if args.test is not None:
        test = _read_test_data(args, data)
        test_x, test_y = test.inputs, test.labels
    elif args.test_split:
        train_x, test_x, train_y, test_y = train_test_split(train_x, train_y,
                                                             test_fraction=args.test_split,
                                                             seed=args.seed)
    return train_x, train_y, test_x, test_y


def _train_settings(args, data, net, train_x, test_x):
    """The settings table of the HTML report."""
    return {
        "data": args.data, "rows trained on": len(train_x), "test rows": len(test_x) if test_x else 0,
        "inputs": ", ".join(data.columns), "classes": ", ".join(data.classes),
        "layers": "-".join(map(str, net.sizes)), "hidden activation": args.activation,
        "output": "softmax, cross-entropy", "epochs asked": args.epochs,
        "learning rate": args.learning_rate,
        "batch size": args.batch_size or "all rows", "optimizer": args.optimizer, "L2": args.l2,
        "seed": args.seed, "normalize": "yes (min-max)" if args.normalize else "no",
    }


def _check_savable(args, data, hidden):
    """Refuse, before training, a network or names its model file could not be loaded with."""
    sizes = [len(data.columns)] + hidden + [len(data.classes)]
    parameters = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    if parameters > MAX_PARAMETERS or max(sizes) > MAX_WIDTH:
        raise UsageError("a %s network has %d weights and biases; a model file holds at most %d"
                         % ("-".join(map(str, sizes)), parameters, MAX_PARAMETERS))
    for kind, names in (("column", data.columns), ("class", data.classes)):
        for name in names:
            if len(name) > MAX_NAME_LENGTH:
                raise DataError("a %s name is %d characters long; a model file holds at most %d: %s..."
                                % (kind, len(name), MAX_NAME_LENGTH, printable(name[:30])), args.data)


def command_train(args, out, err):
    hidden = _check_train_args(args)
    check_outputs({"--out": args.out, "--report": args.report}, {"DATA.csv": args.data, "--test": args.test})
    data = _read_training_data(args)
    if len(data.classes) < 2:
        raise DataError("found %d class%s; a classifier needs at least 2"
                        % (len(data.classes), "" if len(data.classes) == 1 else "es"), args.data)
    _check_savable(args, data, hidden)
    train_x, train_y, test_x, test_y = _train_and_test_rows(args, data)

    net = Network([len(data.columns)] + hidden + [len(data.classes)],
                  hidden_activation=args.activation,
                  init="he" if args.activation in ("relu", "leaky_relu") else "xavier", seed=args.seed)
    net.classes, net.columns = data.classes, data.columns
    settings = _train_settings(args, data, net, train_x, test_x)
    if not args.quiet:
        err.write("training %r on %d rows of %s\n" % (net, len(train_x), args.data))
    progress = Progress(args.epochs, err, args.quiet)
    with StopOnCtrlC(err, args.quiet) as stop:
        history = net.train(
            train_x, train_y, epochs=args.epochs, learning_rate=args.learning_rate,
            batch_size=args.batch_size or None, optimizer=args.optimizer, l2=args.l2,
            validation=(test_x, test_y) if test_x else None, normalize=args.normalize,
            on_epoch=progress, stop=stop,
        )
    progress.finish(history)
    net.metadata.update({"data": args.data, "target": args.target, "one_hot": args.one_hot})

    matrix = test_accuracy = None
    if test_x:
        predictions = net.predict(test_x)
        matrix = confusion_matrix(predictions, test_y, len(data.classes))
        test_accuracy = sum(matrix[k][k] for k in range(len(matrix))) / len(test_x)
        net.metadata["test_accuracy"] = test_accuracy
    save(net, args.out)
    if args.report is not None:
        write_report(args.report, net, history, settings, matrix, test_accuracy,
                     title="nnscratch: %s" % args.data)
    if not args.quiet:
        if test_accuracy is not None:
            out.write("test accuracy %.4f on %d rows\n" % (test_accuracy, len(test_x)))
        out.write("saved the model to %s%s\n"
                  % (args.out, " and the report to %s" % args.report if args.report is not None else ""))
    if history.interrupted:
        err.write("training was interrupted in epoch %d: the model%s %s written, marked as interrupted\n"
                  % (history.epochs, " and the report" if args.report is not None else "",
                     "were" if args.report is not None else "was"))
        return INTERRUPTED
    return OK


def _model_columns(model, path):
    if model.columns:
        return list(model.columns)
    raise DataError("the model does not name its input columns, "
                    "so they cannot be found in a CSV file", path)


def _read_rows_for(model, model_path, data_path):
    classes = model_classes(model)
    columns = _model_columns(model, model_path)
    return load_csv_columns(data_path, columns, classes, model.metadata.get("target")), classes


def command_evaluate(args, out, err):
    model = load(args.model)
    data, classes = _read_rows_for(model, args.model, args.data)
    if not data.labels:
        target = model.metadata.get("target")
        raise DataError("has no label column: expected %s" % (repr(target) if target else
                        "one-hot columns %s" % ", ".join(classes)), args.data)
    predictions = _predict(model, data.inputs, args.data)
    matrix = confusion_matrix(predictions, data.labels, len(classes))
    correct = sum(matrix[k][k] for k in range(len(classes)))
    out.write("accuracy %.4f (%d of %d rows)\n\n" % (correct / len(data.inputs), correct, len(data.inputs)))
    classes = [printable(c) for c in classes]  # names from the model file, printed: no escapes
    width = max(9, max(map(len, classes)) + 2)
    out.write("confusion matrix (rows: true class, columns: predicted class)\n")
    out.write(" " * width + "".join(c[:width - 1].rjust(width) for c in classes) + "\n")
    for name, row in zip(classes, matrix):
        out.write(name[:width - 1].rjust(width) + "".join(str(v).rjust(width) for v in row) + "\n")
    out.write("\n%s%10s%10s%10s%10s\n" % ("class".rjust(width), "precision", "recall", "F1", "rows"))
    for name, (p, r, f, n) in zip(classes, precision_recall_f1(matrix)):
        out.write("%s%10.3f%10.3f%10.3f%10d\n" % (name[:width - 1].rjust(width), p, r, f, n))
    return OK


def _prediction_rows(classes, outputs):
    """The predictions CSV, row by row: the header, then each row's class and class probabilities."""
    yield ["prediction"] + list(classes)
    if len(classes) == 2 and len(outputs[0]) == 1:  # a yes/no model: one output, the chance of classes[1]
        for (p,) in outputs:
            yield [classes[label_index([p])], repr(1.0 - p), repr(p)]
    else:
        for row in outputs:
            yield [classes[label_index(row)]] + [repr(v) for v in row]


def _predict(model, rows, path):
    """model.predict(rows), where a row without a prediction is named by its data line in path."""
    try:
        return model.predict(rows)
    except DataError as e:
        if getattr(e, "row", None) is None:
            raise
        raise DataError("data row %d (counting from 1 after the header): %s" % (e.row + 1, e.detail),
                        path) from None


def command_predict(args, out, err):
    check_outputs({"--out": args.out}, {"MODEL.json": args.model, "DATA.csv": args.data})
    model = load(args.model)
    data, classes = _read_rows_for(model, args.model, args.data)
    outputs = _predict(model, data.inputs, args.data)
    rows = _prediction_rows(classes, outputs)
    if args.out is not None:
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        write_text_atomic(args.out, text.getvalue())
        err.write("wrote %d predictions to %s\n" % (len(outputs), args.out))
        return OK
    if out.isatty():  # names from the model file, on a terminal: no escapes
        rows = ([printable(cell) for cell in row] for row in rows)
    csv.writer(out, lineterminator="\n").writerows(rows)  # row by row, so `| head` stops it early
    return OK


def command_info(args, out, err):
    model = load(args.model)
    lines = [("file", args.model), ("model", repr(model))]
    if isinstance(model, Network):
        for i, layer in enumerate(model.layers):
            lines.append(("layer %d" % (i + 1),
                          "%d -> %d, %s" % (layer.n_inputs, layer.n_neurons, layer.activation)))
        lines.append(("loss", model.loss))
        parameters = sum(l.n_inputs * l.n_neurons + l.n_neurons for l in model.layers)
        lines.append(("parameters", parameters))
    lines.append(("classes", ", ".join(map(str, model.classes)) if model.classes else "-"))
    lines.append(("inputs", ", ".join(map(str, model.columns)) if model.columns else "-"))
    lines.append(("input scaling", "min-max, stored" if model.scaling is not None else "none"))
    for key, value in sorted(model.metadata.items()):
        if value is not None:
            lines.append(("training." + key, value))
    lines = [(printable(key), printable(value)) for key, value in lines]  # text from the file: no escapes
    width = max(len(k) for k, _ in lines)
    for key, value in lines:
        out.write("%s  %s\n" % (key.ljust(width), value))
    return OK


def command_serve(args, out, err):
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be from 0 to 65535, got %d" % args.port)
    if args.max_rows < 1:
        raise UsageError("--max-rows must be at least 1, got %d" % args.max_rows)
    if not (math.isfinite(args.timeout) and args.timeout > 0):
        raise UsageError("--timeout must be a finite number of seconds above 0, got %r" % args.timeout)
    model = load(args.model)
    return serve(model, args.model, args.host, args.port, args.max_body, args.max_rows, args.timeout,
                 args.access_log, err)


def _silence_stdout(out):
    """Point stdout at the null device, so the interpreter's last flush at exit does not fail again."""
    if out is not sys.__stdout__:  # a stream the caller gave: theirs to close
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test's StringIO): nothing to flush
        pass


class UsageError(Exception):
    """A bad combination of arguments that argparse cannot see: exit status 2."""


COMMANDS = {"train": command_train, "evaluate": command_evaluate, "predict": command_predict,
            "info": command_info, "serve": command_serve}


class ClosedStream(io.TextIOBase):
    """Stands for a standard stream the shell closed (``>&-``): writing to it is an error that says so."""

    def __init__(self, name):
        super().__init__()
        self.stream_name = name

    def write(self, text):
        raise OSError(errno.EBADF, "standard %s is closed" % self.stream_name)

    def isatty(self):
        return False


def main(argv=None, out=None, err=None):
    out = out or sys.stdout or ClosedStream("output")
    err = err or sys.stderr or open(os.devnull, "w")  # errors have nowhere to go: drop them
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with status 2 on a usage error
    try:
        return COMMANDS[args.command](args, out, err)
    except UsageError as e:
        parser.print_usage(err)
        err.write("nnscratch %s: error: %s\n" % (args.command, printable(e)))
        return USAGE
    except BrokenPipeError:  # the reader left, as `| head` does: stop quietly, as Unix tools do
        _silence_stdout(out)
        return BROKEN_PIPE
    except (NNScratchError, OSError) as e:
        if args.debug:
            raise
        if not isinstance(e, OSError) or e.filename is None:
            message = str(e)
        else:
            message = "%s: %s" % (e.filename or "''", e.strerror)
        err.write("nnscratch %s: error: %s\n" % (args.command, printable(message)))
        return FAILED
    except KeyboardInterrupt:
        if args.debug:
            raise
        err.write("nnscratch %s: interrupted\n" % args.command)
        return INTERRUPTED
    except Exception as e:  # a bug: say so in one line, unless asked for the traceback
        if args.debug:
            raise
        err.write("nnscratch %s: internal error: %s: %s (run with --debug for the traceback)\n"
                  % (args.command, type(e).__name__, printable(e)))
        return FAILED
