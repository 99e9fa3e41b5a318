"""The library's one family of errors.

Every error nnscratch raises on purpose is an ``NNScratchError``, which is a
``ValueError``, so ``except ValueError`` catches it too (the pattern of
``statistics.StatisticsError``). Messages say what was expected and what was
found, and name the file, line, column or field when there is one.
"""

__all__ = ["NNScratchError", "DataError", "NotTrainedError", "TrainingError"]


class NNScratchError(ValueError):
    """Base class of every error nnscratch raises on purpose."""


class DataError(NNScratchError):
    """A data file or a table of rows is not what was expected.

    ``path``, ``line`` and ``column`` locate the problem when known (lines
    count from 1 as an editor shows them, columns from 1 as a spreadsheet
    does); they are also written into the message.

    >>> str(DataError("not a number: 'x'", path="iris.csv", line=3, column=2))
    "iris.csv, line 3, column 2: not a number: 'x'"
    """

    def __init__(self, message, path=None, line=None, column=None):
        self.reason = message
        self.path = path
        self.line = line
        self.column = column
        where = []
        if path is not None:
            where.append(str(path))
        if line is not None:
            where.append("line %d" % line)
        if column is not None:
            where.append("column %s" % column)
        super().__init__(", ".join(where) + ": " + message if where else message)


class NotTrainedError(NNScratchError):
    """A model was asked to predict before it was trained."""


class TrainingError(NNScratchError):
    """Training was given unusable settings or data, or diverged."""
