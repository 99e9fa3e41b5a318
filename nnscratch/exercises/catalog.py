"""The exercises, in teaching order: what to write, the Go it mirrors, and how it is checked.

Each ``Exercise`` has a text, the skeleton's functions, the library's own
implementation (its reference answer), and ``check(checker)``, which runs
fixed, edge and seeded random cases (and finite differences where there is a
gradient) against that reference.
"""

import inspect
import math
import os
import random
import tempfile
from collections import namedtuple

from ..reading import vector
from ..maths.activations import sigmoid as ref_sigmoid
from ..maths.activations import sigmoid_prime as ref_sigmoid_prime
from ..maths.activations import softmax as ref_softmax
from ..data.tables import _csv_reader, _read_csv, load_csv
from ..maths.losses import COMBINED, LOSSES
from ..engine.network import Network
from ..reading.gophernet import NeuralNet, NeuralNetConfig, feed_forward
from ..maths.optimizers import Adam, Momentum
from ..reading.perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron
from .checking import close

__all__ = ["Exercise", "Function", "EXERCISES", "by_number", "solution_source"]

#: A function the student writes: its name, parameters, and docstring.
Function = namedtuple("Function", "name params doc")


class Exercise:
    def __init__(self, number, slug, title, text, go, maths, functions, check, reference, solution):
        self.number, self.slug, self.title = number, slug, title
        self.text, self.go, self.maths = text, go, maths
        self.functions = functions
        self.check = check  # check(checker): runs every case
        self.reference = reference  # name -> a function built on the library, the checks' reference answer
        self.solution = solution  # the library's own code to show: functions and methods

    @property
    def filename(self):
        return "ex%02d_%s.py" % (self.number, self.slug)


def rng_for(number):
    """The seeded generator of an exercise's random cases: the same cases on every run."""
    return random.Random(1000 + number)


# ----- 1. vectors ---------------------------------------------------------------------

def _check_vectors(c):
    rng = rng_for(1)
    dot_hints = [
        (lambda a, e, r: close(r, e + 1), "the sum started at 1: start it at 0"),
        (lambda a, e, r: isinstance(r, list), "a dot product is one number: add up the products"),
        (lambda a, e, r: close(r, sum(a[0]) + sum(a[1])), "you added all the numbers: multiply pairs, then add"),
        (lambda a, e, r: close(r, sum(a[0]) * sum(a[1])), "you multiplied the two sums: add the products of pairs"),
    ]
    cases = [("fixed", ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])), ("edge: empty", ([], [])),
             ("edge: negatives and zeros", ([-1.5, 0.0, 2.0], [2.0, 7.0, -0.25]))]
    cases += [("random %d" % k, ([rng.uniform(-5, 5) for _ in range(n)], [rng.uniform(-5, 5) for _ in range(n)]))
              for k, n in enumerate((1, 4, 17))]
    for label, args in cases:
        c.case("dot", label, args, vector.dot(*args), returns="number", hints=dot_hints)
    add_hints = [
        (lambda a, e, r: close(r, [x - y for x, y in zip(*a)]), "you subtracted: vecAdd adds v1[i] + v2[i]"),
        (lambda a, e, r: len(r) != len(e), "the result must have one number per position of the inputs"),
    ]
    for label, args in cases:
        c.case("vec_add", label, args, vector.vec_add(*args), returns="list", hints=add_hints)
    mul_hints = [
        (lambda a, e, r: close(r, [a[0] + x for x in a[1]]), "you added s: scalarMatMul multiplies every entry by s"),
        (lambda a, e, r: close(r, a[1]), "the vector came back unchanged: multiply each entry by s"),
    ]
    for label, args in [("fixed", (2.0, [1.0, -0.5, 3.0])), ("edge: zero", (0.0, [1.0, 2.0])),
                        ("edge: empty", (3.0, [])), ("random", (rng.uniform(-3, 3), [rng.uniform(-9, 9) for _ in range(6)]))]:
        c.case("scalar_mul", label, args, vector.scalar_mul(*args), returns="list", hints=mul_hints)


# ----- 2. sigmoid ---------------------------------------------------------------------

def _sigmoid_twice(z):
    return ref_sigmoid_prime(ref_sigmoid(z))


