"""Exercises 3 and 4: article 003's perceptron, its forward pass, gradients and train loop.

The references are ``nnscratch.reading.perceptron.Perceptron``'s own methods,
run from the weights and bias a case gives. The usual mistakes of ``train``
(no 2/n, 1/n, the sign) are that same ``train`` with every step scaled.
"""

from ..maths.activations import sigmoid
from ..reading.perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron
from ..reading.vector import dot, scalar_mul
from .checking import close
from .exercise import Exercise, Function, numeric_gradient, rng_for

__all__ = ["PERCEPTRON", "TRAIN", "ref_forward_pass", "ref_grad_w", "ref_grad_b", "ref_train",
           "train_with_steps_times"]


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


def ref_train(input, actual_output, weights, bias, epochs):
    """Article 003's train from given starting weights; return (weights, bias)."""
    return _trained(_perceptron(weights, bias), input, actual_output, epochs)


def _trained(p, input, actual_output, epochs):
    p.input, p.actual_output, p.epochs = input, actual_output, epochs
    p.train()
    return p.weights, p.bias


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


def check_perceptron(c):
    rng = rng_for(3)
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
    ]
    for label, (w, b, x, _) in cases:
        c.case("forward_pass", label, (w, b, x), ref_forward_pass(w, b, x), returns="number",
               hints=forward_hints)
    for label, (w, b, x, y) in cases:
        p = ref_forward_pass(w, b, x)
        c.case("grad_w", label, (w, b, x, y), ref_grad_w(w, b, x, y), returns="list", hints=[
            (lambda a, e, r: close(r, scalar_mul(-1.0, e)),
             "sign: gradW returns -(pred - y) * pred * (1 - pred) * x, the direction that lowers "
             "the error, so train can add it"),
            (lambda a, e, r, p=p: close(r, scalar_mul(-(p - a[3]), a[2])),
             "the sigmoid's slope pred * (1 - pred) is missing"),
        ])
        c.case("grad_b", label, (w, b, x, y), ref_grad_b(w, b, x, y), returns="number", hints=[
            (lambda a, e, r: close(r, -e), "sign: gradB is -(pred - y) * pred * (1 - pred)"),
            (lambda a, e, r, p=p: close(r, -(p - a[3])),
             "the sigmoid's slope pred * (1 - pred) is missing"),
        ])
    for k in range(2):  # grad_w is minus the gradient of (pred - y)^2 / 2
        w, b = [rng.uniform(-1, 1) for _ in range(3)], rng.uniform(-1, 1)
        x, y = [rng.uniform(-2, 2) for _ in range(3)], 1.0
        slopes = numeric_gradient(lambda v: (ref_forward_pass(v, b, x) - y) ** 2 / 2, w)
        c.case("grad_w", "finite difference %d: minus the slope of (pred - y)^2 / 2" % k,
               (w, b, x, y), scalar_mul(-1.0, slopes), returns="list",
               compare=lambda r, e: close(r, e, rel=1e-6, abs_=1e-9))


def check_train(c):
    rng = rng_for(4)
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
    solution=[Perceptron.forward_pass, Perceptron.grad_w, Perceptron.grad_b],
)

TRAIN = Exercise(
    number=4, slug="train", title="The perceptron's train loop",
    text="Write train: each epoch, add up grad_w and grad_b over every row, scale the sums by 2/n, "
         "and add them to the weights and bias. Return (weights, bias). Copy in your functions "
         "from exercise 3.",
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
    solution=[Perceptron.train],
)
