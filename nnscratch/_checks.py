"""Argument checks shared by every model and front door: tables of rows, and settings.

Each raises an ``NNScratchError`` subclass whose message names the argument
and shows what it received.
"""

import sys
from itertools import chain
from math import isfinite

from .errors import DataError, TrainingError

#: The types of value the fast path of ``check_rows`` takes.
NUMBER_TYPES = frozenset([int, float])

# PyPy's JIT compiles a plain loop over the table to machine code, faster there than the passes
# in C (map, chain, sum) that CPython wants: the fast paths below take the form that suits.
_JIT = sys.implementation.name == "pypy"


def check_rows(rows, name, width=None, width_name=None):
    """Return the width of a non-empty table of finite numbers, or raise DataError.

    One rule for every table of rows: each row is a sequence (a list or a
    tuple, not a dict or a set) of ints and floats; bools are refused, as a
    True is more likely a mistake than a 1. ``width`` is the width every row
    must have (default: the first row's); ``width_name`` says where that
    width comes from, for the message.

    >>> check_rows([[0.5, 1], (2.0, 3)], "rows")
    2
    >>> check_rows([[1.0, True]], "rows")
    Traceback (most recent call last):
    ...
    nnscratch.errors.DataError: rows[0][1]: expected a number, got True (a bool)
    """
    if isinstance(rows, (str, bytes, dict, set, frozenset)) or not hasattr(rows, "__len__"):
        raise DataError(
            "%s must be a list of rows (lists of numbers), got %s"
            % (name, type(rows).__name__)
        )
    if len(rows) == 0:
        raise DataError("%s is empty; give at least one row" % name)
    if width is None:
        width = _row_length(rows[0], name, 0)
    # Fast paths: passes over the whole table (in C on CPython, a plain loop on PyPy); a problem
    # sends us cell by cell. list.__len__ takes only lists and float.__float__ only floats:
    # anything else is a TypeError.
    try:
        if _JIT:
            if _plain_numbers(rows, width):
                return width
        elif len(rows) == 1:  # one row, as a server or a user predicting one sample sends
            if list.__len__(rows[0]) == width and isfinite(sum(map(float.__float__, rows[0]))):
                return width
        elif set(map(list.__len__, rows)) == {width} and isfinite(_total(rows, width)):
            types = list(map(type, chain.from_iterable(rows)))
            if types.count(float) == len(types) or set(types) <= NUMBER_TYPES:  # count: the quicker pass
                return width
    except (TypeError, OverflowError):  # OverflowError: an int too large for a float
        pass
    for i, row in enumerate(rows):
        if _row_length(row, name, i) != width:
            expected = "%d (%s)" % (width, width_name) if width_name else "%d like %s[0]" % (width, name)
            raise DataError(
                "%s[%d] has %d values, expected %s" % (name, i, len(row), expected)
            )
        for j, value in enumerate(row):
            if not is_number(value):
                raise DataError(
                    "%s[%d][%d]: expected a number, got %r%s"
                    % (name, i, j, value, " (a bool)" if isinstance(value, bool) else "")
                )
            if not is_finite(value):
                raise DataError(
                    "%s[%d][%d]: expected a finite number, got %s"
                    % (name, i, j, short_repr(value))
                )
    return width


def check_outputs(outputs, name="rows"):
    """Return outputs if every value is finite, else raise DataError naming the first bad row.

    A model's outputs stop being numbers when its inputs are so large that
    the sums overflow (inf - inf is nan): such a row has no prediction.

    >>> check_outputs([[0.25, 0.75], [float("nan"), 0.5]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nnscratch.errors.DataError: rows[1]: the model's outputs are not finite numbers ([nan, 0.5]), ...
    """
    try:
        if outputs and isfinite(_total(outputs, len(outputs[0]))):
            return outputs
    except (OverflowError, TypeError):  # TypeError: rows of unequal widths, or not numbers
        pass
    for i, row in enumerate(outputs):
        if not all(map(is_finite, row)):
            detail = ("the model's outputs are not finite numbers (%s), so there is no prediction; the "
                      "inputs are probably far larger than the rows it was trained on"
                      % short_repr(list(row)))
            error = DataError("%s[%d]: %s" % (name, i, detail))
            error.row, error.detail = i, detail  # for a front door to name the row its own way
            raise error
    return outputs  # each value is finite; only their sum overflowed


def check_same_count(x, y, x_name, y_name):
    """Raise DataError unless x and y have the same number of rows."""
    if len(x) != len(y):
        raise DataError(
            "%s has %d rows but %s has %d; give one target per input row"
            % (x_name, len(x), y_name, len(y))
        )