def _check_sigmoid(c):
    rng = rng_for(2)
    sig_hints = [
        (lambda a, e, r: isinstance(r, Exception) and "verflow" in str(r),
         "math.exp overflows past about 709: for z < 0 compute e^z / (1 + e^z), which never overflows"),
        (lambda a, e, r: close(r, 1 / (1 + math.exp(a[0]))), "sign: sigma(z) = 1 / (1 + e^-z), with a minus"),
    ]
    for label, z in [("fixed: 0", 0.0), ("fixed: 2", 2.0), ("fixed: -3", -3.0), ("edge: -1000", -1000.0),
                     ("edge: 1000", 1000.0), ("edge: -710", -710.0)] + [
            ("random %d" % k, rng.uniform(-30, 30)) for k in range(3)]:
        c.case("sigmoid", label, (z,), ref_sigmoid(z), returns="number", hints=sig_hints)
    prime_hints = [
        (lambda a, e, r: close(r, _sigmoid_twice(a[0])),
         "the derivative applied to the activation twice: sigmoid_prime(z) is sigma(z) * (1 - sigma(z)); "
         "calling it on sigma(z) (as article 001 does) applies the sigmoid again"),
        (lambda a, e, r: close(r, a[0] * (1 - a[0])), "z * (1 - z) is the derivative written with the output a = "
                                                     "sigma(z): compute a = sigma(z) first"),
        (lambda a, e, r: isinstance(r, Exception), "sigmoid_prime must work for every z: build it on a stable sigmoid"),
    ]
    for label, z in [("fixed: 0", 0.0), ("fixed: 1.5", 1.5), ("edge: -1000", -1000.0), ("edge: 1000", 1000.0)] + [
            ("random %d" % k, rng.uniform(-8, 8)) for k in range(3)]:
        c.case("sigmoid_prime", label, (z,), ref_sigmoid_prime(z), returns="number", hints=prime_hints)
    for k in range(3):  # finite differences of the reference sigmoid
        z = rng.uniform(-4, 4)
        h = 1e-6
        numeric = (ref_sigmoid(z + h) - ref_sigmoid(z - h)) / (2 * h)
        c.case("sigmoid_prime", "finite difference %d: (sigma(z+h) - sigma(z-h)) / 2h" % k, (z,), numeric,
               returns="number", hints=prime_hints, compare=lambda r, e: close(r, e, rel=1e-6, abs_=1e-9))


# ----- 3. the perceptron's forward pass and gradients ----------------------------------

def _perceptron(weights, bias):
    p = Perceptron([], [], epochs=0)
    p.weights, p.bias = list(weights), bias
    return p


def ref_forward_pass(weights, bias, x):
    """Article 003's forwardPass: sigma(w . x + b)."""
    return _perceptron(weights, bias).forward_pass(x)


def ref_grad_w(weights, bias, x, y):
    """Article 003's gradW: -(pred - y) * pred * (1 - pred) * x."""
    return _perceptron(weights, bias).grad_w(x, y)


def ref_grad_b(weights, bias, x, y):
    """Article 003's gradB: -(pred - y) * pred * (1 - pred)."""
    return _perceptron(weights, bias).grad_b(x, y)


def _check_perceptron(c):
    rng = rng_for(3)
    cases = [("fixed", ([0.5, -0.25, 1.0], 0.1, [1.0, 2.0, 3.0], 1.0)),
             ("edge: zero weights", ([0.0, 0.0], 0.0, [1.0, 1.0], 0.0))]
    cases += [("random %d" % k, ([rng.uniform(-1, 1) for _ in range(4)], rng.uniform(-1, 1),
                                 [rng.uniform(-2, 2) for _ in range(4)], float(rng.random() < 0.5))) for k in range(3)]
    for label, (w, b, x, _) in cases:
        c.case("forward_pass", label, (w, b, x), ref_forward_pass(w, b, x), returns="number", hints=[
            (lambda a, e, r: close(r, vector.dot(a[0], a[2]) + a[1]), "the sigmoid is missing: return sigma(w . x + b)"),
            (lambda a, e, r: close(r, ref_sigmoid(vector.dot(a[0], a[2]))), "the bias is missing: sigma(w . x + b)"),
        ])
    for label, (w, b, x, y) in cases:
        p = ref_forward_pass(w, b, x)
        c.case("grad_w", label, (w, b, x, y), ref_grad_w(w, b, x, y), returns="list", hints=[
            (lambda a, e, r: close(r, [-v for v in e]), "sign: gradW returns -(pred - y) * pred * (1 - pred) * x, the "
                                                        "direction that lowers the error, so train can add it"),
            (lambda a, e, r, p=p: close(r, [-(p - a[3]) * v for v in a[2]]),
             "the sigmoid's slope pred * (1 - pred) is missing"),
        ])
        c.case("grad_b", label, (w, b, x, y), ref_grad_b(w, b, x, y), returns="number", hints=[
            (lambda a, e, r: close(r, -e), "sign: gradB is -(pred - y) * pred * (1 - pred)"),
            (lambda a, e, r, p=p: close(r, -(p - a[3])), "the sigmoid's slope pred * (1 - pred) is missing"),
        ])
    for k in range(2):  # grad_w is minus the gradient of (pred - y)^2 / 2
        w, b = [rng.uniform(-1, 1) for _ in range(3)], rng.uniform(-1, 1)
        x, y, h = [rng.uniform(-2, 2) for _ in range(3)], 1.0, 1e-6
        numeric = []
        for i in range(3):
            up, down = list(w), list(w)
            up[i] += h
            down[i] -= h
            numeric.append(-((ref_forward_pass(up, b, x) - y) ** 2 - (ref_forward_pass(down, b, x) - y) ** 2) / (4 * h))
        c.case("grad_w", "finite difference %d: minus the slope of (pred - y)^2 / 2" % k, (w, b, x, y), numeric,
               returns="list", compare=lambda r, e: close(r, e, rel=1e-6, abs_=1e-9))


