"""Exercises 5 and 6: article 001's one-hidden-layer network, its forward pass and one step.

The references are ``nnscratch.reading.gophernet``'s ``feed_forward`` and
``NeuralNet.backpropagate`` (one epoch). The usual mistakes of the step come
from that same code (``backpropagate_subtracting``,
``backpropagate_as_article_001``), and finite differences of the squared error
check the step independently (``descent_step``).
"""

import random

from ..maths.activations import sigmoid_prime
from ..maths.losses import LOSSES
from ..reading.gophernet import NeuralNet, NeuralNetConfig, feed_forward
from .checking import close
from .exercise import Exercise, Function, numeric_gradient, rng_for

__all__ = ["FEED_FORWARD", "BACKPROPAGATE", "ref_feed_forward", "ref_backpropagate",
           "backpropagate_subtracting", "backpropagate_as_article_001", "descent_step"]


def ref_feed_forward(x, w_hidden, b_hidden, w_out, b_out):
    """Article 001's feed forward: sigma(sigma(x . w_hidden + b_hidden) . w_out + b_out)."""
    return feed_forward(x, w_hidden, b_hidden, w_out, b_out)[3]


def _random_net(rng, n, n_in, n_hidden, n_out):
    x = [[rng.uniform(0, 1) for _ in range(n_in)] for _ in range(n)]
    w_hidden = [[rng.uniform(-1, 1) for _ in range(n_hidden)] for _ in range(n_in)]
    w_out = [[rng.uniform(-1, 1) for _ in range(n_out)] for _ in range(n_hidden)]
    b_hidden = [rng.uniform(-1, 1) for _ in range(n_hidden)]
    return x, w_hidden, b_hidden, w_out, [rng.uniform(-1, 1) for _ in range(n_out)]


def _without_biases(x, w_hidden, b_hidden, w_out, b_out):
    return feed_forward(x, w_hidden, [0.0] * len(b_hidden), w_out, [0.0] * len(b_out))[3]


def check_feed_forward(c):
    rng = rng_for(5)
    cases = [("fixed: 1 sample, 1-1-1", ([[2.0]], [[0.0]], [0.0], [[2.0]], [-1.0])),
             ("fixed: 2 samples, 4-3-3", _random_net(random.Random(1), 2, 4, 3, 3))]
    cases += [("random %d" % k, _random_net(rng, 5, 3, 4, 2)) for k in range(2)]
    hints = [
        (lambda a, e, r: close(r, feed_forward(*a)[1]),
         "that is the hidden layer's activations: go on through w_out and b_out to the output"),
        (lambda a, e, r: close(r, _without_biases(*a)),
         "the biases are missing: add b_hidden and b_out to every row"),
    ]
    for label, args in cases:
        c.case("feed_forward", label, args, ref_feed_forward(*args), returns="matrix", hints=hints)


def ref_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate, **slope):
    """One epoch of article 001's backpropagate, with the slope a * (1 - a); the new weights.

    ``slope=sigmoid_prime`` gives the step with the article's own slope instead.
    """
    config = NeuralNetConfig(input_neurons=len(x[0]), output_neurons=len(y[0]),
                             hidden_neurons=len(b_hidden), num_epochs=1,
                             learning_rate=learning_rate)
    return tuple(NeuralNet(config, **slope).backpropagate(x, y, w_hidden, b_hidden, w_out, b_out))


def backpropagate_subtracting(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    """The step with the adjustments subtracted: w - lr * adj, which is 2w - (w + lr * adj)."""
    start = (w_hidden, b_hidden, w_out, b_out)
    moved = ref_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate)
    return tuple(_reflect(before, after) for before, after in zip(start, moved))


def _reflect(before, after):
    """2 * before - after, entry by entry, for two vectors or two matrices of the same shape."""
    if before and isinstance(before[0], list):
        return [_reflect(b, a) for b, a in zip(before, after)]
    return [2 * b - a for b, a in zip(before, after)]


def backpropagate_as_article_001(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    """The step as article 001 writes it: the slope sigmoidPrime(a), the sigmoid applied twice."""
    return ref_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate, slope=sigmoid_prime)


def descent_step(x, y, params, learning_rate):
    """(w_hidden, b_hidden, w_out, b_out) each moved by -lr * dE/dw, by finite differences.

    E = the sum over samples of 1/2 * sum (y - output)^2: the loss article
    001's step descends.
    """
    squared_error = LOSSES["squared_error"].function

    def loss(trial):
        outputs = feed_forward(x, *trial)[3]
        return sum(squared_error(out, target) for out, target in zip(outputs, y))

    moved = []
    for p, param in enumerate(params):
        is_matrix = isinstance(param[0], list)
        rows = param if is_matrix else [param]
        moved_rows = []
        for i, row in enumerate(rows):
            def loss_with_row(values):
                trial = list(params)
                new_rows = [values if k == i else r for k, r in enumerate(rows)]
                trial[p] = new_rows if is_matrix else values
                return loss(trial)

            slopes = numeric_gradient(loss_with_row, row)
            moved_rows.append([w - learning_rate * s for w, s in zip(row, slopes)])
        moved.append(moved_rows if is_matrix else moved_rows[0])
    return tuple(moved)


