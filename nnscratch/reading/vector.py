"""List-of-floats helpers: the vector and matrix maths the reading path builds on.

Article 003 writes three helpers by hand, ``dotProduct``, ``vecAdd`` and
``scalarMatMul``; articles 001/002 lean on gonum's matrices for the rest. Here
a vector is a ``list`` of floats and a matrix is a list of rows (one list per
row), so every value prints plainly in the REPL.

Glossary:
    v, u   vectors (lists of floats)
    m      a matrix: a list of rows, all of the same length
    s      a scalar (a float)

Every helper checks that lengths agree and raises ``DataError`` (a
``ValueError``) naming both lengths. Go's ``dotProduct`` loops over the first
slice: it panics when the second is shorter, and ignores the tail of a longer
second slice.

This is the reading path's floor: each helper is the plain loop it names,
with one fixed form and no state, so it reads beside the Go. The fast engine
has its own kernels (``nnscratch.engine.kernels``) that compute the same sums.
"""

from ..errors import DataError

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
]


def _check_same_length(v1, v2, what):
    """Raise DataError unless v1 and v2 have the same length."""
    if len(v1) != len(v2):
        raise DataError(
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
    nnscratch.errors.DataError: dot: lengths differ, 2 and 1
    """
    _check_same_length(v1, v2, "dot")
    total = 0.0
    for a, b in zip(v1, v2):
        total += a * b
    return total


def vec_add(v1, v2):
    """Return the element-wise sum of two vectors.

    Article 003's ``vecAdd``: result[i] = v1[i] + v2[i].

    >>> vec_add([1.0, 2.0], [0.5, 0.25])
    [1.5, 2.25]
    """
    _check_same_length(v1, v2, "vec_add")
    return [a + b for a, b in zip(v1, v2)]


def vec_sub(v1, v2):
    """Return the element-wise difference v1 - v2.

    gonum's ``Sub``, used for the network error ``y - output``:
    result[i] = v1[i] - v2[i].

    >>> vec_sub([1.0, 2.0], [0.5, 0.25])
    [0.5, 1.75]
    """
    _check_same_length(v1, v2, "vec_sub")
    return [a - b for a, b in zip(v1, v2)]


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
    return [a * b for a, b in zip(v1, v2)]


def _check_matrix(m, what):
    """Raise DataError unless every row of m has the length of the first."""
    width = len(m[0]) if m else 0
    for i, row in enumerate(m):
        if len(row) != width:
            raise DataError(
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
        raise DataError(
            "mat_vec: lengths differ, rows of %d and a vector of %d"
            % (width, len(v))
        )
    return [dot(row, v) for row in m]


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
        raise DataError(
            "mat_mul: lengths differ, rows of a have %d and b has %d rows"
            % (width, len(b))
        )
    columns = transpose(b)
    return [[dot(row, column) for column in columns] for row in a]


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
    nnscratch.errors.DataError: sum_along_axis: invalid axis 2, must be 0 or 1
    """
    if axis not in (0, 1):
        raise DataError("sum_along_axis: invalid axis %r, must be 0 or 1" % (axis,))
    _check_matrix(m, "sum_along_axis")
    if axis == 0:
        return [float(sum(col)) for col in zip(*m)]
    return [float(sum(row)) for row in m]
