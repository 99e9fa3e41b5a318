"""Exercises 7 and 8: article 002's improvement directions, softmax and the optimizers.

The references are ``nnscratch.maths``: ``softmax``, the cross-entropy of
``LOSSES``, its one-step gradient in ``COMBINED``, and one step of the
``Momentum`` and ``Adam`` optimizers. The usual mistakes are those same
functions given other inputs: a negated gradient, PyTorch's velocity (the
library's divided by -lr), another step count (t + 1, or so late that Adam's
bias correction is 1), or the Adam paper's "efficient" epsilon.
"""

import math

from ..maths.activations import softmax
from ..maths.losses import COMBINED, LOSSES
from ..maths.optimizers import Adam, Momentum
from .checking import close
from .exercise import Exercise, Function, numeric_gradient, rng_for

__all__ = ["SOFTMAX", "OPTIMIZER_STEPS", "ref_cross_entropy", "ref_softmax_cross_entropy_gradient",
           "ref_momentum_step", "ref_adam_step", "momentum_step_as_pytorch", "adam_step_without_correction",
           "adam_step_with_paper_epsilon"]

CROSS_ENTROPY = LOSSES["cross_entropy"]


def ref_cross_entropy(a, y):
    """-sum y log a."""
    return CROSS_ENTROPY.function(a, y)


def ref_softmax_cross_entropy_gradient(z, y):
    """dL/dz of cross_entropy(softmax(z), y): a - y."""
    return COMBINED["softmax", "cross_entropy"](softmax(z), y)


def check_softmax(c):
    rng = rng_for(7, c.seed)
    soft_hints = [
        (lambda a, e, r: isinstance(r, Exception),
         "math.exp overflows for large z: subtract max(z) from every z first "
         "(the result does not change)"),
        (lambda a, e, r: close(r, [math.exp(v) for v in a[0]]),
         "divide each e^z by the sum of them all"),
    ]
    for label, z in [("fixed", [1.0, 2.0, 3.0]), ("edge: equal", [0.5, 0.5]),
                     ("edge: 1000", [1000.0, 0.0, -1000.0]),
                     ("random", [rng.uniform(-5, 5) for _ in range(5)])]:
        c.case("softmax", label, (z,), softmax(z), returns="list", hints=soft_hints)
    loss_hints = [
        (lambda a, e, r: close(r, -e),
         "sign: the loss is minus the sum of y * log(a), a positive number"),
        (lambda a, e, r: close(r, e / math.log(10)), "use the natural log (math.log)"),
    ]
    drawn = softmax([rng.uniform(-3, 3) for _ in range(5)])
    hot = rng.randrange(5)
    for label, (a, y) in [("fixed", ([0.25, 0.75], [0.0, 1.0])),
                          ("fixed: 3 classes", ([0.2, 0.3, 0.5], [1.0, 0.0, 0.0])),
                          ("random", (drawn, [1.0 if i == hot else 0.0 for i in range(5)]))]:
        c.case("cross_entropy", label, (a, y), ref_cross_entropy(a, y), returns="number",
               hints=loss_hints)
    grad_hints = [
        (lambda a, e, r: close(r, CROSS_ENTROPY.gradient(softmax(a[0]), a[1])),
         "that is dL/da; through the softmax it simplifies to a - y"),
        (lambda a, e, r: close(r, [-v for v in e]), "sign: dL/dz = a - y (output minus target)"),
    ]
    for k in range(3):
        z = [rng.uniform(-3, 3) for _ in range(4)]
        y = [1.0 if i == k else 0.0 for i in range(4)]
        c.case("softmax_cross_entropy_gradient", "random %d" % k, (z, y),
               ref_softmax_cross_entropy_gradient(z, y), returns="list", hints=grad_hints)
    z, y = [0.3, -1.1, 2.0], [0.0, 1.0, 0.0]
    numeric = numeric_gradient(lambda v: ref_cross_entropy(softmax(v), y), z)
    c.case("softmax_cross_entropy_gradient", "finite difference of cross_entropy(softmax(z), y)",
           (z, y), numeric, returns="list", hints=grad_hints,
           compare=lambda r, e: close(r, e, rel=1e-6, abs_=1e-9))


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


def momentum_step_as_pytorch(w, g, velocity, learning_rate, momentum):
    """PyTorch's momentum step: v = momentum * v + g; w -= lr * v. Returns (w, v).

    Its velocity is the library's divided by -lr: from velocity -lr * v,
    the library's step moves w the same way and returns -lr times PyTorch's
    new v. The two agree on w when the velocity starts at 0, never on v.

    >>> momentum_step_as_pytorch([1.0], [2.0], [0.5], 0.1, 0.9)  # v = 0.45 + 2, w = 1 - 0.245
    ([0.755], [2.45])
    """
    moved, v = ref_momentum_step(w, g, [-learning_rate * u for u in velocity], learning_rate, momentum)
    return moved, [u / -learning_rate for u in v]


