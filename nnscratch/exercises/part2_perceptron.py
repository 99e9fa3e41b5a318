"""Exercises 3 and 4: article 003's perceptron, its forward pass, gradients and train loop.

The references are ``nnscratch.reading.perceptron.Perceptron``'s own methods,
run from the weights and bias a case gives. The usual mistakes are that same
code: the sigmoid applied twice is a ``Perceptron`` whose forward pass applies
it again, and the mistakes of ``train`` (no 2/n, 1/n, the sign, a step after
every row) are its ``train`` with every step scaled, or run one row at a time.
"""

from ..maths.activations import sigmoid, sigmoid_prime
from ..reading.perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron
from ..reading.vector import dot, scalar_mul
from .checking import close
from .exercise import Exercise, Function, numeric_gradient, rng_for

__all__ = ["PERCEPTRON", "TRAIN", "ref_forward_pass", "ref_grad_w", "ref_grad_b", "ref_train",
           "train_with_steps_times", "train_row_by_row", "grad_b_with_slope_of_pred"]


def _perceptron(weights, bias, kind=Perceptron):
    """A perceptron (of class kind) holding the given weights and bias, ready for forward_pass."""
    p = kind([], [], epochs=0)
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


def ref_train(input, actual_output, weights, bias, epochs):
    """Article 003's train from given starting weights; return (weights, bias)."""
    return _trained(_perceptron(weights, bias), input, actual_output, epochs)


def _trained(p, input, actual_output, epochs):
    """Train p on the table for epochs passes; return its (weights, bias)."""
    p.input, p.actual_output, p.epochs = input, actual_output, epochs
    p.train()
    return p.weights, p.bias


class _SigmoidTwice(Perceptron):
    """A perceptron whose forward pass applies the sigmoid twice: sigma(sigma(w . x + b)).

    Its inherited grad_w and grad_b then use that prediction, as a student's
    gradients do when they call a forward_pass with that slip.
    """

    def forward_pass(self, x):
        return sigmoid(super().forward_pass(x))


def grad_b_with_slope_of_pred(weights, bias, x, y):
    """gradB with the slope sigmoid_prime(pred) = sigma(pred) (1 - sigma(pred)): article 001's slip.

    pred is already sigma(w . x + b), so this applies the sigmoid a second time.

    >>> grad_b_with_slope_of_pred([0.0], 0.0, [1.0], 1.0)  # pred = 0.5: 0.5 * sigma'(0.5), not 0.5 * 0.25
    0.11750185610079725
    """
    pred = ref_forward_pass(weights, bias, x)
    return -(pred - y) * sigmoid_prime(pred)


class _ScaledSteps(Perceptron):
    """A perceptron whose grad_w and grad_b are multiplied by ``factor``.

    Its inherited ``train`` then moves the weights by factor * 2/n times the
    summed steps: the article's loop, with another factor in front.
    """

    def __init__(self, factor):
        super().__init__([], [], epochs=0)
        self.factor = factor

    def grad_w(self, x, y):
        return scalar_mul(self.factor, super().grad_w(x, y))

    def grad_b(self, x, y):
        return self.factor * super().grad_b(x, y)


def train_with_steps_times(factor, input, actual_output, weights, bias, epochs):
    """Article 003's train with every update multiplied by factor: a usual mistake, from its loop.

    factor n/2 cancels the 2/n, 1/2 turns it into 1/n, -1 flips the sign.
    """
    p = _ScaledSteps(factor)
    p.weights, p.bias = list(weights), bias
    return _trained(p, input, actual_output, epochs)


def train_row_by_row(factor, input, actual_output, weights, bias, epochs):
    """Article 003's train with the weights moved after every row, not once per epoch: a usual slip.

    Each row is an epoch of ``train_with_steps_times(factor, ...)`` on a
    one-row table (where 2/n is 2): factor 1/n moves the weights by (2/n)
    grad_w after each row, factor 1/2 by grad_w itself.

    >>> train_row_by_row(0.5, [[1.0]], [1.0], [0.0], 0.0, 1)  # pred = 0.5: a step of 0.5 * 0.5 * 0.5
    ([0.125], 0.125)
    """
    for _ in range(epochs):
        for x, y in zip(input, actual_output):
            weights, bias = train_with_steps_times(factor, [x], [y], weights, bias, 1)
    return weights, bias


#: What the checks say when the prediction has the sigmoid applied twice, and when the slope does.
TWICE = ("the sigmoid is applied twice: sigma(sigma(w . x + b)); w . x + b goes through it once "
         "(applying it again to a value that is already an activation is article 001's slip)")
TWICE_IN_PRED = ("pred has the sigmoid applied twice, sigma(sigma(w . x + b)): look at "
                 "forward_pass, which the gradients use; w . x + b goes through the sigmoid once")