# ----- 4. the perceptron's train loop -------------------------------------------------

def ref_train(input, actual_output, weights, bias, epochs, scale=None, sign=1.0):
    """Article 003's train from given starting weights; return (weights, bias)."""
    p = _perceptron(weights, bias)
    p.input, p.actual_output, p.epochs = input, actual_output, epochs
    if scale is None and sign == 1.0:
        p.train()
        return p.weights, p.bias
    n = len(actual_output)  # a wrong variant, to recognise a mistake
    for _ in range(epochs):
        dw, db = [0.0] * len(weights), 0.0
        for x, y in zip(input, actual_output):
            dw = vector.vec_add(dw, p.grad_w(x, y))
            db += p.grad_b(x, y)
        factor = (2 / n if scale is None else scale(n)) * sign
        p.weights = vector.vec_add(p.weights, vector.scalar_mul(factor, dw))
        p.bias += db * factor
    return p.weights, p.bias


def _check_train(c):
    rng = rng_for(4)
    start = [0.5, 0.25, 0.75]
    cases = [("fixed: 1 epoch on article 003's table", (TOY_INPUT, TOY_OUTPUT, start, 0.0, 1)),
             ("fixed: 1000 epochs, the article's run", (TOY_INPUT, TOY_OUTPUT, start, 0.0, 1000)),
             ("edge: 0 epochs", (TOY_INPUT, TOY_OUTPUT, start, 0.3, 0))]
    x = [[rng.uniform(-1, 1) for _ in range(2)] for _ in range(5)]
    cases.append(("random", (x, [float(r[0] > 0) for r in x], [rng.random(), rng.random()], 0.0, 20)))
    for label, args in cases:
        c.case("train", label, args, ref_train(*args), returns="tuple2", hints=[
            (lambda a, e, r: close(list(r), list(ref_train(*a, scale=lambda n: 1.0))), "the 2/n factor is missing"),
            (lambda a, e, r: close(list(r), list(ref_train(*a, scale=lambda n: 1.0 / n))),
             "the factor is 2/n, not 1/n: the mean squared error's derivative brings down the 2"),
            (lambda a, e, r: close(list(r), list(ref_train(*a, sign=-1.0))),
             "sign: grad_w and grad_b already point downhill, so add them (a learning-rate sign flipped)"),
        ], compare=lambda r, e: close(list(r), list(e)))


# ----- 5. the one-hidden-layer network's forward pass ------------------------------------

def ref_feed_forward(x, w_hidden, b_hidden, w_out, b_out):
    """Article 001's feed forward: sigma(sigma(x . w_hidden + b_hidden) . w_out + b_out)."""
    return feed_forward(x, w_hidden, b_hidden, w_out, b_out)[3]


def _random_net(rng, n, n_in, n_hidden, n_out):
    x = [[rng.uniform(0, 1) for _ in range(n_in)] for _ in range(n)]
    w_hidden = [[rng.uniform(-1, 1) for _ in range(n_hidden)] for _ in range(n_in)]
    w_out = [[rng.uniform(-1, 1) for _ in range(n_out)] for _ in range(n_hidden)]
    return x, w_hidden, [rng.uniform(-1, 1) for _ in range(n_hidden)], w_out, [rng.uniform(-1, 1) for _ in range(n_out)]


def _check_feed_forward(c):
    rng = rng_for(5)
    cases = [("fixed: 1 sample, 1-1-1", ([[2.0]], [[0.0]], [0.0], [[2.0]], [-1.0])),
             ("fixed: 2 samples, 4-3-3", _random_net(random.Random(1), 2, 4, 3, 3))]
    cases += [("random %d" % k, _random_net(rng, 5, 3, 4, 2)) for k in range(2)]
    for label, args in cases:
        c.case("feed_forward", label, args, ref_feed_forward(*args), returns="matrix", hints=[
            (lambda a, e, r: close(r, feed_forward(*a)[1]), "that is the hidden layer's activations: go on "
                                                            "through w_out and b_out to the output"),
            (lambda a, e, r: close(r, feed_forward(a[0], a[1], [0.0] * len(a[2]), a[3], [0.0] * len(a[4]))[3]),
             "the biases are missing: add b_hidden and b_out to every row"),
        ])


# ----- 6. backpropagate ---------------------------------------------------------------------

def ref_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    """One epoch of article 001's backpropagate, with the slope a * (1 - a); return the new weights."""
    config = NeuralNetConfig(input_neurons=len(x[0]), output_neurons=len(y[0]), hidden_neurons=len(b_hidden),
                             num_epochs=1, learning_rate=learning_rate)
    return tuple(NeuralNet(config).backpropagate(x, y, w_hidden, b_hidden, w_out, b_out))