def adam_step_without_correction(w, g, m, v, t, learning_rate, beta1, beta2, epsilon):
    """Adam's step with m and v used as they are, not divided by (1 - beta^t).

    The bias correction 1 / (1 - beta^t) tends to 1 as t grows: Adam's own
    step at t = infinity, where beta^t is 0.0, is the step without it.
    """
    return ref_adam_step(w, g, m, v, math.inf, learning_rate, beta1, beta2, epsilon)


def adam_step_with_paper_epsilon(w, g, m, v, t, learning_rate, beta1, beta2, epsilon):
    """Adam's step in the "efficient" form of Kingma & Ba's section 2, epsilon beside sqrt(v).

    lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t); w -= lr_t * m / (sqrt(v) + eps)
    is w -= lr * m_hat / (sqrt(v_hat) + eps / sqrt(1 - beta2^t)): the usual
    step with a larger epsilon.

    >>> args = ([1.0], [4.0], [0.0], [0.0], 1, 0.1, 0.9, 0.999, 1e-8)
    >>> 0 < adam_step_with_paper_epsilon(*args)[0][0] - ref_adam_step(*args)[0][0] < 1e-8
    True
    """
    return ref_adam_step(w, g, m, v, t, learning_rate, beta1, beta2, epsilon / math.sqrt(1 - beta2 ** t))


def _uniform(rng, low, high, n):
    return [rng.uniform(low, high) for _ in range(n)]


def check_optimizers(c):
    rng = rng_for(8, c.seed)
    cases = [("fixed: first step", ([1.0, -2.0], [0.5, 0.25], [0.0, 0.0], 0.1, 0.9)),
             ("fixed: with velocity", ([1.0], [1.0], [-0.1], 0.1, 0.9))]
    w, g = _uniform(rng, -1, 1, 4), _uniform(rng, -1, 1, 4)
    cases.append(("random", (w, g, _uniform(rng, -0.1, 0.1, 4), 0.05, 0.8)))
    momentum_hints = [
        (lambda a, e, r: close(list(r[1]), ref_momentum_step(a[0], [-d for d in a[1]], *a[2:])[1]),
         "sign: the velocity moves against the gradient: v = momentum * v - lr * g"),
        (lambda a, e, r: close(list(r), list(momentum_step_as_pytorch(*a))),
         "that is PyTorch's convention, v = momentum * v + g and w -= lr * v, whose velocity is "
         "this one divided by -lr (the weights agree only when the velocity starts at 0): here "
         "the velocity carries the learning rate, v = momentum * v - lr * g, then w += v"),
        (lambda a, e, r: close(list(r[0]), list(a[0])), "the weights did not move: w += v"),
    ]
    for label, args in cases:
        c.case("momentum_step", label, args, ref_momentum_step(*args), returns="tuple2",
               hints=momentum_hints, compare=lambda r, e: close(list(r), list(e)))
    cases = [("fixed: step 1", ([1.0], [4.0], [0.0], [0.0], 1, 0.1, 0.9, 0.999, 1e-8)),
             ("fixed: step 2", ([0.9], [-1.0], [0.4], [0.016], 2, 0.1, 0.9, 0.999, 1e-8))]
    w, g = _uniform(rng, -1, 1, 3), _uniform(rng, -1, 1, 3)
    m, v = _uniform(rng, -0.1, 0.1, 3), _uniform(rng, 0, 0.01, 3)
    cases.append(("random: step 7", (w, g, m, v, 7, 0.01, 0.9, 0.999, 1e-8)))
    adam_hints = [
        (lambda a, e, r: close(list(r), list(adam_step_without_correction(*a))),
         "the bias correction is missing: divide m by (1 - beta1^t) and v by (1 - beta2^t) "
         "before the step"),
        (lambda a, e, r: close(list(r), list(ref_adam_step(*a[:4], a[4] + 1, *a[5:]))),
         "the bias correction used step t + 1: t is the step number counted from 1 (the first "
         "step is t = 1), so use beta1^t and beta2^t as given"),
        (lambda a, e, r: close(list(r), list(adam_step_with_paper_epsilon(*a))),
         "epsilon is in the Adam paper's \"efficient\" place, beside sqrt(v) after folding the "
         "corrections into the learning rate, which amounts to a larger epsilon: add epsilon to "
         "sqrt(v_hat), w -= lr * m_hat / (sqrt(v_hat) + eps)"),
        (lambda a, e, r: close(list(r[0]), [2 * x - y for x, y in zip(a[0], e[0])]),
         "sign: w -= lr * m_hat / (sqrt(v_hat) + eps)"),
    ]
    for label, args in cases:
        c.case("adam_step", label, args, ref_adam_step(*args), returns="tuple3", hints=adam_hints,
               compare=lambda r, e: close(list(r), list(e)))