SLOPE_OF_PRED = ("the slope is sigmoid_prime(pred) = sigma(pred) * (1 - sigma(pred)), which applies "
                 "the sigmoid again to pred, already sigma(w . x + b) (article 001's slip): the "
                 "slope is pred * (1 - pred)")


def _gradient_hints(name, slope_of_pred, slope_missing):
    """The hints of grad_w or grad_b (name); slope_of_pred(a) and slope_missing(a) are two slips."""
    sign = {"grad_w": "sign: gradW returns -(pred - y) * pred * (1 - pred) * x, the direction that "
                      "lowers the error, so train can add it",
            "grad_b": "sign: gradB is -(pred - y) * pred * (1 - pred)"}[name]

    def twice(a):  # the library's own gradient, from a prediction with the sigmoid applied twice
        return getattr(_perceptron(a[0], a[1], _SigmoidTwice), name)(a[2], a[3])

    return [
        (lambda a, e, r: close(r, _times(-1.0, e)), sign),
        (lambda a, e, r: close(r, twice(a)), TWICE_IN_PRED),
        (lambda a, e, r: close(r, slope_of_pred(a)), SLOPE_OF_PRED),
        (lambda a, e, r: close(r, slope_missing(a)), "the sigmoid's slope pred * (1 - pred) is missing"),
    ]


def _times(s, value):
    """s * value, for a number or a list."""
    return scalar_mul(s, value) if isinstance(value, list) else s * value


def check_perceptron(c):
    rng = rng_for(3, c.seed)
    cases = [("fixed", ([0.5, -0.25, 1.0], 0.1, [1.0, 2.0, 3.0], 1.0)),
             ("edge: zero weights", ([0.0, 0.0], 0.0, [1.0, 1.0], 0.0))]
    for k in range(3):
        w, b = [rng.uniform(-1, 1) for _ in range(4)], rng.uniform(-1, 1)
        cases.append(("random %d" % k, (w, b, [rng.uniform(-2, 2) for _ in range(4)],
                                        float(rng.random() < 0.5))))
    forward_hints = [
        (lambda a, e, r: close(r, dot(a[0], a[2]) + a[1]),
         "the sigmoid is missing: return sigma(w . x + b)"),
        (lambda a, e, r: close(r, sigmoid(dot(a[0], a[2]))),
         "the bias is missing: sigma(w . x + b)"),
        (lambda a, e, r: close(r, sigmoid(e)), TWICE),
    ]
    for label, (w, b, x, _) in cases:
        c.case("forward_pass", label, (w, b, x), ref_forward_pass(w, b, x), returns="number",
               hints=forward_hints)
    # Two slips change the factor in front of x: grad_b's value, and grad_w's is x times it.

    def error(a):  # -(pred - y): the gradient with the slope left out
        return -(ref_forward_pass(*a[:3]) - a[3])

    w_hints = _gradient_hints("grad_w", lambda a: scalar_mul(grad_b_with_slope_of_pred(*a), a[2]),
                              lambda a: scalar_mul(error(a), a[2]))
    b_hints = _gradient_hints("grad_b", lambda a: grad_b_with_slope_of_pred(*a), error)
    for label, args in cases:
        c.case("grad_w", label, args, ref_grad_w(*args), returns="list", hints=w_hints)
        c.case("grad_b", label, args, ref_grad_b(*args), returns="number", hints=b_hints)
    for k in range(2):  # grad_w is minus the gradient of (pred - y)^2 / 2
        w, b = [rng.uniform(-1, 1) for _ in range(3)], rng.uniform(-1, 1)
        x, y = [rng.uniform(-2, 2) for _ in range(3)], 1.0
        slopes = numeric_gradient(lambda v: (ref_forward_pass(v, b, x) - y) ** 2 / 2, w)
        c.case("grad_w", "finite difference %d: minus the slope of (pred - y)^2 / 2" % k,
               (w, b, x, y), scalar_mul(-1.0, slopes), returns="list", hints=w_hints,
               compare=lambda r, e: close(r, e, rel=1e-6, abs_=1e-9))


