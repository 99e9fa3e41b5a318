"""What an exercise is made of, and the helpers every group of exercises shares.

An ``Exercise`` holds what the student reads (the text, the Go it mirrors, the
maths in a line, hints that go from a nudge to the whole method), the
functions of the starting file, ``check(checker)``, the reference answers the
checks compare with, and the library code that ``solution`` prints after them.
"""

import random
from collections import namedtuple
from dataclasses import dataclass

__all__ = ["Exercise", "Function", "rng_for", "numeric_gradient"]

#: A function the student writes: its name, parameters, and docstring.
Function = namedtuple("Function", "name params doc")


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise. ``filename`` is its starting file, ``exNN_slug.py``.

    ``check(checker)`` runs every case of the exercise; ``reference`` maps each
    function's name to the library-built answer the checks compare with (a
    test checks that the references pass every check); each has the
    signature of the student's function, so ``solution`` can print it under
    the student's name, followed by ``solution``: the library's own functions
    and methods that the references call. ``hints`` go from a nudge to the
    whole method, never to code; ``hint N --level K`` prints the first K.
    """

    number: int
    slug: str
    title: str
    text: str  # what to write
    go: str  # the Go it mirrors, quoted from the articles
    maths: str  # the maths in one line
    functions: list  # of Function
    check: object  # check(checker)
    reference: dict  # function name -> reference answer
    solution: list  # the library's functions and methods the references call, shown after them
    hints: tuple  # of sentences, each more specific than the one before (at least 3)

    @property
    def filename(self):
        return "ex%02d_%s.py" % (self.number, self.slug)


def rng_for(number, seed=None):
    """The seeded generator of an exercise's random cases: the same cases on every run.

    With a ``seed`` (``grade --seed-per-student`` gives each student one), the
    cases are another draw, the same on every run with that seed.

    >>> rng_for(1).random() == rng_for(1).random() != rng_for(1, "alice").random()
    True
    """
    if seed is None:
        return random.Random(1000 + number)
    return random.Random("%s/%d" % (seed, number))


def numeric_gradient(f, v, h=1e-6):
    """The slope of f at the list v along each entry, by central differences.

    Entry i is (f(v + h e_i) - f(v - h e_i)) / 2h, e_i the unit vector of entry i.

    >>> [round(g, 6) for g in numeric_gradient(lambda v: v[0] * v[0] + 3 * v[1], [2.0, 5.0])]
    [4.0, 3.0]
    """
    slopes = []
    for i in range(len(v)):
        up, down = list(v), list(v)
        up[i] += h
        down[i] -= h
        slopes.append((f(up) - f(down)) / (2 * h))
    return slopes
