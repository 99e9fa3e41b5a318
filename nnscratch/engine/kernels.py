"""The engine's multiply-add kernels: one set per dot-product form, one set chosen at import.

In pure Python, training time goes to dot products, and the fastest way to
write one depends on the interpreter:

- ``math.sumprod`` (CPython 3.12+) runs the whole sum in C;
- ``sum(map(mul, u, v))`` (older CPython) runs the loop in C, the adds in Python objects;
- a plain indexed ``for`` loop is what PyPy's JIT compiles best.

Each form is a ``Kernels`` set of four functions, named by the form in
``FORMS``, and the widest layer it computes *unrolled*: on CPython, a layer
of a few inputs runs one comprehension per neuron, written for its width
(``w0 * x0 + w1 * x1 + ... + b`` over ``zip(*columns)``, made once per width
by ``unrolled_affine``); the engine also writes the activation into it, so a
narrow layer costs one pass. One row through such a layer adds the same way
(``unrolled_row``), so ``forward`` gives the floats ``predict`` gives. PyPy's
loops need no such help. ``DEFAULT`` is the set for this interpreter, chosen
once at import; nothing here changes afterwards (but the unrolled functions
are written as widths are met). The engine's ``Network`` uses ``DEFAULT``;
the bench times the other sets by name, as ``statistics`` has ``mean``
beside ``fmean``. ``python -m nnscratch.bench`` measures the forms on your
machine.

A batch in *column layout* holds one list per input (or per neuron), with one
entry per sample: ``columns[i][s]`` is input i of sample s. Article 001's
matrices hold one row per sample instead; the column layout lets each Python
operation work on a whole batch at once.

Every form adds the products in index order and a bias last, as the reading
path's ``dot(w, x) + b`` does. The plain-loop form agrees with it to the last
bit on every interpreter, and ``sum(map(mul))`` does too up to CPython 3.11;
``math.sumprod`` rounds once at the end, and from CPython 3.12 ``sum()`` of
floats is compensated, so those differ in the last bits (they are more
accurate). The kernels skip the length checks: the engine checks its inputs
once, before training.

Glossary:
    weights   one row per neuron, one entry per input
    columns   a batch in column layout
    z         pre-activations, one list per neuron
"""

import sys
from collections import namedtuple
from operator import mul

__all__ = ["Kernels", "FORMS", "DEFAULT", "SUMPROD", "SUM_MAP", "LOOP", "COLUMN_FORM_MAX_INPUTS",
           "unrolled_affine", "unrolled_row", "unrolled_chain", "unrolled_count"]

SUMPROD, SUM_MAP, LOOP = "math.sumprod", "sum(map(mul))", "for loop"

try:
    from math import sumprod  # Python 3.12+
except ImportError:  # pragma: no cover - depends on the Python version
    sumprod = None

#: The CPython forms compute layers with at most this many inputs unrolled, one
#: comprehension per neuron over the whole batch, instead of one short dot
#: product per sample. Where the two cross depends on the machine; the
#: bench's "layers" table shows both ways by number of inputs.
COLUMN_FORM_MAX_INPUTS = 8

#: One dot-product form's kernels.
#:   affine(weights, x, biases) -> z                  one sample: z[j] = w[j] . x + b[j]
#:   layer_columns(weights, columns, biases=None) -> z  a batch in column layout
#:   dot_table(a_rows, b_rows) -> t                   t[i][j] = a_rows[i] . b_rows[j]
#:   swap_layout(table) -> table                      rows <-> columns (a transpose)
#:   unroll_max                                       widest layer computed unrolled (0: none)
Kernels = namedtuple("Kernels", "form affine layer_columns dot_table swap_layout unroll_max")


def _swap_zip(table):
    """Rows -> columns, or back, with zip (fast on CPython)."""
    return list(map(list, zip(*table)))


def _swap_loop(table):
    """Rows -> columns, or back, indexed (PyPy: zip(*table) with many arguments is slow there)."""
    return [[row[i] for row in table] for i in range(len(table[0]))]


# ----- unrolled: one comprehension a neuron, written for the layer's width ----------------

_UNROLLED = {}  # (kind, width, bias, expression) -> function: written once each


