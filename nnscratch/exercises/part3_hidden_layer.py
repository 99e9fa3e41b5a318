"""Exercises 5 and 6: article 001's one-hidden-layer network, its forward pass and one step.

The references are ``nnscratch.reading.gophernet``'s ``feed_forward`` and
``NeuralNet.backpropagate`` (one epoch). The usual mistakes of the step come
from that same code (``backpropagate_subtracting``,
``backpropagate_as_article_001``, the mean as the step with lr / n), except
the hidden error taken through the updated w_out, which gophernet cannot be
asked for: ``backpropagate_with_updated_w_out`` redoes the hidden half with
its vector helpers. Finite differences of the squared error check the step
independently (``descent_step``).
"""

import random

from ..maths.activations import sigmoid_prime, sigmoid_prime_from_output
from ..maths.losses import LOSSES
from ..reading import gophernet
from ..reading.gophernet import NeuralNet, NeuralNetConfig, apply, feed_forward
from ..reading.vector import mat_mul, mul_elem, scalar_mul, sum_along_axis, transpose, vec_add, vec_sub
from .checking import close
from .exercise import Exercise, Function, numeric_gradient, rng_for

__all__ = ["FEED_FORWARD", "BACKPROPAGATE", "ref_feed_forward", "ref_backpropagate",
           "backpropagate_subtracting", "backpropagate_as_article_001",
           "backpropagate_averaged", "backpropagate_with_updated_w_out", "descent_step"]


def ref_feed_forward(x, w_hidden, b_hidden, w_out, b_out):
    """Article 001's feed forward: sigma(sigma(x . w_hidden + b_hidden) . w_out + b_out)."""
    # By its module: printed as the student's feed_forward, it must not seem to call itself.
    return gophernet.feed_forward(x, w_hidden, b_hidden, w_out, b_out)[3]


def _random_net(rng, n, n_in, n_hidden, n_out):
    x = [[rng.uniform(0, 1) for _ in range(n_in)] for _ in range(n)]
    w_hidden = [[rng.uniform(-1, 1) for _ in range(n_hidden)] for _ in range(n_in)]
    w_out = [[rng.uniform(-1, 1) for _ in range(n_out)] for _ in range(n_hidden)]
    b_hidden = [rng.uniform(-1, 1) for _ in range(n_hidden)]
    return x, w_hidden, b_hidden, w_out, [rng.uniform(-1, 1) for _ in range(n_out)]


def _without_biases(x, w_hidden, b_hidden, w_out, b_out):
    return feed_forward(x, w_hidden, [0.0] * len(b_hidden), w_out, [0.0] * len(b_out))[3]


def check_feed_forward(c):
    rng = rng_for(5, c.seed)
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


def ref_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    """One epoch of article 001's backpropagate, with the slope a * (1 - a); the new weights."""
    net = NeuralNet(_one_epoch(x, y, b_hidden, learning_rate))
    return tuple(net.backpropagate(x, y, w_hidden, b_hidden, w_out, b_out))


def _one_epoch(x, y, b_hidden, learning_rate):
    """The config of a network shaped as the arguments, that backpropagates for one epoch."""
    return NeuralNetConfig(input_neurons=len(x[0]), output_neurons=len(y[0]),
                           hidden_neurons=len(b_hidden), num_epochs=1, learning_rate=learning_rate)


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
    net = NeuralNet(_one_epoch(x, y, b_hidden, learning_rate), slope=sigmoid_prime)
    return tuple(net.backpropagate(x, y, w_hidden, b_hidden, w_out, b_out))


def backpropagate_averaged(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    """The step with the mean adjustment over the n samples, not their sum: a usual slip.

    The mean is the sum divided by n, so this is gophernet's step with learning rate lr / n.

    >>> args = ([[0.0], [1.0]], [[1.0], [1.0]], [[0.0]], [0.0], [[0.0]], [0.0], 1.0)
    >>> ref_backpropagate(*args)[3], backpropagate_averaged(*args)[3]  # each output delta is 0.125
    ([0.25], [0.125])
    """
    return ref_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate / len(x))


