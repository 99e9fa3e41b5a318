"""See it work: ``python -m nnscratch.demo`` runs the articles' examples end to end.

    python -m nnscratch.demo                     # articles 003, 001 and 002
    python -m nnscratch.demo digits              # a 64-32-10 Network on 8x8 digits
    python -m nnscratch.demo mnist --data DIR    # article 000's Network([784, 128, 10])

The default run:

1. Article 003's perceptron on its 4-row table, 1000 epochs, then its two
   predictions.
2. Article 001's iris network (4-3-3, 5000 epochs, learning rate 0.3) and
   article 002's (4-5-3, 8000 epochs, learning rate 0.2), trained on the
   built-in iris split (``load_iris_split()``: the rows of
   ``datasets/iris/train.csv``) and scored on its test rows.

The data are built in, so it runs anywhere the ``nnscratch/`` folder is:
a clone, a copy of the folder, or an install. ``--seed N`` changes the
initial weights (the default is fixed, so two runs print the same numbers).
"""

import argparse
import sys
import time

from .data import accuracy, load_mnist, train_test_split
from .data.builtin import load_digits, load_iris_split, load_perceptron_table
from .engine.network import Network
from .errors import NNScratchError
from .reading.gophernet import ARTICLE_001, ARTICLE_002, NeuralNet
from .reading.perceptron import Perceptron

#: The seed used when --seed is not given.
DEFAULT_SEED = 0
#: The digits demo's settings: an 80/20 split, Adam, mini-batches of 32.
DIGITS_SPLIT_SEED = 0
DIGITS_EPOCHS = 20
DIGITS_LEARNING_RATE = 0.01
#: The MNIST demo's defaults, small enough for a few minutes of pure Python.
MNIST_TRAIN_ROWS = 10000
MNIST_TEST_ROWS = 2000
MNIST_EPOCHS = 3


def run_perceptron(seed, out):
    """Train article 003's perceptron and print its two predictions."""
    print("Article 003: single-layer perceptron, 1000 epochs on the 4-row table", file=out)
    start = time.perf_counter()
    table = load_perceptron_table()
    targets = [label.index(1.0) for label in table.labels]  # classes "0" and "1": the index is y
    p = Perceptron(table.inputs, targets, epochs=1000, seed=seed).train()
    seconds = time.perf_counter() - start
    for x, expected in (([0, 1, 0], 0), ([1, 0, 1], 1)):
        print("  forward_pass(%s) = %.4f   (target %d)" % (x, p.forward_pass(x), expected), file=out)
    print("  trained in %.2f s" % seconds, file=out)


def run_iris(seed, out):
    """Train the iris networks of articles 001 and 002 and print test accuracies."""
    train, test = load_iris_split()
    print(
        "Iris: %d training rows, %d test rows, classes %s"
        % (len(train.inputs), len(test.inputs), ", ".join(train.classes)),
        file=out,
    )
    for article, config in (("001", ARTICLE_001), ("002", ARTICLE_002)):
        start = time.perf_counter()
        net = NeuralNet(config, seed=seed).train(train.inputs, train.labels)
        seconds = time.perf_counter() - start
        score = accuracy(net.predict(test.inputs), test.labels)
        print(
            "Article %s: %d-%d-%d sigmoid, %d epochs, learning rate %g: "
            "test accuracy %.2f, trained in %.1f s"
            % (
                article, config.input_neurons, config.hidden_neurons, config.output_neurons,
                config.num_epochs, config.learning_rate, score, seconds,
            ),
            file=out,
        )


def print_confusion(matrix, classes, out):
    """Print a confusion matrix: one row per true class, one column per predicted class."""
    width = max(4, max(len(str(v)) for row in matrix for v in row) + 1, max(map(len, classes)) + 1)
    print("  true \\ predicted " + "".join(c.rjust(width) for c in classes), file=out)
    for name, row in zip(classes, matrix):
        print("  " + name.rjust(17) + "".join(str(v).rjust(width) for v in row), file=out)


def report_epoch(out):
    """Return an on_epoch callback that prints one line per epoch."""
    start = time.perf_counter()

    def on_epoch(epoch, history):
        print(
            "  epoch %3d: loss %.4f, accuracy %.3f (%.1f s)"
            % (epoch, history.loss[-1], history.accuracy[-1], time.perf_counter() - start),
            file=out,
        )

    return on_epoch


