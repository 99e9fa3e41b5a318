"""List-of-floats helpers: the vector and matrix maths every model builds on.

Article 003 writes three helpers by hand, ``dotProduct``, ``vecAdd`` and
``scalarMatMul``; articles 001/002 lean on gonum's matrices for the rest. Here
a vector is a ``list`` of floats and a matrix is a list of rows (one list per
row), so every value prints plainly in the REPL.

Glossary:
    v, u   vectors (lists of floats)
    m      a matrix: a list of rows, all of the same length
    s      a scalar (a float)

Every helper checks that lengths agree and raises ``ValueError`` naming both
lengths; the Go code panics or silently reads past the shorter slice.

Speed. In pure Python, training time goes to dot products, so this module
picks the fastest form once, at import (see "Speed" at the end): on CPython,
``math.sumprod`` where it exists (3.12+, about three times faster), else
``sum(map(mul, u, v))``, which runs the loop in C; on PyPy, a plain indexed
``for`` loop, which its JIT compiles best. ``dot_form()`` names the choice.
The batch kernels at the end (``affine``, ``layer_columns``, ``dot_table``)
are what ``Network`` trains with; they skip the length checks.

This module imports nothing from the package: it is the ground floor.
"""

import sys
from itertools import repeat
from operator import add, mul, sub

__all__ = [
    "dot",
    "vec_add",
    "vec_sub",
    "scalar_mul",
    "mul_elem",
    "mat_vec",
    "mat_mul",
    "transpose",
    "outer",
    "sum_along_axis",
    "dot_form",
    "set_dot_form",
    "affine",
    "layer_columns",
    "dot_table",
    "swap_layout",
]


def _check_same_length(v1, v2, what):
    """Raise ValueError unless v1 and v2 have the same length."""
    if len(v1) != len(v2):
        raise ValueError(
            "%s: lengths differ, %d and %d" % (what, len(v1), len(v2))
        )


def dot(v1, v2):
    """Return the dot product of two vectors of the same length.

    Article 003's ``dotProduct``: sum over i of v1[i] * v2[i].

    >>> dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    32.0
    >>> dot([1.0, 2.0], [1.0])
    Traceback (most recent call last):
    ...
    ValueError: dot: lengths differ, 2 and 1
    """
    _check_same_length(v1, v2, "dot")
    return float(_dot(v1, v2))


def vec_add(v1, v2):
    """Return the element-wise sum of two vectors.

    Article 003's ``vecAdd``: result[i] = v1[i] + v2[i].

    >>> vec_add([1.0, 2.0], [0.5, 0.25])
    [1.5, 2.25]
    """
    _check_same_length(v1, v2, "vec_add")
    return list(map(add, v1, v2))


def vec_sub(v1, v2):
    """Return the element-wise difference v1 - v2.

    gonum's ``Sub``, used for the network error ``y - output``:
    result[i] = v1[i] - v2[i].

    >>> vec_sub([1.0, 2.0], [0.5, 0.25])
    [0.5, 1.75]
    """
    _check_same_length(v1, v2, "vec_sub")
    return list(map(sub, v1, v2))


def scalar_mul(s, v):
    """Return the vector v scaled by the number s.

    Article 003's ``scalarMatMul`` (despite its name it scales a vector):
    result[i] = s * v[i].

    >>> scalar_mul(2.0, [1.0, -0.5])
    [2.0, -1.0]
    """
    return [s * x for x in v]


def mul_elem(v1, v2):
    """Return the element-wise (Hadamard) product of two vectors.

    gonum's ``MulElem``: result[i] = v1[i] * v2[i].

    >>> mul_elem([1.0, 2.0, 3.0], [2.0, 0.5, 0.0])
    [2.0, 1.0, 0.0]
    """
    _check_same_length(v1, v2, "mul_elem")
    return list(map(mul, v1, v2))


def _check_matrix(m, what):
    """Raise ValueError unless every row of m has the length of the first."""
    width = len(m[0]) if m else 0
    for i, row in enumerate(m):
        if len(row) != width:
            raise ValueError(
                "%s: row %d has length %d, row 0 has length %d"
                % (what, i, len(row), width)
            )
    return width


def mat_vec(m, v):
    """Return the matrix-vector product m . v, one entry per row of m.

    result[i] = dot(m[i], v).

    >>> mat_vec([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]], [3.0, 4.0])
    [3.0, 8.0, 7.0]
    """
    width = _check_matrix(m, "mat_vec")
    if m and width != len(v):
        raise ValueError(
            "mat_vec: lengths differ, rows of %d and a vector of %d"
            % (width, len(v))
        )
    return [float(_dot(row, v)) for row in m]