def backpropagate_with_updated_w_out(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    """The step with the hidden layer's error taken through w_out after its update: a usual slip.

    The output layer's half is gophernet's. The hidden half follows its
    lines, with errorAtHiddenLayer = dOutput . wOut^T computed from the new
    wOut; gophernet computes every delta before any update, so it cannot be
    asked for this.

    >>> args = ([[1.0]], [[1.0]], [[0.0]], [0.0], [[0.0]], [0.0], 1.0)
    >>> ref_backpropagate(*args)[0], backpropagate_with_updated_w_out(*args)[0]  # w_out was 0
    ([[0.0]], [[0.001953125]])
    """
    _, _, new_w_out, new_b_out = ref_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate)
    _, hidden, _, output = feed_forward(x, w_hidden, b_hidden, w_out, b_out)
    slope_output, slope_hidden = (apply(sigmoid_prime_from_output, a) for a in (output, hidden))
    d_output = [mul_elem(vec_sub(t, o), s) for t, o, s in zip(y, output, slope_output)]
    error_at_hidden = mat_mul(d_output, transpose(new_w_out))  # the slip: the updated w_out
    d_hidden = [mul_elem(e, s) for e, s in zip(error_at_hidden, slope_hidden)]
    w_hidden_adj = mat_mul(transpose(x), d_hidden)
    new_w_hidden = [vec_add(w, scalar_mul(learning_rate, adj)) for w, adj in zip(w_hidden, w_hidden_adj)]
    new_b_hidden = vec_add(b_hidden, scalar_mul(learning_rate, sum_along_axis(0, d_hidden)))
    return new_w_hidden, new_b_hidden, new_w_out, new_b_out


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
    rng = rng_for(6, c.seed)
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
        (lambda a, e, r: len(a[0]) > 1 and close(list(r), list(backpropagate_averaged(*a)), rel=1e-6),
         "the adjustments are means over the samples (divided by the number of rows): article 001 "
         "sums them, as the matrix products x^T . d and sumAlongAxis do"),
        (lambda a, e, r: close(list(r), list(backpropagate_with_updated_w_out(*a)), rel=1e-6),
         "the hidden layer's error used w_out after its update: compute d_out . w_out^T (and every "
         "delta) with the w_out you were given, before changing any weight"),
        (lambda a, e, r: all(isinstance(b, list) and b and isinstance(b[0], list) for b in (r[1], r[3]))
         and close([r[1][0], r[3][0]], [e[1], e[3]]),
         "the biases are right but came back as 1-row matrices, as the Go keeps them: return "
         "b_hidden and b_out as flat lists, one number per neuron"),
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
         "one row per sample, w_hidden is inputs x hidden, w_out is hidden x outputs. The biases "
         "are flat lists, one number per neuron: b_hidden has one per hidden neuron, b_out one per "
         "output (the article's 1-row matrices). Return the output, one row per sample.",
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
    hints=(
        "Work one layer at a time and one row of x at a time: a row times a weight matrix gives "
        "one number per neuron of the next layer.",
        "Hidden neuron j gets the sum over i of row[i] * w_hidden[i][j], plus b_hidden[j], "
        "through the sigmoid. The biases are flat lists: b_hidden[j] is one number, added to "
        "neuron j in every row.",
        "The output layer does the same with the hidden row, w_out and b_out. Return a list of "
        "rows, one output row per row of x, even for a single sample.",
    ),
)

BACKPROPAGATE = Exercise(
    number=6, slug="backpropagate", title="One step of backpropagation, gophernet's core",
    text="Write one epoch of article 001's backpropagate: feed forward, the errors and deltas, "
         "then add learning_rate times each adjustment, summed (not averaged) over the samples. "
         "Return (w_hidden, b_hidden, w_out, b_out), shaped as exercise 5's: the weights are "
         "lists of rows, and the biases are flat lists, one number per neuron. Use the slope "
         "a * (1 - a) of the activations a, not sigmoidPrime(a).",
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
    solution=[_one_epoch, NeuralNet.backpropagate],
    hints=(
        "Begin with exercise 5's forward pass, but keep the hidden activations as well as the "
        "output: the step needs both.",
        "Output layer first: its delta is (y - output) times output * (1 - output), entry by "
        "entry. The hidden layer's error is that delta times the transpose of w_out; times "
        "hidden * (1 - hidden), entry by entry, it is the hidden delta.",
        "Compute both deltas before changing any weight (the hidden error uses the w_out you "
        "were given). Then each weight matrix grows by learning_rate times its layer's input, "
        "transposed, times its delta; each bias by learning_rate times the column sums of its "
        "delta: sums over the samples, not means.",
    ),
)