def check_backpropagate(c):
    rng = rng_for(6)
    nets = [("fixed: 1-1-1, one sample", ([[2.0]], [[1.0]], [[0.0]], [0.0], [[2.0]], [-1.0], 0.5))]
    for k in range(3):
        x, wh, bh, wo, bo = _random_net(rng, 4, 3, 4, 2)
        y = [[1.0, 0.0] if rng.random() < 0.5 else [0.0, 1.0] for _ in x]
        nets.append(("random %d" % k, (x, y, wh, bh, wo, bo, 0.3)))
    hints = [
        (lambda a, e, r: close(list(r), list(backpropagate_as_article_001(*a)), rel=1e-6),
         "the derivative applied to the activation twice: article 001 calls "
         "sigmoidPrime(output), and output is already sigma(z); the slope is "
         "output * (1 - output)"),
        (lambda a, e, r: close(list(r), list(backpropagate_subtracting(*a)), rel=1e-6),
         "learning-rate sign: network_error is y - output, so the adjustments are added "
         "(w += lr * adj)"),
        (lambda a, e, r: close([r[0], r[2]], [e[0], e[2]])
         and not close([r[1], r[3]], [e[1], e[3]]),
         "the weights are right but the biases are not: b += lr * sum_along_axis(0, d)"),
    ]
    for label, args in nets:
        c.case("backpropagate", label, args, ref_backpropagate(*args), returns="tuple4",
               hints=hints, compare=lambda r, e: close(list(r), list(e)))
    # Finite differences: the step is -lr times the gradient of E = 1/2 sum (y - output)^2.
    x, wh, bh, wo, bo = _random_net(rng, 3, 2, 3, 2)
    y = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    lr = 0.1
    c.case("backpropagate", "finite difference: each weight moves by -lr * dE/dw",
           (x, y, wh, bh, wo, bo, lr), descent_step(x, y, (wh, bh, wo, bo), lr),
           returns="tuple4", hints=hints,
           compare=lambda r, e: close(list(r), list(e), rel=1e-6, abs_=1e-9))


FEED_FORWARD = Exercise(
    number=5, slug="feed_forward", title="The forward pass of the one-hidden-layer network",
    text="Write the feed-forward pass of article 001's network. Matrices are lists of rows: x has "
         "one row per sample, w_hidden is inputs x hidden, w_out is hidden x outputs. Return the "
         "output, one row per sample.",
    go='Article 001, "Implementing Backpropagation": hiddenLayerInput.Mul(x, wHidden), add '
       "bHidden, apply sigmoid; outputLayerInput.Mul(hiddenLayerActivations, wOut), add bOut, "
       "apply sigmoid.",
    maths="hidden = sigma(x . w_hidden + b_hidden);  output = sigma(hidden . w_out + b_out)",
    functions=[
        Function("feed_forward", "x, w_hidden, b_hidden, w_out, b_out",
                 "Return the network's output: one row of outputs per row of x."),
    ],
    check=check_feed_forward,
    reference={"feed_forward": ref_feed_forward},
    solution=[feed_forward],
)

BACKPROPAGATE = Exercise(
    number=6, slug="backpropagate", title="One step of backpropagation, gophernet's core",
    text="Write one epoch of article 001's backpropagate: feed forward, the errors and deltas, "
         "then add learning_rate times each adjustment. Return (w_hidden, b_hidden, w_out, "
         "b_out). Use the slope a * (1 - a) of the activations a, not sigmoidPrime(a).",
    go='Article 001, "Implementing Backpropagation": networkError = y - output; dOutput = '
       "networkError * slopeOutputLayer; errorAtHiddenLayer = dOutput . wOut^T; dHiddenLayer = "
       "errorAtHiddenLayer * slopeHiddenLayer; wOut += lr * hiddenLayerActivations^T . dOutput; "
       "bOut += lr * sumAlongAxis(0, dOutput); and the same for wHidden (with x^T) and bHidden.",
    maths="d_out = (y - out) * out (1 - out);  d_hid = (d_out . w_out^T) * hid (1 - hid);  "
          "w += lr * input^T . d",
    functions=[
        Function("backpropagate", "x, y, w_hidden, b_hidden, w_out, b_out, learning_rate",
                 "Return the weights and biases after one epoch: "
                 "(w_hidden, b_hidden, w_out, b_out)."),
    ],
    check=check_backpropagate,
    reference={"backpropagate": ref_backpropagate},
    solution=[NeuralNet.backpropagate],
)
