"""Exercises 1 and 2: the vector helpers and the sigmoid every model builds on.

Article 003 writes ``dotProduct``, ``vecAdd`` and ``scalarMatMul`` before its
perceptron; article 001 defines ``sigmoid`` and ``sigmoidPrime``. The
references are ``nnscratch.reading.vector`` and ``nnscratch.maths.activations``.
"""

from ..maths.activations import sigmoid, sigmoid_prime
from ..reading import vector
from .checking import close
from .exercise import Exercise, Function, numeric_gradient, rng_for

__all__ = ["VECTORS", "SIGMOID"]


def check_vectors(c):
    rng = rng_for(1, c.seed)
    dot_hints = [
        (lambda a, e, r: close(r, e + 1), "the sum started at 1: start it at 0"),
        (lambda a, e, r: isinstance(r, list), "a dot product is one number: add up the products"),
        (lambda a, e, r: close(r, sum(a[0]) + sum(a[1])),
         "you added all the numbers: multiply pairs, then add"),
        (lambda a, e, r: close(r, sum(a[0]) * sum(a[1])),
         "you multiplied the two sums: add the products of pairs"),
    ]
    cases = [("fixed", ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])), ("edge: empty", ([], [])),
             ("edge: negatives and zeros", ([-1.5, 0.0, 2.0], [2.0, 7.0, -0.25]))]
    for k, n in enumerate((1, 4, 17)):
        u = [rng.uniform(-5, 5) for _ in range(n)]
        cases.append(("random %d" % k, (u, [rng.uniform(-5, 5) for _ in range(n)])))
    for label, args in cases:
        c.case("dot", label, args, vector.dot(*args), returns="number", hints=dot_hints)
    add_hints = [
        # Only where subtracting gives another answer: on empty or zero inputs it cannot be told apart.
        (lambda a, e, r: close(r, vector.vec_sub(*a)) and not close(e, vector.vec_sub(*a)),
         "you subtracted: vecAdd adds v1[i] + v2[i]"),
        (lambda a, e, r: len(r) != len(e),
         "the result must have one number per position of the inputs"),
    ]
    for label, args in cases:
        c.case("vec_add", label, args, vector.vec_add(*args), returns="list", hints=add_hints)
    mul_hints = [
        (lambda a, e, r: close(r, [a[0] + x for x in a[1]]),
         "you added s: scalarMatMul multiplies every entry by s"),
        (lambda a, e, r: close(r, a[1]),
         "the vector came back unchanged: multiply each entry by s"),
    ]
    s = rng.uniform(-3, 3)
    for label, args in [("fixed", (2.0, [1.0, -0.5, 3.0])), ("edge: zero", (0.0, [1.0, 2.0])),
                        ("edge: empty", (3.0, [])),
                        ("random", (s, [rng.uniform(-9, 9) for _ in range(6)]))]:
        c.case("scalar_mul", label, args, vector.scalar_mul(*args), returns="list", hints=mul_hints)


def check_sigmoid(c):
    rng = rng_for(2, c.seed)
    sig_hints = [
        (lambda a, e, r: isinstance(r, Exception) and "verflow" in str(r),
         "math.exp overflows past about 709: for z < 0 compute e^z / (1 + e^z), "
         "which never overflows"),
        (lambda a, e, r: close(r, sigmoid(-a[0])), "sign: sigma(z) = 1 / (1 + e^-z), with a minus"),
    ]
    fixed = [("fixed: 0", 0.0), ("fixed: 2", 2.0), ("fixed: -3", -3.0), ("edge: -1000", -1000.0),
             ("edge: 1000", 1000.0), ("edge: -710", -710.0)]
    for label, z in fixed + [("random %d" % k, rng.uniform(-30, 30)) for k in range(3)]:
        c.case("sigmoid", label, (z,), sigmoid(z), returns="number", hints=sig_hints)
    prime_hints = [
        (lambda a, e, r: close(r, sigmoid_prime(sigmoid(a[0]))),
         "the derivative applied to the activation twice: sigmoid_prime(z) is "
         "sigma(z) * (1 - sigma(z)); calling it on sigma(z) (as article 001 does) applies the "
         "sigmoid again"),
        (lambda a, e, r: close(r, a[0] * (1 - a[0])),
         "z * (1 - z) is the derivative written with the output a = sigma(z): "
         "compute a = sigma(z) first"),
        (lambda a, e, r: isinstance(r, Exception),
         "sigmoid_prime must work for every z: build it on a stable sigmoid"),
    ]
    fixed = [("fixed: 0", 0.0), ("fixed: 1.5", 1.5), ("edge: -1000", -1000.0),
             ("edge: 1000", 1000.0)]
    for label, z in fixed + [("random %d" % k, rng.uniform(-8, 8)) for k in range(3)]:
        c.case("sigmoid_prime", label, (z,), sigmoid_prime(z), returns="number", hints=prime_hints)
    for k in range(3):  # finite differences of the reference sigmoid
        z = rng.uniform(-4, 4)
        numeric = numeric_gradient(lambda v: sigmoid(v[0]), [z])[0]
        c.case("sigmoid_prime", "finite difference %d: (sigma(z+h) - sigma(z-h)) / 2h" % k, (z,),
               numeric, returns="number", hints=prime_hints,
               compare=lambda r, e: close(r, e, rel=1e-6, abs_=1e-9))


