"""Exercises 7 and 8: article 002's improvement directions, softmax and the optimizers.

The references are ``nnscratch.maths``: ``softmax``, the cross-entropy of
``LOSSES``, its one-step gradient in ``COMBINED``, and one step of the
``Momentum`` and ``Adam`` optimizers. The usual mistakes are those same
functions given other inputs: a negated gradient, or a step count so late
that Adam's bias correction is 1.
"""

import math

from ..maths.activations import softmax
from ..maths.losses import COMBINED, LOSSES
from ..maths.optimizers import Adam, Momentum
from .checking import close
from .exercise import Exercise, Function, numeric_gradient, rng_for

__all__ = ["SOFTMAX", "OPTIMIZER_STEPS", "ref_cross_entropy", "ref_softmax_cross_entropy_gradient",
           "ref_momentum_step", "ref_adam_step", "adam_step_without_correction"]

CROSS_ENTROPY = LOSSES["cross_entropy"]


def ref_cross_entropy(a, y):
    """-sum y log a."""
    return CROSS_ENTROPY.function(a, y)


def ref_softmax_cross_entropy_gradient(z, y):
    """dL/dz of cross_entropy(softmax(z), y): a - y."""
    return COMBINED["softmax", "cross_entropy"](softmax(z), y)


def check_softmax(c):
    rng = rng_for(7)
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
    for label, (a, y) in [("fixed", ([0.25, 0.75], [0.0, 1.0])),
                          ("fixed: 3 classes", ([0.2, 0.3, 0.5], [1.0, 0.0, 0.0]))]:
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


def adam_step_without_correction(w, g, m, v, t, learning_rate, beta1, beta2, epsilon):
    """Adam's step with m and v used as they are, not divided by (1 - beta^t).

    The bias correction 1 / (1 - beta^t) tends to 1 as t grows: Adam's own
    step at t = infinity, where beta^t is 0.0, is the step without it.
    """
    return ref_adam_step(w, g, m, v, math.inf, learning_rate, beta1, beta2, epsilon)


def _uniform(rng, low, high, n):
    return [rng.uniform(low, high) for _ in range(n)]


def check_optimizers(c):
    rng = rng_for(8)
    cases = [("fixed: first step", ([1.0, -2.0], [0.5, 0.25], [0.0, 0.0], 0.1, 0.9)),
             ("fixed: with velocity", ([1.0], [1.0], [-0.1], 0.1, 0.9))]
    w, g = _uniform(rng, -1, 1, 4), _uniform(rng, -1, 1, 4)
    cases.append(("random", (w, g, _uniform(rng, -0.1, 0.1, 4), 0.05, 0.8)))
    momentum_hints = [
        (lambda a, e, r: close(list(r[1]), ref_momentum_step(a[0], [-d for d in a[1]], *a[2:])[1]),
         "sign: the velocity moves against the gradient: v = momentum * v - lr * g"),
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
    go='Article 002, "Improvement Directions": other activation and loss functions; article 003, '
       '"The Learning Algorithm": "cross-entropy for classification problems".',
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
    solution=[softmax, CROSS_ENTROPY.function, COMBINED["softmax", "cross_entropy"]],
)

OPTIMIZER_STEPS = Exercise(
    number=8, slug="optimizers", title="One optimizer step: momentum, then Adam",
    text="Write one step of gradient descent with momentum, then one step of Adam, on a list of "
         "weights w with gradients g. Return the new state as a tuple.",
    go='Article 002, "Improvement Directions": "optimizers (e.g., Adam)"; article 001 uses plain '
       "SGD (wOut.Add(wOut, wOutAdj)).",
    maths="momentum: v = mu v - lr g, w = w + v;  adam: m = b1 m + (1-b1) g, "
          "v = b2 v + (1-b2) g^2, w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)",
    functions=[
        Function("momentum_step", "w, g, velocity, learning_rate, momentum",
                 "Return (w, velocity) after one step."),
        Function("adam_step", "w, g, m, v, t, learning_rate, beta1, beta2, epsilon",
                 "Step number t (from 1); return (w, m, v) after it."),
    ],
    check=check_optimizers,
    reference={"momentum_step": ref_momentum_step, "adam_step": ref_adam_step},
    solution=[Momentum.step, Adam.step],
)