def _variant_backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate, slope, sign=1.0):
    """The same step with another slope function or update sign: the usual mistakes, to recognise them."""
    _, hidden, _, output = feed_forward(x, w_hidden, b_hidden, w_out, b_out)
    d_output = [[(t - o) * slope(o) for t, o in zip(tr, orow)] for tr, orow in zip(y, output)]
    error_hidden = vector.mat_mul(d_output, vector.transpose(w_out))
    d_hidden = [[e * slope(a) for e, a in zip(er, ar)] for er, ar in zip(error_hidden, hidden)]
    lr = learning_rate * sign
    w_out = [[w + lr * g for w, g in zip(wr, gr)] for wr, gr in zip(w_out, vector.mat_mul(vector.transpose(hidden), d_output))]
    b_out = [b + lr * g for b, g in zip(b_out, vector.sum_along_axis(0, d_output))]
    w_hidden = [[w + lr * g for w, g in zip(wr, gr)] for wr, gr in zip(w_hidden, vector.mat_mul(vector.transpose(x), d_hidden))]
    b_hidden = [b + lr * g for b, g in zip(b_hidden, vector.sum_along_axis(0, d_hidden))]
    return w_hidden, b_hidden, w_out, b_out


def _check_backpropagate(c):
    rng = rng_for(6)
    nets = [("fixed: 1-1-1, one sample", ([[2.0]], [[1.0]], [[0.0]], [0.0], [[2.0]], [-1.0], 0.5))]
    for k in range(3):
        x, wh, bh, wo, bo = _random_net(rng, 4, 3, 4, 2)
        y = [[1.0, 0.0] if rng.random() < 0.5 else [0.0, 1.0] for _ in x]
        nets.append(("random %d" % k, (x, y, wh, bh, wo, bo, 0.3)))
    hints = [
        (lambda a, e, r: close(list(r), list(_variant_backpropagate(*a, slope=lambda v: ref_sigmoid_prime(v))),
                               rel=1e-6),
         "the derivative applied to the activation twice: article 001 calls sigmoidPrime(output), and output is "
         "already sigma(z); the slope is output * (1 - output)"),
        (lambda a, e, r: close(list(r), list(_variant_backpropagate(*a, slope=lambda v: v * (1 - v), sign=-1.0)),
                               rel=1e-6),
         "learning-rate sign: network_error is y - output, so the adjustments are added (w += lr * adj)"),
        (lambda a, e, r: close([r[0], r[2]], [e[0], e[2]]) and not close([r[1], r[3]], [e[1], e[3]]),
         "the weights are right but the biases are not: b += lr * sum_along_axis(0, d)"),
    ]
    for label, args in nets:
        c.case("backpropagate", label, args, ref_backpropagate(*args), returns="tuple4", hints=hints,
               compare=lambda r, e: close(list(r), list(e)))
    # Finite differences: the step is -lr times the gradient of E = 1/2 sum (y - output)^2.
    x, wh, bh, wo, bo = _random_net(rng, 3, 2, 3, 2)
    y = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    lr, h = 0.1, 1e-6
    start = (wh, bh, wo, bo)

    def loss(params):
        out = feed_forward(x, *params)[3]
        return 0.5 * sum((t - o) ** 2 for tr, orow in zip(y, out) for t, o in zip(tr, orow))

    expected = []
    for p, param in enumerate(start):
        rows = param if isinstance(param[0], list) else [param]
        moved_rows = []
        for i, row in enumerate(rows):
            moved = []
            for j in range(len(row)):
                values = []
                for delta in (h, -h):
                    trial = [[list(r) for r in m] if isinstance(m[0], list) else list(m) for m in start]
                    (trial[p][i] if isinstance(param[0], list) else trial[p])[j] += delta
                    values.append(loss(trial))
                moved.append(row[j] - lr * (values[0] - values[1]) / (2 * h))
            moved_rows.append(moved)
        expected.append(moved_rows if isinstance(param[0], list) else moved_rows[0])
    c.case("backpropagate", "finite difference: each weight moves by -lr * dE/dw", (x, y, wh, bh, wo, bo, lr),
           tuple(expected), returns="tuple4", hints=hints,
           compare=lambda r, e: close(list(r), list(e), rel=1e-6, abs_=1e-9))


# ----- 7. softmax and cross-entropy ----------------------------------------------------------

def ref_cross_entropy(a, y):
    """-sum y log a."""
    return LOSSES["cross_entropy"].function(a, y)


def ref_softmax_cross_entropy_gradient(z, y):
    """dL/dz of cross_entropy(softmax(z), y): a - y."""
    return [ai - yi for ai, yi in zip(ref_softmax(z), y)]