def transpose(m):
    """Return the transpose of m: its columns as rows.

    result[j][i] = m[i][j].

    >>> transpose([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
    """
    _check_matrix(m, "transpose")
    return [list(col) for col in zip(*m)]


def mat_mul(a, b):
    """Return the matrix product a . b (gonum's ``Mul``).

    result[i][j] = dot(a[i], column j of b); a is n x k, b is k x p.

    >>> mat_mul([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]])
    [[19.0, 22.0], [43.0, 50.0]]
    """
    width = _check_matrix(a, "mat_mul")
    _check_matrix(b, "mat_mul")
    if a and width != len(b):
        raise ValueError(
            "mat_mul: lengths differ, rows of a have %d and b has %d rows"
            % (width, len(b))
        )
    return dot_table(a, list(zip(*b)))


def outer(u, v):
    """Return the outer product of u and v: a len(u) x len(v) matrix.

    result[i][j] = u[i] * v[j].

    >>> outer([1.0, 2.0], [3.0, 4.0, 5.0])
    [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]]
    """
    return [[x * y for y in v] for x in u]


def sum_along_axis(axis, m):
    """Sum a matrix along one axis, keeping the other (article 001's ``sumAlongAxis``).

    axis 0 sums each column (one entry per column), axis 1 sums each row (one
    entry per row). The Go version returns a 1 x n or n x 1 matrix; here the
    result is a plain vector either way.

    >>> sum_along_axis(0, [[1.0, 2.0], [3.0, 4.0]])
    [4.0, 6.0]
    >>> sum_along_axis(1, [[1.0, 2.0], [3.0, 4.0]])
    [3.0, 7.0]
    >>> sum_along_axis(2, [[1.0]])
    Traceback (most recent call last):
    ...
    ValueError: sum_along_axis: invalid axis 2, must be 0 or 1
    """
    if axis not in (0, 1):
        raise ValueError("sum_along_axis: invalid axis %r, must be 0 or 1" % (axis,))
    _check_matrix(m, "sum_along_axis")
    if axis == 0:
        return [float(sum(col)) for col in zip(*m)]
    return [float(sum(row)) for row in m]


# ----- speed: the dot-product form and the batch kernels ----------------------
# A batch in *column layout* holds one list per input (or per neuron), with
# one entry per sample: columns[i][s] is input i of sample s. Article 001's
# matrices hold one row per sample instead; the column layout lets each Python
# operation work on a whole batch at once.
#
# Every form adds the products in index order and a bias last, so on one
# interpreter they agree with ``dot(w, x) + b`` to the last bit, except
# math.sumprod, which rounds once at the end (it is more accurate).

SUMPROD, SUM_MAP, LOOP = "math.sumprod", "sum(map(mul))", "for loop"

try:
    from math import sumprod as _SUMPROD  # Python 3.12+
except ImportError:  # pragma: no cover - depends on the Python version
    _SUMPROD = None

#: Measured on this project's 2-core machine (``python -m nnscratch.bench``
#: measures yours): on PyPy 7.3, an indexed loop runs at 140 million
#: multiply-adds a second for 4 inputs and 880 for 64, against 60 and 600 for
#: sum(map(mul)). On CPython 3.12+, math.sumprod is fastest at every width.
if sys.implementation.name == "pypy":  # pragma: no cover - depends on the interpreter
    _DEFAULT_FORM = LOOP
else:
    _DEFAULT_FORM = SUMPROD if _SUMPROD is not None else SUM_MAP

#: Measured on CPython 3.11: a layer with 4 inputs computed as a sum of scaled
#: input columns runs at about 21 million multiply-adds a second, against 15
#: for length-4 dot products; at 10 inputs the dot products win (24 against
#: 19). Only the sum(map(mul)) form uses it.
_COLUMN_FORM_INPUTS = 8

_form = _DEFAULT_FORM  # the form in use
COLUMN_FORM_MAX_INPUTS = _COLUMN_FORM_INPUTS if _form == SUM_MAP else 0


def dot_form():
    """Return the name of the dot-product form in use.

    "math.sumprod", "sum(map(mul))" or "for loop", chosen at import for this
    interpreter.
    """
    return _form


def set_dot_form(form):
    """Use another dot-product form; return the one in use before.

    For benchmarks that compare the forms side by side; ``None`` restores the
    form chosen at import.
    """
    global _form, COLUMN_FORM_MAX_INPUTS
    before = _form
    form = _DEFAULT_FORM if form is None else form
    if form not in (SUMPROD, SUM_MAP, LOOP):
        raise ValueError("unknown dot form %r; use %r, %r or %r" % (form, SUMPROD, SUM_MAP, LOOP))
    if form == SUMPROD and _SUMPROD is None:
        raise ValueError("math.sumprod needs Python 3.12 or later")
    _form = form
    COLUMN_FORM_MAX_INPUTS = _COLUMN_FORM_INPUTS if form == SUM_MAP else 0
    return before