def check_train(c):
    rng = rng_for(4, c.seed)
    start = [0.5, 0.25, 0.75]
    cases = [("fixed: 1 epoch on article 003's table", (TOY_INPUT, TOY_OUTPUT, start, 0.0, 1)),
             ("fixed: 1000 epochs, the article's run", (TOY_INPUT, TOY_OUTPUT, start, 0.0, 1000)),
             ("edge: 0 epochs", (TOY_INPUT, TOY_OUTPUT, start, 0.3, 0))]
    x = [[rng.uniform(-1, 1) for _ in range(2)] for _ in range(5)]
    weights = [rng.random(), rng.random()]
    cases.append(("random", (x, [float(r[0] > 0) for r in x], weights, 0.0, 20)))
    hints = [
        (lambda a, e, r: close(list(r), list(train_with_steps_times(len(a[1]) / 2, *a))),
         "the 2/n factor is missing"),
        (lambda a, e, r: close(list(r), list(train_with_steps_times(0.5, *a))),
         "the factor is 2/n, not 1/n: the mean squared error's derivative brings down the 2"),
        (lambda a, e, r: close(list(r), list(train_with_steps_times(-1.0, *a))),
         "sign: grad_w and grad_b already point downhill, so add them "
         "(a learning-rate sign flipped)"),
        # with the 2/n (factor 1/n) or without it (1/2): either way, one update per row
        (lambda a, e, r: any(close(list(r), list(train_row_by_row(f, *a))) for f in (1 / len(a[1]), 0.5)),
         "the weights moved after every row: add up grad_w and grad_b over all the rows, computed "
         "with the weights of the start of the epoch, then update them once per epoch"),
    ]
    for label, args in cases:
        c.case("train", label, args, ref_train(*args), returns="tuple2", hints=hints,
               compare=lambda r, e: close(list(r), list(e)))


PERCEPTRON = Exercise(
    number=3, slug="perceptron", title="The perceptron's forward pass and gradients",
    text="Write the perceptron's forward pass and the two gradient steps, as functions of the "
         "weights and bias. Use your sigmoid from exercise 2 (copy it in).",
    go='Article 003, "Forward Propagation" and "The Learning Algorithm": forwardPass returns '
       "sigmoid(dotProduct(weights, x) + bias); gradW returns "
       "scalarMatMul(-(pred-y)*pred*(1-pred), x); gradB returns -(pred - y) * pred * (1 - pred).",
    maths="pred = sigma(w . x + b);  grad_w = -(pred - y) pred (1 - pred) x;  "
          "grad_b = -(pred - y) pred (1 - pred)",
    functions=[
        Function("forward_pass", "weights, bias, x",
                 "Return sigma(w . x + b) for one input row x."),
        Function("grad_w", "weights, bias, x, y",
                 "Return the list -(pred - y) * pred * (1 - pred) * x[i]."),
        Function("grad_b", "weights, bias, x, y",
                 "Return the number -(pred - y) * pred * (1 - pred)."),
    ],
    check=check_perceptron,
    reference={"forward_pass": ref_forward_pass, "grad_w": ref_grad_w, "grad_b": ref_grad_b},
    solution=[_perceptron, Perceptron.forward_pass, Perceptron.grad_w, Perceptron.grad_b],
    hints=(
        "forward_pass is exercise 1's dot product of the weights and x, plus the bias, passed "
        "through your sigmoid from exercise 2.",
        "Both gradients begin the same way: compute pred with your forward_pass, then one number, "
        "minus (pred - y) times the sigmoid's slope at pred. grad_b is that number; grad_w is x "
        "with every entry multiplied by it.",
        "pred is already sigma(w . x + b), so the slope is pred * (1 - pred): do not pass pred "
        "through the sigmoid (or sigmoid_prime) again. Keep the leading minus: the step then "
        "points downhill, and train can add it.",
    ),
)

TRAIN = Exercise(
    number=4, slug="train", title="The perceptron's train loop",
    text="Write train: each epoch, add up grad_w and grad_b over every row (all with the weights "
         "as they were at the start of the epoch), scale the sums by 2/n, and add them to the "
         "weights and bias, once per epoch. Return (weights, bias). Copy in your functions from "
         "exercise 3.",
    go='Article 003, "The Learning Algorithm", train(): dw = vecAdd(dw, gradW(...)) and '
       "db += gradB(...) over the rows, then weights = vecAdd(weights, scalarMatMul(2/n, dw)); "
       "bias += db * 2/n.",
    maths="w <- w + (2/n) sum_rows grad_w;  b <- b + (2/n) sum_rows grad_b   (no learning rate)",
    functions=[
        Function("train", "input, actual_output, weights, bias, epochs",
                 "Run epochs passes from the given weights and bias; return (weights, bias)."),
    ],
    check=check_train,
    reference={"train": ref_train},
    solution=[_perceptron, _trained, Perceptron.train],
    hints=(
        "An epoch is one pass over every row. In each epoch, start two sums at zero: a list dw "
        "with one entry per weight, and a number db.",
        "For each row, add that row's grad_w to dw and its grad_b to db. Leave the weights and "
        "the bias alone inside the loop over the rows: every row's step uses the weights of the "
        "start of the epoch.",
        "After the loop over the rows, multiply both sums by 2/n (n is the number of rows) and "
        "add them to the weights and the bias. Return the two as a tuple; with 0 epochs the "
        "starting weights come back unchanged.",
    ),
)
