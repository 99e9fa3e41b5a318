"""The library's one family of errors.

Every error nnscratch raises on purpose is an ``NNScratchError``, which is a
``ValueError``, so ``except ValueError`` catches it too (the pattern of
``statistics.StatisticsError``). An argument of the wrong type raises
``ArgumentTypeError``, which is also a ``TypeError``. Messages say what was
expected and what was found, and name the file, line, column or field when
there is one.

    NNScratchError (ValueError)
        DataError           a data file or a table of rows
        ModelFileError      a model file
        NotTrainedError     predicting or saving before training
        TrainingError       unusable settings, or training diverged
        ArgumentTypeError   an argument of the wrong type (also a TypeError)

The argument checks that raise them are in ``nnscratch._checks``.
"""

__all__ = ["NNScratchError", "DataError", "ModelFileError", "NotTrainedError", "TrainingError",
           "ArgumentTypeError"]


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


class ModelFileError(NNScratchError):
    """A model file cannot be read: not a model file, corrupt, or from a newer nnscratch.

    ``file`` is the file and ``where`` the JSON path of the bad value (such as
    ``model.layers[1].weights[3]``), when known; both are in the message.

    >>> str(ModelFileError("expected 5 numbers, got 4", file="m.json", where="model.layers[1].weights[3]"))
    'm.json: model.layers[1].weights[3]: expected 5 numbers, got 4'
    """

    def __init__(self, message, file=None, where=None):
        self.reason = message
        self.file = file
        self.where = where
        parts = [str(p) for p in (file, where) if p not in (None, "")]
        super().__init__(": ".join(parts + [message]))


class NotTrainedError(NNScratchError):
    """A model was asked to predict before it was trained."""


class TrainingError(NNScratchError):
    """Training was given unusable settings or data, or diverged."""


class ArgumentTypeError(NNScratchError, TypeError):
    """An argument of the wrong type, such as a config that is not a ``NeuralNetConfig``.

    >>> isinstance(ArgumentTypeError("x"), TypeError), isinstance(ArgumentTypeError("x"), ValueError)
    (True, True)
    """
