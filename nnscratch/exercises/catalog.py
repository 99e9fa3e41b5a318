"""The exercises, in teaching order: what to write, the Go it mirrors, and how it is checked.

Each ``Exercise`` has a text, the skeleton's functions, the library's own
implementation (its reference answer), and ``check(checker)``, which runs
fixed, edge and seeded random cases (and finite differences where there is a
gradient) against that reference. They are defined two by two:

    part1_foundations.py    1 dot, vec_add, scalar_mul;  2 the sigmoid and its derivative
    part2_perceptron.py     3 article 003's forward pass and gradients;  4 its train loop
    part3_hidden_layer.py   5 article 001's feed forward;  6 one step of its backpropagate
    part4_improvements.py   7 softmax with cross-entropy;  8 one momentum step, one Adam step
    part5_production.py     9 mini-batches and early stopping;  10 reading the articles' CSV
    exercise.py             what an exercise is made of, and the helpers the parts share

The references and the usual mistakes the hints recognise are built on the
reading path (``nnscratch.reading``) and the maths (``nnscratch.maths``);
exercise 9's on the engine's public ``batches``, and exercise 10's on
``nnscratch.data.tables.load_csv``.
"""

import inspect
import textwrap

from ..errors import NNScratchError
from .exercise import Exercise, Function
from .part1_foundations import SIGMOID, VECTORS
from .part2_perceptron import PERCEPTRON, TRAIN
from .part3_hidden_layer import BACKPROPAGATE, FEED_FORWARD
from .part4_improvements import OPTIMIZER_STEPS, SOFTMAX
from .part5_production import BATCHES, READ_CSV

__all__ = ["Exercise", "Function", "EXERCISES", "UnknownExerciseError", "by_number",
           "solution_source"]

#: The ten exercises, in teaching order.
EXERCISES = [VECTORS, SIGMOID, PERCEPTRON, TRAIN, FEED_FORWARD, BACKPROPAGATE, SOFTMAX,
             OPTIMIZER_STEPS, BATCHES, READ_CSV]


class UnknownExerciseError(NNScratchError, KeyError):
    """No exercise has that number (also a KeyError, as a lookup that failed)."""


def by_number(number):
    """The exercise numbered number; UnknownExerciseError if there is none.

    >>> by_number(6).filename
    'ex06_backpropagate.py'
    """
    for exercise in EXERCISES:
        if exercise.number == number:
            return exercise
    raise UnknownExerciseError("there is no exercise %r; they are numbered 1 to %d"
                               % (number, len(EXERCISES)))


def solution_source(exercise):
    """The library code an exercise rebuilds, then the answer under the student's names.

    A list of (name, "file:line", source): first each function or method of
    ``exercise.solution``, then, for each function the student writes, its
    reference answer with its def line naming the student's function (the
    references take the student's parameters, and call the code before them).
    The student's names come last, so that pasted whole, theirs are the
    definitions that stand. Every source is the package's own code, as
    ``inspect`` reads it.

    >>> for name, where, source in solution_source(by_number(3))[-2:]:
    ...     print(name, "|", source.splitlines()[0])
    grad_w (the library's ref_grad_w, renamed) | def grad_w(weights, bias, x, y):
    grad_b (the library's ref_grad_b, renamed) | def grad_b(weights, bias, x, y):
    """
    out = []
    for fn in exercise.functions:
        reference = exercise.reference[fn.name]
        name, where, source = _source(reference)
        if reference.__name__ != fn.name:
            source = source.replace("def %s(" % reference.__name__, "def %s(" % fn.name, 1)
            name = "%s (the library's %s, renamed)" % (fn.name, reference.__qualname__)
        out.append((name, where, source))
    return [_source(target) for target in exercise.solution] + out


def _source(target):
    """(qualified name, "file:line", dedented source) of a function or method."""
    try:
        lines, start = inspect.getsourcelines(target)
        where = "%s:%d" % (inspect.getsourcefile(target), start)
        source = textwrap.dedent("".join(lines))
    except (OSError, TypeError):
        source, where = "(source not available)\n", "?"
    return target.__qualname__, where, source