def _check_softmax(c):
    rng = rng_for(7)
    soft_hints = [
        (lambda a, e, r: isinstance(r, Exception), "math.exp overflows for large z: subtract max(z) from every z "
                                                   "first (the result does not change)"),
        (lambda a, e, r: close(r, [math.exp(v) for v in a[0]]), "divide each e^z by the sum of them all"),
    ]
    for label, z in [("fixed", [1.0, 2.0, 3.0]), ("edge: equal", [0.5, 0.5]), ("edge: 1000", [1000.0, 0.0, -1000.0]),
                     ("random", [rng.uniform(-5, 5) for _ in range(5)])]:
        c.case("softmax", label, (z,), ref_softmax(z), returns="list", hints=soft_hints)
    for label, (a, y) in [("fixed", ([0.25, 0.75], [0.0, 1.0])), ("fixed: 3 classes", ([0.2, 0.3, 0.5], [1.0, 0.0, 0.0]))]:
        c.case("cross_entropy", label, (a, y), ref_cross_entropy(a, y), returns="number", hints=[
            (lambda a, e, r: close(r, -e), "sign: the loss is minus the sum of y * log(a), a positive number"),
            (lambda a, e, r: close(r, -sum(t * math.log10(x) for x, t in zip(*a) if t)), "use the natural log (math.log)"),
        ])
    grad_hints = [
        (lambda a, e, r: close(r, [-t / x for x, t in zip(ref_softmax(a[0]), a[1])]),
         "that is dL/da; through the softmax it simplifies to a - y"),
        (lambda a, e, r: close(r, [-v for v in e]), "sign: dL/dz = a - y (output minus target)"),
    ]
    for k in range(3):
        z = [rng.uniform(-3, 3) for _ in range(4)]
        y = [1.0 if i == k else 0.0 for i in range(4)]
        c.case("softmax_cross_entropy_gradient", "random %d" % k, (z, y), ref_softmax_cross_entropy_gradient(z, y),
               returns="list", hints=grad_hints)
    z, y, h = [0.3, -1.1, 2.0], [0.0, 1.0, 0.0], 1e-6
    numeric = []
    for i in range(3):
        up, down = list(z), list(z)
        up[i] += h
        down[i] -= h
        numeric.append((ref_cross_entropy(ref_softmax(up), y) - ref_cross_entropy(ref_softmax(down), y)) / (2 * h))
    c.case("softmax_cross_entropy_gradient", "finite difference of cross_entropy(softmax(z), y)", (z, y), numeric,
           returns="list", hints=grad_hints, compare=lambda r, e: close(r, e, rel=1e-6, abs_=1e-9))


# ----- 8. one optimizer step -------------------------------------------------------------------

def ref_momentum_step(w, g, velocity, learning_rate, momentum):
    """v = momentum * v - lr * g; w += v. Returns (w, v)."""
    opt = Momentum(learning_rate, momentum)
    opt.velocity = [list(velocity)]
    rows = [list(w)]
    opt.step(rows, [list(g)])
    return rows[0], opt.velocity[0]


def ref_adam_step(w, g, m, v, t, learning_rate, beta1, beta2, epsilon):
    """Adam's step number t (from 1). Returns (w, m, v)."""
    opt = Adam(learning_rate, beta1, beta2, epsilon)
    opt.m, opt.v, opt.t = [list(m)], [list(v)], t - 1
    rows = [list(w)]
    opt.step(rows, [list(g)])
    return rows[0], opt.m[0], opt.v[0]


def _adam_without_correction(w, g, m, v, t, lr, b1, b2, eps):
    m = [b1 * x + (1 - b1) * d for x, d in zip(m, g)]
    v = [b2 * x + (1 - b2) * d * d for x, d in zip(v, g)]
    return [x - lr * a / (math.sqrt(b) + eps) for x, a, b in zip(w, m, v)], m, v


def _check_optimizers(c):
    rng = rng_for(8)
    cases = [("fixed: first step", ([1.0, -2.0], [0.5, 0.25], [0.0, 0.0], 0.1, 0.9)),
             ("fixed: with velocity", ([1.0], [1.0], [-0.1], 0.1, 0.9)),
             ("random", ([rng.uniform(-1, 1) for _ in range(4)], [rng.uniform(-1, 1) for _ in range(4)],
                         [rng.uniform(-0.1, 0.1) for _ in range(4)], 0.05, 0.8))]
    for label, args in cases:
        c.case("momentum_step", label, args, ref_momentum_step(*args), returns="tuple2", hints=[
            (lambda a, e, r: close(list(r[1]), [a[4] * v + a[3] * d for v, d in zip(a[2], a[1])]),
             "sign: the velocity moves against the gradient: v = momentum * v - lr * g"),
            (lambda a, e, r: close(list(r[0]), list(a[0])), "the weights did not move: w += v"),
        ], compare=lambda r, e: close(list(r), list(e)))
    cases = [("fixed: step 1", ([1.0], [4.0], [0.0], [0.0], 1, 0.1, 0.9, 0.999, 1e-8)),
             ("fixed: step 2", ([0.9], [-1.0], [0.4], [0.016], 2, 0.1, 0.9, 0.999, 1e-8)),
             ("random: step 7", ([rng.uniform(-1, 1) for _ in range(3)], [rng.uniform(-1, 1) for _ in range(3)],
                                 [rng.uniform(-0.1, 0.1) for _ in range(3)], [rng.uniform(0, 0.01) for _ in range(3)],
                                 7, 0.01, 0.9, 0.999, 1e-8))]
    for label, args in cases:
        c.case("adam_step", label, args, ref_adam_step(*args), returns="tuple3", hints=[
            (lambda a, e, r: close(list(r), list(_adam_without_correction(*a))),
             "the bias correction is missing: divide m by (1 - beta1^t) and v by (1 - beta2^t) before the step"),
            (lambda a, e, r: close(list(r[0]), [2 * x - y for x, y in zip(a[0], e[0])]), "sign: w -= lr * m_hat / "
                                                                                          "(sqrt(v_hat) + eps)"),
        ], compare=lambda r, e: close(list(r), list(e)))