def unrolled_affine(width, expression="{z}", bias=True, names=None):
    """A function(w, b, columns) -> [expression of z for each sample], z = w . x (+ b), for ``width`` inputs.

    The products are added in index order and the bias last, as every form adds them.
    ``expression`` may wrap z in an activation (``"tanh({z})"``); ``names`` are the
    functions it calls. With ``bias=False`` the function takes b and ignores it.

    >>> unrolled_affine(2)([1.0, 2.0], 0.5, [[1.0, 0.0], [1.0, 1.0]])
    [3.5, 2.5]
    """
    key = ("affine", width, bias, expression)
    return _UNROLLED.get(key) or _write(key, names)


def unrolled_row(width):
    """A function(weights, x, biases) -> z, z[j] = w[j] . x + b[j], for one sample of ``width`` inputs.

    The same sums, in the same order, as ``unrolled_affine`` computes for each sample of a
    batch: so one row through a narrow layer gives the floats its batch gives.

    >>> unrolled_row(2)([[1.0, 2.0], [0.0, 1.0]], [1.0, 1.0], [0.5, -1.0])
    [3.5, 0.0]
    """
    key = ("row", width, True, "{z}")
    return _UNROLLED.get(key) or _write(key, None)


def unrolled_chain(width, expression="{g}", names=None):
    """A function(w, a, deltas) -> [expression of g and x for each sample], g = w . d, for ``width`` deltas.

    Backpropagation's step to the layer below, neuron by neuron: w is a row of W^T (this
    neuron's weights into the layer above), a its activations, deltas the layer above's;
    ``expression`` applies the activation's slope at x, this neuron's activation.

    >>> unrolled_chain(2, "{g} * x")([1.0, 2.0], [0.5, 2.0], [[1.0, 1.0], [1.0, 0.0]])
    [1.5, 2.0]
    """
    key = ("chain", width, False, expression)
    return _UNROLLED.get(key) or _write(key, names)


def unrolled_count(width):
    """A function(columns, classes) -> how many samples' first best output is their class, for ``width``
    columns (a batch's outputs) holding no NaN.

    Output i is a sample's first best if it is >= every later output and no earlier one was:
    the index ``r.index(max(r))`` gives when no output is NaN (the caller checks that).

    >>> unrolled_count(3)([[0.2, 0.9, 0.5], [0.7, 0.1, 0.5], [0.1, 0.0, 0.5]], [1, 0, 0])
    3
    """
    key = ("count", width, False, "")
    return _UNROLLED.get(key) or _write(key, None)


def _first_best(i, width):
    """The expression of the index of the first best of a_i ... a_(width-1), given none before a_i was."""
    if i == width - 1:
        return str(i)
    wins = " and ".join("a%d >= a%d" % (i, j) for j in range(i + 1, width))
    return "(%d if %s else %s)" % (i, wins, _first_best(i + 1, width))


def _write(key, names):
    """Write, compile and keep the function of an ``_UNROLLED`` key."""
    kind, width, bias, expression = key
    indexes = range(width)
    if kind == "affine":
        z = " + ".join("w%d * x%d" % (i, i) for i in indexes) + (" + b" if bias else "")
        samples = "x0 in columns[0]" if width == 1 else "%s in zip(*columns)" % ", ".join(
            "x%d" % i for i in indexes)
        parameters, body = "w, b, columns", expression.format(z="(%s)" % z)
    elif kind == "count":
        source = "def unrolled(columns, classes):\n    return sum([c == %s for %s, c in %s])\n" % (
            _first_best(0, width), ", ".join("a%d" % i for i in indexes), "zip(*columns, classes)")
        return _compile(key, source, names)
    elif kind == "row":
        xs, ws = ", ".join("x%d" % i for i in indexes), ", ".join("w%d" % i for i in indexes)
        z = " + ".join("w%d * x%d" % (i, i) for i in indexes) + " + b"
        source = "def unrolled(weights, x, biases):\n    %s, = x\n    return [%s for (%s,), b in %s]\n" % (
            xs, z, ws, "zip(weights, biases)")
        return _compile(key, source, names)
    else:
        g = "(%s)" % " + ".join("w%d * d%d" % (i, i) for i in indexes)
        samples = "x, %s in zip(a, *deltas)" % ", ".join("d%d" % i for i in indexes)
        parameters, body = "w, a, deltas", expression.format(g=g)
    source = "def unrolled(%s):\n    %s, = w\n    return [%s for %s]\n" % (
        parameters, ", ".join("w%d" % i for i in indexes), body, samples)
    return _compile(key, source, names)


def _compile(key, source, names):
    """Compile one function's source, keep it under its key and return it."""
    kind, width = key[:2]
    namespace = dict(names or {})
    exec(compile(source, "<nnscratch unrolled %s %d>" % (kind, width), "exec"), namespace)
    _UNROLLED[key] = namespace["unrolled"]
    return _UNROLLED[key]


