"""Min-max scaling of input columns: learned from training rows, applied to any rows.

Glossary: a column is one input feature over all rows; min and max are its
smallest and largest training values.
"""

import math
from collections import namedtuple

from ..errors import DataError

__all__ = ["MinMaxScaling", "normalize", "min_max", "column_ranges"]


class MinMaxScaling(namedtuple("MinMaxScaling", "minimums maximums")):
    """Per-column min-max scaling learned from training rows: x' = (x - min) / (max - min).

    A column whose minimum equals its maximum maps to 0.0. New rows may fall
    outside [0, 1]; they are not clipped.

    >>> s = MinMaxScaling(minimums=[0.0, 10.0], maximums=[2.0, 10.0])
    >>> s.apply([[1.0, 10.0], [4.0, 3.0]])
    [[0.5, 0.0], [2.0, 0.0]]
    """

    __slots__ = ()

    def apply(self, rows):
        """Return the rows scaled with this scaling (new lists; rows are not modified)."""
        ranges = column_ranges(self.minimums, self.maximums)
        width = len(self.minimums)
        out = []
        for i, row in enumerate(rows):
            if len(row) != width:
                raise DataError("row %d has %d values; the scaling has %d columns" % (i, len(row), width))
            out.append([
                (x - lo) / r if r else 0.0 for x, lo, r in zip(row, self.minimums, ranges)
            ])
        return out


def column_ranges(minimums, maximums, names=None):
    """Return max - min of each column, or raise DataError for a range too wide for a float.

    ``names``, when given, names the columns in the message.

    >>> column_ranges([0.0, -1e308], [2.0, 1e308])
    Traceback (most recent call last):
    ...
    nnscratch.errors.DataError: input column 1 spans -1e+308 to 1e+308: max - min is too large for a \
float, so it cannot be scaled; divide the column by a large power of ten first
    """
    ranges = [hi - lo for lo, hi in zip(minimums, maximums)]
    for i, (lo, hi, r) in enumerate(zip(minimums, maximums, ranges)):
        if not math.isfinite(r):
            raise DataError(
                "input column %s spans %r to %r: max - min is too large for a float, so it cannot be "
                "scaled; divide the column by a large power of ten first"
                % (repr(names[i]) if names and i < len(names) else i, lo, hi))
    return ranges


def normalize(rows):
    """Min-max scale each column to [0, 1]; return (scaled rows, the scaling).

    Keep the returned ``MinMaxScaling`` and ``apply`` it to new rows, so test
    and user rows are scaled with the training rows' minimums and maximums.

    >>> scaled, scaling = normalize([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0]])
    >>> scaled
    [[0.0, 0.0], [1.0, 0.0], [0.5, 0.0]]
    >>> scaling.apply([[4.0, 5.0]])
    [[1.5, 0.0]]
    """
    scaling = MinMaxScaling(*min_max(rows))
    return scaling.apply(rows), scaling


def min_max(rows, names=None):
    """Return (minimums, maximums) of each column of rows; ``column_ranges`` checks them.

    >>> min_max([[1.0, 5.0], [3.0, -5.0]])
    ([1.0, -5.0], [3.0, 5.0])
    """
    if not rows:
        raise DataError("normalize: no rows to learn a scaling from")
    columns = list(zip(*rows))
    minimums, maximums = [min(c) for c in columns], [max(c) for c in columns]
    column_ranges(minimums, maximums, names)
    return minimums, maximums