# ----- 9. mini-batches and early stopping ----------------------------------------------------

def ref_batches(rows, batch_size):
    """Consecutive batches of batch_size rows; the last may be smaller."""
    return [rows[i:i + batch_size] for i in range(0, len(rows), batch_size)]


def ref_early_stop(val_losses, patience):
    """(stop, best_epoch): stop when the best validation loss (epochs from 1) is patience epochs old."""
    best = min(range(len(val_losses)), key=lambda i: (val_losses[i], i))
    return len(val_losses) - 1 - best >= patience, best + 1


def _check_batches(c):
    rng = rng_for(9)
    rows = [[float(i)] for i in range(10)]
    for label, args in [("fixed: 10 rows in 3s", (rows, 3)), ("edge: one batch", (rows, 10)),
                        ("edge: bigger than the data", (rows[:2], 5)), ("edge: batches of 1", (rows[:3], 1))]:
        c.case("batches", label, args, ref_batches(*args), returns="matrix", hints=[
            (lambda a, e, r: len(r) == len(e) - 1, "the last, smaller batch is missing: keep it, or those rows "
                                                   "are never trained on"),
        ])
    cases = [("fixed: still improving", ([1.0, 0.8, 0.7], 2)), ("fixed: patience runs out", ([1.0, 0.6, 0.7, 0.65], 2)),
             ("edge: one epoch", ([0.5], 1)), ("edge: a tie keeps the first", ([0.5, 0.4, 0.4, 0.45], 2))]
    losses = [rng.uniform(0.2, 1.0) for _ in range(8)]
    cases.append(("random", (losses, 3)))
    for label, args in cases:
        c.case("early_stop", label, args, ref_early_stop(*args), returns="tuple2", hints=[
            (lambda a, e, r: r[0] == e[0] and r[1] == e[1] - 1, "count epochs from 1: the first epoch is epoch 1"),
            (lambda a, e, r: r[1] == e[1] and r[0] != e[0], "off by one: stop when the best epoch is patience "
                                                            "epochs back (epochs since best >= patience)"),
        ], compare=lambda r, e: tuple(r) == tuple(e))


# ----- 10. reading the articles' CSV ----------------------------------------------------------

def ref_read_csv(path, n_labels):
    """Article 001's CSV: a header, features, then n_labels one-hot columns. Returns (inputs, labels)."""
    data = load_csv(path, one_hot=n_labels)
    return data.inputs, data.labels


def _check_read_csv(c):
    rng = rng_for(10)
    folder = tempfile.mkdtemp(prefix="nnscratch-ex10-")
    files = [("fixed: 3 rows of the articles' layout", "a,b,c,d,setosa,virginica,versicolor\n"
              "0.1,0.2,0.3,0.4,1.0,0.0,0.0\n0.5,0.6,0.7,0.8,0.0,1.0,0.0\n0.9,1.0,0.0,0.5,0.0,0.0,1.0\n", 3),
             ("edge: one row, two labels", "x,yes,no\n7,1,0\n", 2)]
    lines = ["%r,%r,%s" % (rng.random(), rng.random(), "1,0" if rng.random() < 0.5 else "0,1") for _ in range(6)]
    files.append(("random", "f1,f2,l1,l2\n" + "\n".join(lines) + "\n", 2))
    for k, (label, text, n_labels) in enumerate(files):
        path = os.path.join(folder, "data%d.csv" % k)
        with open(path, "w") as f:
            f.write(text)
        c.case("read_csv", label, (path, n_labels), ref_read_csv(path, n_labels), returns="tuple2", hints=[
            (lambda a, e, r: len(r[0]) == len(e[0]) + 1 and not any(r[0][-1]),
             "one row too many, all zeros: the header line was counted when sizing the matrices "
             "(gophernet's slip); the data has one row fewer than the file has lines"),
            (lambda a, e, r: len(r[0]) == len(e[0]) + 1, "one row too many: skip the header line"),
            (lambda a, e, r: close(list(r), [e[1], e[0]]), "inputs and labels are swapped"),
        ], compare=lambda r, e: close(list(r), list(e)),
            show_call="read_csv(<%s>, %d)" % (label.split(":")[0], n_labels))


# ----- the catalog -------------------------------------------------------------------------------

