"""See it work: ``python -m nnscratch.demo`` runs the articles' examples end to end.

1. Article 003's perceptron on its 4-row table, 1000 epochs, then its two
   predictions.
2. Article 001's iris network (4-3-3, 5000 epochs, learning rate 0.3) and
   article 002's (4-5-3, 8000 epochs, learning rate 0.2), trained on
   ``datasets/iris/train.csv`` and scored on ``test.csv``.

Run it from a clone of the repository; nothing needs installing. ``--seed N``
changes the initial weights (the default is fixed, so two runs print the
same numbers).
"""

import argparse
import sys
import time

from .data import accuracy, dataset_path, load_csv
from .errors import NNScratchError
from .neuralnet import ARTICLE_001, ARTICLE_002, NeuralNet
from .perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron

#: The seed used when --seed is not given.
DEFAULT_SEED = 0


def run_perceptron(seed, out):
    """Train article 003's perceptron and print its two predictions."""
    print("Article 003: single-layer perceptron, 1000 epochs on the 4-row table", file=out)
    start = time.perf_counter()
    p = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=1000, seed=seed).train()
    seconds = time.perf_counter() - start
    for x, expected in (([0, 1, 0], 0), ([1, 0, 1], 1)):
        print("  forward_pass(%s) = %.4f   (target %d)" % (x, p.forward_pass(x), expected), file=out)
    print("  trained in %.2f s" % seconds, file=out)


def run_iris(seed, out):
    """Train the iris networks of articles 001 and 002 and print test accuracies."""
    train = load_csv(dataset_path("iris", "train.csv"), one_hot=3)
    test = load_csv(dataset_path("iris", "test.csv"), one_hot=3)
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


def main(argv=None, out=None):
    out = sys.stdout if out is None else out
    parser = argparse.ArgumentParser(
        prog="python -m nnscratch.demo", description="Run the Go articles' examples in Python."
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED,
        help="seed of the initial weights (default %d)" % DEFAULT_SEED,
    )
    args = parser.parse_args(argv)
    print("nnscratch demo, seed %d" % args.seed, file=out)
    try:
        run_perceptron(args.seed, out)
        run_iris(args.seed, out)
    except NNScratchError as e:
        print("demo: %s" % e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