def run_digits(seed, out):
    """Train a 64-32-10 Network on the 8x8 digits; print the accuracy and confusion matrix."""
    data = load_digits()
    inputs = [[v / 16.0 for v in row] for row in data.inputs]  # pixels are 0..16
    train_x, test_x, train_y, test_y = train_test_split(
        inputs, data.labels, test_fraction=0.2, seed=DIGITS_SPLIT_SEED
    )
    net = Network([64, 32, 10], seed=seed)
    print("Digits: %d training rows, %d test rows; %r" % (len(train_x), len(test_x), net), file=out)
    print("  Adam, learning rate %g, mini-batches of 32, epochs: %d"
          % (DIGITS_LEARNING_RATE, DIGITS_EPOCHS), file=out)
    start = time.perf_counter()
    net.train(train_x, train_y, epochs=DIGITS_EPOCHS, learning_rate=DIGITS_LEARNING_RATE,
              batch_size=32, optimizer="adam", on_epoch=report_epoch(out))
    seconds = time.perf_counter() - start
    print("Test accuracy %.4f, trained in %.1f s" % (net.evaluate(test_x, test_y), seconds), file=out)
    print_confusion(net.confusion_matrix(test_x, test_y), data.classes, out)


def run_mnist(seed, folder, train_rows, test_rows, epochs, out):
    """Article 000: Network([784, 128, 10]) on MNIST IDX files from a folder."""
    start = time.perf_counter()
    train = load_mnist(folder, "train", limit=train_rows)
    test = load_mnist(folder, "t10k", limit=test_rows)
    print("MNIST from %s: %d training rows, %d test rows (read in %.1f s)"
          % (folder, len(train.inputs), len(test.inputs), time.perf_counter() - start), file=out)
    net = Network([784, 128, 10], seed=seed)
    print("  %r; SGD, learning rate 0.1 (article 000), mini-batches of 32, epochs: %d"
          % (net, epochs), file=out)
    start = time.perf_counter()
    net.train(train.inputs, train.labels, epochs=epochs, learning_rate=0.1, batch_size=32,
              on_epoch=report_epoch(out))
    seconds = time.perf_counter() - start
    print("Accuracy: %.2f%% (trained in %.1f s)" % (100 * net.evaluate(test.inputs, test.labels), seconds),
          file=out)
    print_confusion(net.confusion_matrix(test.inputs, test.labels), train.classes, out)


def main(argv=None, out=None):
    out = sys.stdout if out is None else out
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--seed", type=int, default=DEFAULT_SEED,
        help="seed of the initial weights (default %d)" % DEFAULT_SEED,
    )
    parser = argparse.ArgumentParser(
        prog="python -m nnscratch.demo", parents=[common],
        description="Run the Go articles' examples in Python. With no command: articles 003, 001, 002.",
    )
    commands = parser.add_subparsers(dest="command", metavar="{digits,mnist}")
    commands.add_parser("digits", parents=[common], help="a 64-32-10 network on the 8x8 digits")
    mnist = commands.add_parser("mnist", parents=[common],
                                help="article 000's Network([784, 128, 10]) on MNIST files you supply")
    mnist.add_argument("--data", required=True, metavar="FOLDER",
                       help="folder with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                            "t10k-...")
    mnist.add_argument("--train-rows", type=int, default=MNIST_TRAIN_ROWS,
                       help="training rows to use (default %d; 60000 is all)" % MNIST_TRAIN_ROWS)
    mnist.add_argument("--test-rows", type=int, default=MNIST_TEST_ROWS,
                       help="test rows to score (default %d; 10000 is all)" % MNIST_TEST_ROWS)
    mnist.add_argument("--epochs", type=int, default=MNIST_EPOCHS,
                       help="epochs (default %d; article 000 trains 10)" % MNIST_EPOCHS)
    args = parser.parse_args(argv)
    if args.command == "mnist":  # refused before minutes of reading and training, not after
        for option in ("train_rows", "test_rows", "epochs"):
            value = getattr(args, option)
            if value < 1:
                mnist.error("--%s must be at least 1, got %d" % (option.replace("_", "-"), value))
    print("nnscratch demo, seed %d" % args.seed, file=out)
    try:
        if args.command == "digits":
            run_digits(args.seed, out)
        elif args.command == "mnist":
            run_mnist(args.seed, args.data, args.train_rows, args.test_rows, args.epochs, out)
        else:
            run_perceptron(args.seed, out)
            run_iris(args.seed, out)
    except (NNScratchError, OSError) as e:
        print("demo: %s" % e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