EXERCISES = [
    Exercise(1, "vectors", "Vector helpers: dot, vec_add, scalar_mul",
             "Write the three list helpers article 003 builds first. Vectors are lists of floats of the same "
             "length.",
             'Article 003, "Before we start": dotProduct(v1, v2) loops dot += v1[i] * v2[i]; vecAdd sets '
             'add[i] = v1[i] + v2[i]; scalarMatMul sets result[i] += s * mat[i].',
             "dot(u, v) = sum_i u_i v_i;  vec_add(u, v)_i = u_i + v_i;  scalar_mul(s, v)_i = s v_i",
             [Function("dot", "v1, v2", "Return the dot product: the sum of v1[i] * v2[i]."),
              Function("vec_add", "v1, v2", "Return a new list: v1[i] + v2[i] at each position."),
              Function("scalar_mul", "s, v", "Return a new list: s * v[i] at each position.")],
             _check_vectors, {"dot": vector.dot, "vec_add": vector.vec_add, "scalar_mul": vector.scalar_mul},
             [vector.dot, vector.vec_add, vector.scalar_mul]),
    Exercise(2, "sigmoid", "The sigmoid and its derivative, for every float",
             "Write the sigmoid and its derivative. They must not fail for any float: Python's math.exp raises "
             "OverflowError past about 709, where Go's math.Exp returns +Inf.",
             'Article 001, "Defining Useful Functions and Types": sigmoid(x) = 1.0 / (1.0 + math.Exp(-x)); '
             "sigmoidPrime(x) = sigmoid(x) * (1.0 - sigmoid(x)).",
             "sigma(z) = 1 / (1 + e^-z) = e^z / (1 + e^z);  sigma'(z) = sigma(z) (1 - sigma(z))",
             [Function("sigmoid", "z", "Return 1 / (1 + e^-z), without overflowing for any float z."),
              Function("sigmoid_prime", "z", "Return the sigmoid's derivative at z: sigma(z) * (1 - sigma(z)).")],
             _check_sigmoid, {"sigmoid": ref_sigmoid, "sigmoid_prime": ref_sigmoid_prime}, [ref_sigmoid, ref_sigmoid_prime]),
    Exercise(3, "perceptron", "The perceptron's forward pass and gradients",
             "Write the perceptron's forward pass and the two gradient steps, as functions of the weights and "
             "bias. Use your sigmoid from exercise 2 (copy it in).",
             'Article 003, "Forward Propagation" and "The Learning Algorithm": forwardPass returns '
             "sigmoid(dotProduct(weights, x) + bias); gradW returns scalarMatMul(-(pred-y)*pred*(1-pred), x); "
             "gradB returns -(pred - y) * pred * (1 - pred).",
             "pred = sigma(w . x + b);  grad_w = -(pred - y) pred (1 - pred) x;  grad_b = -(pred - y) pred (1 - pred)",
             [Function("forward_pass", "weights, bias, x", "Return sigma(w . x + b) for one input row x."),
              Function("grad_w", "weights, bias, x, y", "Return the list -(pred - y) * pred * (1 - pred) * x[i]."),
              Function("grad_b", "weights, bias, x, y", "Return the number -(pred - y) * pred * (1 - pred).")],
             _check_perceptron, {"forward_pass": ref_forward_pass, "grad_w": ref_grad_w, "grad_b": ref_grad_b},
             [Perceptron.forward_pass, Perceptron.grad_w, Perceptron.grad_b]),
    Exercise(4, "train", "The perceptron's train loop",
             "Write train: each epoch, add up grad_w and grad_b over every row, scale the sums by 2/n, and add "
             "them to the weights and bias. Return (weights, bias). Copy in your functions from exercise 3.",
             'Article 003, "The Learning Algorithm", train(): dw = vecAdd(dw, gradW(...)) and db += gradB(...) '
             "over the rows, then weights = vecAdd(weights, scalarMatMul(2/n, dw)); bias += db * 2/n.",
             "w <- w + (2/n) sum_rows grad_w;  b <- b + (2/n) sum_rows grad_b   (no learning rate)",
             [Function("train", "input, actual_output, weights, bias, epochs",
                       "Run epochs passes from the given weights and bias; return (weights, bias).")],
             _check_train, {"train": ref_train}, [Perceptron.train]),
    Exercise(5, "feed_forward", "The forward pass of the one-hidden-layer network",
             "Write the feed-forward pass of article 001's network. Matrices are lists of rows: x has one row per "
             "sample, w_hidden is inputs x hidden, w_out is hidden x outputs. Return the output, one row per sample.",
             'Article 001, "Implementing Backpropagation": hiddenLayerInput.Mul(x, wHidden), add bHidden, apply '
             "sigmoid; outputLayerInput.Mul(hiddenLayerActivations, wOut), add bOut, apply sigmoid.",
             "hidden = sigma(x . w_hidden + b_hidden);  output = sigma(hidden . w_out + b_out)",
             [Function("feed_forward", "x, w_hidden, b_hidden, w_out, b_out",
                       "Return the network's output: one row of outputs per row of x.")],
             _check_feed_forward, {"feed_forward": ref_feed_forward}, [feed_forward]),
    Exercise(6, "backpropagate", "One step of backpropagation, gophernet's core",
             "Write one epoch of article 001's backpropagate: feed forward, the errors and deltas, then add "
             "learning_rate times each adjustment. Return (w_hidden, b_hidden, w_out, b_out). Use the slope "
             "a * (1 - a) of the activations a, not sigmoidPrime(a).",
             'Article 001, "Implementing Backpropagation": networkError = y - output; dOutput = networkError * '
             "slopeOutputLayer; errorAtHiddenLayer = dOutput . wOut^T; dHiddenLayer = errorAtHiddenLayer * "
             "slopeHiddenLayer; wOut += lr * hiddenLayerActivations^T . dOutput; bOut += lr * sumAlongAxis(0, "
             "dOutput); and the same for wHidden (with x^T) and bHidden.",
             "d_out = (y - out) * out (1 - out);  d_hid = (d_out . w_out^T) * hid (1 - hid);  w += lr * input^T . d",
             [Function("backpropagate", "x, y, w_hidden, b_hidden, w_out, b_out, learning_rate",
                       "Return the weights and biases after one epoch: (w_hidden, b_hidden, w_out, b_out).")],
             _check_backpropagate, {"backpropagate": ref_backpropagate}, [NeuralNet.backpropagate]),
    Exercise(7, "softmax", "Softmax with cross-entropy, and its gradient",
             "Write softmax (stable for large z), the cross-entropy loss, and the gradient of "
             "cross_entropy(softmax(z), y) with respect to z. Article 002 lists these as the next steps.",
             'Article 002, "Improvement Directions": other activation and loss functions; article 003, "The '
             'Learning Algorithm": "cross-entropy for classification problems".',
             "a_i = e^z_i / sum_j e^z_j;  L = -sum_i y_i log a_i;  dL/dz = a - y",
             [Function("softmax", "z", "Return the softmax of the list z (it sums to 1)."),
              Function("cross_entropy", "a, y", "Return -sum(y[i] * log(a[i])) for a one-hot y."),
              Function("softmax_cross_entropy_gradient", "z, y",
                       "Return dL/dz for L = cross_entropy(softmax(z), y).")],
             _check_softmax, {"softmax": ref_softmax, "cross_entropy": ref_cross_entropy,
                              "softmax_cross_entropy_gradient": ref_softmax_cross_entropy_gradient},
             [ref_softmax, LOSSES["cross_entropy"].function, COMBINED["softmax", "cross_entropy"]]),
    Exercise(8, "optimizers", "One optimizer step: momentum, then Adam",
             "Write one step of gradient descent with momentum, then one step of Adam, on a list of weights w "
             "with gradients g. Return the new state as a tuple.",
             'Article 002, "Improvement Directions": "optimizers (e.g., Adam)"; article 001 uses plain SGD '
             "(wOut.Add(wOut, wOutAdj)).",
             "momentum: v = mu v - lr g, w = w + v;  adam: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, "
             "w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)",
             [Function("momentum_step", "w, g, velocity, learning_rate, momentum", "Return (w, velocity) after one step."),
              Function("adam_step", "w, g, m, v, t, learning_rate, beta1, beta2, epsilon",
                       "Step number t (from 1); return (w, m, v) after it.")],
             _check_optimizers, {"momentum_step": ref_momentum_step, "adam_step": ref_adam_step}, [Momentum.step, Adam.step]),
    Exercise(9, "batches", "Mini-batches and early stopping",
             "Write batches: split rows into consecutive batches. Write early_stop: given the validation loss of "
             "each epoch so far, say whether to stop and which epoch (from 1) was best.",
             'Article 004: "For production environments, we need to consider batch processing, early stopping '
             'mechanisms, and proper error handling."',
             "batch k = rows[k b : (k + 1) b];  stop when (epochs so far - best epoch) >= patience",
             [Function("batches", "rows, batch_size", "Return the list of batches; the last may be smaller."),
              Function("early_stop", "val_losses, patience",
                       "Return (stop, best_epoch); ties go to the earlier epoch; epochs count from 1.")],
             _check_batches, {"batches": ref_batches, "early_stop": ref_early_stop},
             [ref_batches, ref_early_stop]),
    Exercise(10, "read_csv", "Reading the articles' CSV file",
             "Write read_csv: the file has a header line, then feature columns, then n_labels one-hot columns. "
             "Return (inputs, labels), lists of rows of floats, one per data line.",
             'Article 001, "Putting It All Together": reader.ReadAll(), then inputsData := make([]float64, '
             "4*len(rawCSVData)); the loop skips the header (idx == 0) and fills the rest.",
             "inputs[r] = the first columns of data line r;  labels[r] = its last n_labels columns",
             [Function("read_csv", "path, n_labels", "Return (inputs, labels) read from the CSV file at path.")],
             _check_read_csv, {"read_csv": ref_read_csv}, [load_csv, _csv_reader, _read_csv]),
]


def by_number(number):
    for exercise in EXERCISES:
        if exercise.number == number:
            return exercise
    raise KeyError(number)


def solution_source(exercise):
    """The library's own code for an exercise, with where it lives: [(name, "file:line", source)]."""
    out = []
    for target in exercise.solution:
        try:
            source = inspect.getsource(target)
            where = "%s:%d" % (inspect.getsourcefile(target), inspect.getsourcelines(target)[1])
        except (OSError, TypeError):
            source, where = "(source not available)", "?"
        out.append((target.__qualname__, where, source))
    return out
