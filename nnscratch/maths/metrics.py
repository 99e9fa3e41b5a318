"""Scoring predictions: argmax, accuracy and the confusion matrix.

Glossary:
    prediction  one output row of a model (a list of floats)
    label       the matching target: a one-hot row, or a class index (an int)
"""

from .._checks import NUMBER_TYPES, is_finite
from ..errors import DataError
from ..svg import heat_map

__all__ = ["argmax", "label_index", "accuracy", "confusion_matrix", "ConfusionMatrix", "precision_recall_f1"]


def argmax(row):
    """Return the index of the largest value; on a tie, the first such index.

    >>> argmax([0.1, 0.7, 0.2])
    1
    >>> argmax([0.5, 0.5, 0.0])
    0
    """
    return row.index(max(row))


def label_index(row):
    """Return the class a prediction or label row stands for.

    With several outputs, the class is the ``argmax``. With one output (a
    yes/no model), it is 1 when the value is at least 0.5, else 0.

    >>> label_index([0.2, 0.8]), label_index([0.8]), label_index([0.3])
    (1, 1, 0)
    """
    if len(row) == 1:
        return 1 if row[0] >= 0.5 else 0
    return row.index(max(row))


def _class_of(label, n_classes, width, i):
    """The class of labels[i]: a class index below n_classes, or of a one-hot row as wide as a prediction."""
    if isinstance(label, (list, tuple)):
        if len(label) == width and set(map(type, label)) <= NUMBER_TYPES and is_finite(sum(label)):
            return label_index(label)
        raise DataError("labels[%d]: expected a one-hot row of %d numbers (or a class index), got %s"
                        % (i, width, repr(label)[:60]))
    if isinstance(label, bool) or not isinstance(label, int):
        raise DataError("labels[%d]: expected a class index or a one-hot row, got %r" % (i, label))
    if not 0 <= label < n_classes:
        shown = str(label) if len(str(label)) <= 20 else str(label)[:20] + "..."
        raise DataError("labels[%d]: class index %s is out of range: the model has %d classes, 0 to %d"
                        % (i, shown, n_classes, n_classes - 1))
    return label


def accuracy(predictions, labels):
    """Return the fraction of rows whose predicted class is the labelled class.

    Classes are read with ``label_index`` (a label may also be a class index,
    an int). A tie in a prediction goes to the first of the tied classes, so
    ``[0.5, 0.5, 0.0]`` predicts class 0 only. Article 001 instead counts a
    hit whenever the labelled class's output equals the row's maximum, so a
    tie scores for every tied class.

    >>> accuracy([[0.9, 0.1], [0.4, 0.6], [0.5, 0.5]], [[1, 0], [1, 0], [0, 1]])
    0.3333333333333333
    """
    _check_counts(predictions, labels, "accuracy")
    width = len(predictions[0])
    hits = sum(label_index(p) == _class_of(t, max(2, width), width, i)
               for i, (p, t) in enumerate(zip(predictions, labels)))
    return hits / len(predictions)


class ConfusionMatrix(list):
    """counts[true class][predicted class]: a list of rows of ints, that a notebook shows as a heat map.

    It is a plain list in every other way (its ``repr``, equality, JSON);
    ``classes`` names the rows and columns when they are known.

    >>> m = ConfusionMatrix([[3, 1], [0, 4]], ["cat", "dog"])
    >>> m == [[3, 1], [0, 4]], m.classes
    (True, ['cat', 'dog'])
    """

    def __init__(self, counts=(), classes=None):
        super().__init__(counts)
        self.classes = list(classes) if classes else ["class %d" % k for k in range(len(self))]

    def _repr_svg_(self):
        return heat_map(self, [str(c) for c in self.classes], title="Confusion matrix")


def confusion_matrix(predictions, labels, n_classes=None, classes=None):
    """Return counts[true class][predicted class] as a list of rows of ints.

    ``n_classes`` defaults to the width of the prediction rows (2 for a
    one-output model). The list is a ``ConfusionMatrix``, which a notebook
    draws as a heat map, its rows and columns named by ``classes``.

    >>> confusion_matrix([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]], [[1, 0], [1, 0], [0, 1]])
    [[1, 1], [0, 1]]
    """
    _check_counts(predictions, labels, "confusion_matrix")
    if n_classes is None:
        n_classes = max(2, len(predictions[0]))
    if classes is not None and len(classes) != n_classes:
        raise DataError("confusion_matrix: %d class names for %d classes" % (len(classes), n_classes))
    counts = [[0] * n_classes for _ in range(n_classes)]
    width = len(predictions[0])
    for i, (p, t) in enumerate(zip(predictions, labels)):
        counts[_class_of(t, n_classes, width, i)][label_index(p)] += 1
    return ConfusionMatrix(counts, classes)


def precision_recall_f1(matrix):
    """Per class, from a confusion matrix: (precision, recall, F1, support).

    precision = right / predicted as the class, recall = right / truly the
    class, F1 = their harmonic mean, support = how many truly are the class.
    A ratio with nothing to divide by is 0.0.

    >>> precision_recall_f1([[3, 1], [0, 4]])
    [(1.0, 0.75, 0.8571428571428571, 4), (0.8, 1.0, 0.888888888888889, 4)]
    """
    out = []
    for k in range(len(matrix)):
        right = matrix[k][k]
        predicted = sum(row[k] for row in matrix)
        support = sum(matrix[k])
        precision = right / predicted if predicted else 0.0
        recall = right / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out.append((precision, recall, f1, support))
    return out


def _check_counts(predictions, labels, what):
    if len(predictions) != len(labels):
        raise DataError("%s: %d predictions but %d labels" % (what, len(predictions), len(labels)))
    if not predictions:
        raise DataError("%s: no predictions to score" % what)
