"""Argument checks shared by every model and front door: tables of rows, and settings.

Each raises an ``NNScratchError`` subclass whose message names the argument
and shows what it received.
"""

from math import isfinite

from .errors import DataError, TrainingError


def check_rows(rows, name, width=None, width_name=None):
    """Return the width of a non-empty table of finite numbers, or raise DataError.

    ``width`` is the width every row must have (default: the first row's);
    ``width_name`` says where that width comes from, for the message.
    """
    if isinstance(rows, (str, bytes)) or not hasattr(rows, "__len__"):
        raise DataError(
            "%s must be a list of rows (lists of numbers), got %s"
            % (name, type(rows).__name__)
        )
    if len(rows) == 0:
        raise DataError("%s is empty; give at least one row" % name)
    if width is None:
        width = _row_length(rows[0], name, 0)
    # Fast path: C-level passes over the whole table; a problem sends us cell by cell.
    # The total of ints and floats is an int or a float: anything else (a Decimal,
    # a Fraction) is a cell the models cannot take.
    try:
        if set(map(len, rows)) == {width}:
            total = sum(map(sum, rows))
            if type(total) in (int, float) and isfinite(total):
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
            if not isinstance(value, (int, float)):  # bool is an int, as in Python: True is 1
                raise DataError(
                    "%s[%d][%d]: expected a number, got %r"
                    % (name, i, j, value)
                )
            if not _finite(value):
                raise DataError(
                    "%s[%d][%d]: expected a finite number, got %r"
                    % (name, i, j, value)
                )
    return width


def check_same_count(x, y, x_name, y_name):
    """Raise DataError unless x and y have the same number of rows."""
    if len(x) != len(y):
        raise DataError(
            "%s has %d rows but %s has %d; give one target per input row"
            % (x_name, len(x), y_name, len(y))
        )


def _finite(value):
    """isfinite for an int or a float, where an int too large for a float counts as infinite."""
    try:
        return isfinite(value)
    except OverflowError:
        return False


def _row_length(row, name, i):
    """Return len(row), or raise DataError if the row is not a sequence of values."""
    if isinstance(row, (str, bytes)) or not hasattr(row, "__len__"):
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


def check_number(value, name, positive=False, error=TrainingError):
    """Return value if it is a finite number >= 0 (> 0 if positive; not a bool), else raise error.

    >>> check_number(0.5, "learning_rate", positive=True)
    0.5
    >>> check_number(float("nan"), "l2")
    Traceback (most recent call last):
    ...
    nnscratch.errors.TrainingError: l2 must be a finite number >= 0, got nan
    """
    if not is_number(value) or not isfinite(value) or value < 0 or (positive and value == 0):
        raise error("%s must be a finite number %s 0, got %r" % (name, ">" if positive else ">=", value))
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