def _layer_unrolled(weights, columns, biases):
    """A narrow layer, neuron by neuron, each one comprehension over the batch."""
    if biases is None:
        unrolled = unrolled_affine(len(columns), bias=False)
        return [unrolled(w, 0.0, columns) for w in weights]
    unrolled = unrolled_affine(len(columns))
    return [unrolled(w, b, columns) for w, b in zip(weights, biases)]


# ----- math.sumprod ---------------------------------------------------------------


def _affine_sumprod(weights, x, biases):
    if 0 < len(x) <= COLUMN_FORM_MAX_INPUTS:  # as the layer's batch computes it, unrolled
        return unrolled_row(len(x))(weights, x, biases)
    return [sumprod(w, x) + b for w, b in zip(weights, biases)]


def _layer_sumprod(weights, columns, biases=None):
    if len(columns) <= COLUMN_FORM_MAX_INPUTS:
        return _layer_unrolled(weights, columns, biases)
    rows = list(zip(*columns))
    if biases is None:
        return [[sumprod(w, r) for r in rows] for w in weights]
    return [[sumprod(w, r) + b for r in rows] for w, b in zip(weights, biases)]


def _table_sumprod(a_rows, b_rows):
    return [[sumprod(a, b) for b in b_rows] for a in a_rows]


# ----- sum(map(mul)) --------------------------------------------------------------


def _affine_sum_map(weights, x, biases):
    if 0 < len(x) <= COLUMN_FORM_MAX_INPUTS:  # as the layer's batch computes it, unrolled
        return unrolled_row(len(x))(weights, x, biases)
    return [sum(map(mul, w, x)) + b for w, b in zip(weights, biases)]


def _layer_sum_map(weights, columns, biases=None):
    if len(columns) <= COLUMN_FORM_MAX_INPUTS:
        return _layer_unrolled(weights, columns, biases)
    rows = list(zip(*columns))
    if biases is None:
        return [[sum(map(mul, w, r)) for r in rows] for w in weights]
    return [[sum(map(mul, w, r)) + b for r in rows] for w, b in zip(weights, biases)]


def _table_sum_map(a_rows, b_rows):
    return [[sum(map(mul, a, b)) for b in b_rows] for a in a_rows]


# ----- for loops (PyPy) -----------------------------------------------------------
# Keep a branch out of the inner loop: on PyPy one taken on some calls only
# made the same code four times slower.


def _loop_dot(v1, v2):
    total = 0.0
    for i in range(len(v1)):
        total += v1[i] * v2[i]
    return total


def _affine_loop(weights, x, biases):
    return [_loop_dot(w, x) + b for w, b in zip(weights, biases)]


def _layer_loop(weights, columns, biases=None):
    """In column layout throughout: no transpose."""
    n = len(columns[0])
    out = []
    for w in weights:
        z = [0.0] * n
        for i in range(len(w)):
            wi = w[i]
            column = columns[i]
            for s in range(n):
                z[s] += wi * column[s]
        out.append(z)
    if biases is not None:
        for j in range(len(out)):
            row, b = out[j], biases[j]
            for s in range(len(row)):
                row[s] += b
    return out


def _table_loop(a_rows, b_rows):
    out = []
    for a in a_rows:
        n = len(a)
        row = []
        for b in b_rows:
            total = 0.0
            for i in range(n):
                total += a[i] * b[i]
            row.append(total)
        out.append(row)
    return out


#: Every form this interpreter can run, by name.
FORMS = {
    SUM_MAP: Kernels(SUM_MAP, _affine_sum_map, _layer_sum_map, _table_sum_map, _swap_zip,
                     COLUMN_FORM_MAX_INPUTS),
    LOOP: Kernels(LOOP, _affine_loop, _layer_loop, _table_loop, _swap_loop, 0),
}
if sumprod is not None:  # pragma: no branch - depends on the Python version
    FORMS[SUMPROD] = Kernels(SUMPROD, _affine_sumprod, _layer_sumprod, _table_sumprod, _swap_zip,
                             COLUMN_FORM_MAX_INPUTS)

if sys.implementation.name == "pypy":  # pragma: no cover - depends on the interpreter
    DEFAULT = FORMS[LOOP]
else:
    DEFAULT = FORMS[SUMPROD] if sumprod is not None else FORMS[SUM_MAP]