def is_finite(value):
    """Return True for a finite int or float (not a bool), where an int too large for a float is not.

    >>> is_finite(1e308), is_finite(float("nan")), is_finite(10 ** 400), is_finite(True)
    (True, False, False, False)
    """
    try:
        return is_number(value) and isfinite(value)
    except OverflowError:
        return False


def _total(rows, width):
    """The sum of every value as a float: one pass for short rows, a sum per row for long ones.

    The sums start at 0.0, so an int too large for a float raises OverflowError at once, even
    when another cancels it (10 ** 400 - 10 ** 400 would be a finite 0 in ints).
    """
    if _JIT:
        total = 0.0
        for row in rows:
            for value in row:
                total += value
        return total
    return sum(chain.from_iterable(rows), 0.0) if width <= 16 else sum([sum(row, 0.0) for row in rows])


def _plain_numbers(rows, width):
    """True if each row of rows is a list of ``width`` ints and floats (no bools), with a finite sum.

    The loop of ``check_rows``'s fast path for PyPy; False sends it cell by cell, for the message.
    """
    total = 0.0
    for row in rows:
        if row.__class__ is not list or len(row) != width:
            return False
        for value in row:
            kind = value.__class__
            if kind is not float and kind is not int:
                return False
            total += value
    return isfinite(total)


def short_repr(value, limit=60):
    """repr(value) cut to about limit characters: a message names a value, it does not reprint it.

    >>> short_repr(10 ** 400)
    '10000000000000000000... (401 digits)'
    >>> short_repr("x" * 100, limit=12)
    "'xxxxxxx ..."
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    if isinstance(value, int):
        return "%s... (%d digits)" % (text[:20], len(text.lstrip("-")))
    return text[:limit - 4] + " ..."


def _row_length(row, name, i):
    """Return len(row), or raise DataError if the row is not a sequence of values."""
    if isinstance(row, (str, bytes, dict, set, frozenset)) or not hasattr(row, "__len__"):
        raise DataError(
            "%s[%d] must be a list of numbers, got %s" % (name, i, type(row).__name__)
        )
    return len(row)


# ----- settings: one helper per kind of value, each naming the setting in its message ----


def is_whole(value):
    """Return True for a whole number (an int, but not a bool, which Python counts as one).

    >>> is_whole(3), is_whole(3.0), is_whole(True)
    (True, False, False)
    """
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    """Return True for an int or a float, finite or not, but not a bool.

    >>> is_number(2.5), is_number(float("inf")), is_number("2.5"), is_number(False)
    (True, True, False, False)
    """
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_whole(value, name, low=0, error=TrainingError):
    """Return value if it is a whole number >= low (not a bool), else raise error naming it.

    >>> check_whole(3, "epochs")
    3
    >>> check_whole(2.5, "train: epochs")
    Traceback (most recent call last):
    ...
    nnscratch.errors.TrainingError: train: epochs must be a whole number >= 0, got 2.5
    """
    if not is_whole(value) or value < low:
        raise error("%s must be a whole number >= %d, got %r" % (name, low, value))
    return value


def check_seed(seed, name="seed", error=TrainingError):
    """Return seed if it is None (a fresh seed each run) or a whole number, else raise error naming it.

    >>> check_seed(42)
    42
    >>> check_seed([1], "Network: seed")
    Traceback (most recent call last):
    ...
    nnscratch.errors.TrainingError: Network: seed must be a whole number (or None for a fresh one), got [1]
    """
    if seed is not None and not is_whole(seed):
        raise error("%s must be a whole number (or None for a fresh one), got %r" % (name, seed))
    return seed


def check_number(value, name, positive=False, error=TrainingError):
    """Return value if it is a finite number >= 0 (> 0 if positive; not a bool), else raise error.

    >>> check_number(0.5, "learning_rate", positive=True)
    0.5
    >>> check_number(float("nan"), "l2")
    Traceback (most recent call last):
    ...
    nnscratch.errors.TrainingError: l2 must be a finite number >= 0, got nan
    """
    if not is_finite(value) or value < 0 or (positive and value == 0):
        raise error("%s must be a finite number %s 0, got %s"
                    % (name, ">" if positive else ">=", short_repr(value)))
    return value


def check_choice(value, table, what, error=TrainingError):
    """Return table[value], or raise error listing the names table knows.

    >>> check_choice("b", {"a": 1, "b": 2}, "letter")
    2
    >>> check_choice("z", {"a": 1, "b": 2}, "letter")
    Traceback (most recent call last):
    ...
    nnscratch.errors.TrainingError: unknown letter 'z'; choose one of a, b
    """
    try:
        return table[value]
    except (KeyError, TypeError):
        raise error("unknown %s %r; choose one of %s" % (what, value, ", ".join(sorted(table)))) from None