VECTORS = Exercise(
    number=1, slug="vectors", title="Vector helpers: dot, vec_add, scalar_mul",
    text="Write the three list helpers article 003 builds first. Vectors are lists of floats of "
         "the same length.",
    go='Article 003, "Before we start": dotProduct(v1, v2) loops dot += v1[i] * v2[i]; vecAdd '
       "sets add[i] = v1[i] + v2[i]; scalarMatMul sets result[i] += s * mat[i].",
    maths="dot(u, v) = sum_i u_i v_i;  vec_add(u, v)_i = u_i + v_i;  scalar_mul(s, v)_i = s v_i",
    functions=[
        Function("dot", "v1, v2", "Return the dot product: the sum of v1[i] * v2[i]."),
        Function("vec_add", "v1, v2", "Return a new list: v1[i] + v2[i] at each position."),
        Function("scalar_mul", "s, v", "Return a new list: s * v[i] at each position."),
    ],
    check=check_vectors,
    reference={"dot": vector.dot, "vec_add": vector.vec_add, "scalar_mul": vector.scalar_mul},
    solution=[],  # the references are the library's own helpers
    hints=(
        "Each helper walks the two lists position by position: a loop over the indices, or zip, "
        "visits the pairs.",
        "dot keeps one running total that starts at 0 and grows by the product of each pair. "
        "vec_add and scalar_mul build a new list, one entry per position, and leave their "
        "inputs unchanged.",
        "dot returns one float, never a list; entry i of vec_add is v1[i] + v2[i], and entry i "
        "of scalar_mul is s times v[i]. For empty lists, dot is 0.0 and the other two return an "
        "empty list.",
    ),
)

SIGMOID = Exercise(
    number=2, slug="sigmoid", title="The sigmoid and its derivative, for every float",
    text="Write the sigmoid and its derivative. They must not fail for any float: Python's "
         "math.exp raises OverflowError past about 709, where Go's math.Exp returns +Inf.",
    go='Article 001, "Defining Useful Functions and Types": sigmoid(x) = 1.0 / (1.0 + '
       "math.Exp(-x)); sigmoidPrime(x) = sigmoid(x) * (1.0 - sigmoid(x)).",
    maths="sigma(z) = 1 / (1 + e^-z) = e^z / (1 + e^z);  sigma'(z) = sigma(z) (1 - sigma(z))",
    functions=[
        Function("sigmoid", "z", "Return 1 / (1 + e^-z), without overflowing for any float z."),
        Function("sigmoid_prime", "z",
                 "Return the sigmoid's derivative at z: sigma(z) * (1 - sigma(z))."),
    ],
    check=check_sigmoid,
    reference={"sigmoid": sigmoid, "sigmoid_prime": sigmoid_prime},
    solution=[],  # the references are the library's own sigmoid and derivative
    hints=(
        "sigmoid is one line of maths, 1 / (1 + e^-z), and sigmoid_prime can be built on it. "
        "Write the formula with math.exp, then try z = -1000 in the REPL.",
        "For very negative z, e^-z overflows. Multiply the top and the bottom by e^z: "
        "e^z / (1 + e^z) is the same number, and e^z cannot overflow when z < 0. sigmoid_prime "
        "needs the sigmoid of z, not z itself.",
        "Use the first form for z >= 0 and the second for z < 0, so math.exp only ever sees a "
        "number <= 0. sigmoid_prime: compute a = sigma(z) once with your sigmoid, then a times "
        "(1 - a); do not pass a through the sigmoid again.",
    ),
)