SOFTMAX = Exercise(
    number=7, slug="softmax", title="Softmax with cross-entropy, and its gradient",
    text="Write softmax (stable for large z), the cross-entropy loss, and the gradient of "
         "cross_entropy(softmax(z), y) with respect to z. Article 002 lists these as the next "
         "steps.",
    go='No article has Go for this. Article 002, "Improvement Directions", only suggests '
       '"different activation functions"; article 003, "The Learning Algorithm", only names '
       '"cross-entropy for classification problems" and uses the mean squared error.',
    maths="a_i = e^z_i / sum_j e^z_j;  L = -sum_i y_i log a_i;  dL/dz = a - y",
    functions=[
        Function("softmax", "z", "Return the softmax of the list z (it sums to 1)."),
        Function("cross_entropy", "a, y", "Return -sum(y[i] * log(a[i])) for a one-hot y."),
        Function("softmax_cross_entropy_gradient", "z, y",
                 "Return dL/dz for L = cross_entropy(softmax(z), y)."),
    ],
    check=check_softmax,
    reference={"softmax": softmax, "cross_entropy": ref_cross_entropy,
               "softmax_cross_entropy_gradient": ref_softmax_cross_entropy_gradient},
    solution=[CROSS_ENTROPY.function, COMBINED["softmax", "cross_entropy"]],
    hints=(
        "Three short functions: softmax turns scores into probabilities that sum to 1, "
        "cross_entropy scores those probabilities against the one-hot y, and the gradient has a "
        "short closed form.",
        "softmax: e to the power of each z, each divided by the sum of them all. cross_entropy: "
        "minus the sum of y[i] * log(a[i]), with the natural log (math.log). The gradient: the "
        "chain rule through the softmax and the log simplifies to one subtraction.",
        "softmax overflows for large z unless you first subtract the largest z from every z (the "
        "result is the same). The gradient dL/dz_i is a_i - y_i, where a is the softmax of z.",
    ),
)

OPTIMIZER_STEPS = Exercise(
    number=8, slug="optimizers", title="One optimizer step: momentum, then Adam",
    text="Write one step of gradient descent with momentum, then one step of Adam, on a list of "
         "weights w with gradients g. Return the new state as a tuple. The velocity carries the "
         "learning rate: v = momentum * v - learning_rate * g, then w += v (not PyTorch's "
         "v = momentum * v + g, w -= lr * v). Adam's t is the number of this step, counted from 1. "
         "Add epsilon after the square root of the corrected v: w -= learning_rate * m_hat / "
         "(sqrt(v_hat) + epsilon), with m_hat = m / (1 - beta1^t) and v_hat = v / (1 - beta2^t), "
         "not the paper's \"efficient\" form with epsilon beside sqrt(v), which differs slightly.",
    go='No article has Go for this. Article 002, "Improvement Directions", only suggests '
       '"optimizers (e.g., Adam)"; article 001 updates by plain gradient descent '
       "(wOut.Add(wOut, wOutAdj)).",
    maths="momentum: v = mu v - lr g, w = w + v;  adam: m = b1 m + (1-b1) g, "
          "v = b2 v + (1-b2) g^2, w -= lr m_hat / (sqrt(v_hat) + eps), m_hat = m / (1 - b1^t), "
          "v_hat = v / (1 - b2^t)",
    functions=[
        Function("momentum_step", "w, g, velocity, learning_rate, momentum",
                 "Return (w, velocity) after one step."),
        Function("adam_step", "w, g, m, v, t, learning_rate, beta1, beta2, epsilon",
                 "Step number t (from 1); return (w, m, v) after it."),
    ],
    check=check_optimizers,
    reference={"momentum_step": ref_momentum_step, "adam_step": ref_adam_step},
    solution=[Momentum.step, Adam.step],
    hints=(
        "Both steps keep a state between calls and return it with the new weights: momentum a "
        "velocity, Adam two running averages, m and v. Take the old state in, give the new one "
        "back.",
        "Momentum: the new velocity is momentum times the old one, minus learning_rate times the "
        "gradient; each weight adds its velocity. Adam: m mixes beta1 times the old m with "
        "(1 - beta1) times g, and v the same with beta2 and g squared.",
        "Adam then corrects the averages for their start at zero, m / (1 - beta1^t) and "
        "v / (1 - beta2^t), with t as given (the first step is t = 1). Each weight moves by minus "
        "learning_rate * m_hat / (sqrt(v_hat) + epsilon); return the uncorrected m and v.",
    ),
)