def _dot(v1, v2):
    """The dot product in the form in use, without checks."""
    if _form == SUMPROD:
        return _SUMPROD(v1, v2)
    if _form == LOOP:
        total = 0.0
        for i in range(len(v1)):
            total += v1[i] * v2[i]
        return total
    return sum(map(mul, v1, v2))


def affine(weights, x, biases):
    """Return one sample's pre-activations: z[j] = dot(weights[j], x) + biases[j].

    Article 000's ``Layer.Forward`` sums, in the fastest dot-product form and
    without length checks.

    >>> affine([[1.0, 2.0], [0.0, -1.0]], [1.0, 10.0], [0.5, 0.0])
    [21.5, -10.0]
    """
    if _form == SUMPROD:
        dot = _SUMPROD
        return [dot(w, x) + b for w, b in zip(weights, biases)]
    if _form == LOOP:
        return [_dot(w, x) + b for w, b in zip(weights, biases)]
    return [sum(map(mul, w, x)) + b for w, b in zip(weights, biases)]


def layer_columns(weights, columns, biases=None):
    """Return a layer's pre-activations for a batch, in column layout.

    ``weights[j]`` is neuron j's row, ``columns[i]`` input i over the batch.
    The result has one list per neuron: z[j][s] = dot(weights[j], sample s)
    (+ biases[j]). Two ways to compute the same sums, picked by the number of
    inputs (``COLUMN_FORM_MAX_INPUTS``):

    - few inputs: z[j] = w[j][0] * columns[0] + w[j][1] * columns[1] + ...,
      a sum of scaled columns, each step one ``map`` over the whole batch
      (and always on PyPy, as plain loops);
    - otherwise: one dot product per sample, on the samples as rows.

    >>> layer_columns([[1.0, 2.0], [0.0, -1.0]], [[1.0, 3.0], [10.0, 20.0]], [0.5, 0.0])
    [[21.5, 43.5], [-10.0, -20.0]]
    """
    if len(columns) <= COLUMN_FORM_MAX_INPUTS:
        out = []
        for j, w in enumerate(weights):
            z = map(mul, repeat(w[0]), columns[0])
            for wi, column in zip(w[1:], columns[1:]):
                z = map(add, z, map(mul, repeat(wi), column))
            if biases is not None:
                z = map(add, z, repeat(biases[j]))
            out.append(list(z))
        return out
    if _form == LOOP:
        z = _loop_columns(weights, columns)
        return z if biases is None else _loop_add_biases(z, biases)
    rows = list(zip(*columns))
    dot = _SUMPROD if _form == SUMPROD else None
    if dot is not None:
        if biases is None:
            return [[dot(w, r) for r in rows] for w in weights]
        return [[dot(w, r) + b for r in rows] for w, b in zip(weights, biases)]
    if biases is None:
        return [[sum(map(mul, w, r)) for r in rows] for w in weights]
    return [[sum(map(mul, w, r)) + b for r in rows] for w, b in zip(weights, biases)]


def dot_table(a_rows, b_rows):
    """Return every dot product of a row of a_rows with a row of b_rows.

    result[i][j] = dot(a_rows[i], b_rows[j]): the matrix product a . b^T. With
    a batch in column layout, the weight gradient of a layer is
    ``dot_table(deltas, inputs)``: sum over samples of delta[j] * input[i].

    >>> dot_table([[1.0, 2.0]], [[3.0, 4.0], [1.0, 0.0]])
    [[11.0, 1.0]]
    """
    if _form == SUMPROD:
        dot = _SUMPROD
        return [[dot(a, b) for b in b_rows] for a in a_rows]
    if _form == LOOP:
        return _loop_table(a_rows, b_rows)
    return [[sum(map(mul, a, b)) for b in b_rows] for a in a_rows]


def swap_layout(table):
    """Rows (one per sample) -> columns (one per feature), or back: a transpose, unchecked.

    >>> swap_layout([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    [[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]
    """
    if _form == LOOP:  # PyPy: zip(*table) with many arguments is slow there
        return [[row[i] for row in table] for i in range(len(table[0]))]
    return [list(c) for c in zip(*table)]


# PyPy's JIT compiles these plain loops best. Keep a branch out of the inner
# loop: one taken on some calls only made the same code four times slower.

def _loop_table(a_rows, b_rows):
    """dot_table as plain loops."""
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


def _loop_columns(weights, columns):
    """layer_columns without biases as plain loops, in column layout (no transpose)."""
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
    return out


def _loop_add_biases(z, biases):
    """Add biases[j] to every entry of z[j], in place; return z."""
    for j in range(len(z)):
        row, b = z[j], biases[j]
        for s in range(len(row)):
            row[s] += b
    return z
