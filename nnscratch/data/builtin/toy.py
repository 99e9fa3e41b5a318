"""Two-dimensional toy datasets, made by nnscratch itself: XOR, circles, two moons, spirals.

Each function returns a ``Dataset`` of ``n`` points (x, y) in about [-1, 1]^2
with two classes, "0" and "1", half the points each, one-hot labelled, from
its own ``random.Random(seed)``: the same seed gives the same points on every
Python. ``noise`` (0 for none, 1 for a lot) blurs the pattern.

    xor      class 1 where x and y have the same sign
    circles  class 0 inside a circle, class 1 on a ring around it
    moons    two interleaved half circles
    spirals  two spirals winding around each other, the hardest to learn
"""

import math
import random

from ..._checks import check_number, check_seed, check_whole
from ...errors import DataError
from ..tables import Dataset

__all__ = ["TOY_SETS", "toy_dataset", "xor", "circles", "moons", "spirals"]

COLUMNS = ["x", "y"]
CLASSES = ["0", "1"]


def _dataset(points, classes):
    labels = [[1.0, 0.0] if c == 0 else [0.0, 1.0] for c in classes]
    return Dataset([[float(x), float(y)] for x, y in points], labels, list(CLASSES), list(COLUMNS))


def _check(n, noise):
    check_whole(n, "n (the number of points)", 2, error=DataError)
    check_number(noise, "noise", error=DataError)
    if noise > 1:
        raise DataError("noise must be from 0 to 1, got %r" % (noise,))


def _generate(n, noise, seed, point):
    """n points, classes 0 and 1 in turn, each made by point(rng, class) from one seeded generator."""
    _check(n, noise)
    rng = random.Random(check_seed(seed, "seed", DataError))
    classes = [i % 2 for i in range(n)]
    return _dataset([point(rng, c) for c in classes], classes)


def xor(n=200, noise=0.0, seed=0):
    """Points uniform in the square; class 1 where x * y > 0 (a margin of 0.05 keeps the classes apart).

    >>> data = xor(4, seed=1)
    >>> len(data.inputs), data.classes, data.columns
    (4, ['0', '1'], ['x', 'y'])
    """
    def point(rng, c):
        while True:
            x, y = rng.uniform(-1, 1), rng.uniform(-1, 1)
            if abs(x) > 0.05 and abs(y) > 0.05 and (x * y > 0) == (c == 1):
                return x + rng.gauss(0, 0.3 * noise), y + rng.gauss(0, 0.3 * noise)

    return _generate(n, noise, seed, point)


def circles(n=200, noise=0.0, seed=0):
    """Class 0 within radius 0.5 of the centre, class 1 on a ring of radius 0.7 to 1."""
    def point(rng, c):
        radius = rng.uniform(0, 0.5) if c == 0 else rng.uniform(0.7, 1.0)
        radius += rng.gauss(0, 0.15 * noise)
        angle = rng.uniform(0, 2 * math.pi)
        return radius * math.cos(angle), radius * math.sin(angle)

    return _generate(n, noise, seed, point)


def moons(n=200, noise=0.0, seed=0):
    """Two interleaved half circles: the upper one centred at (-0.5, -0.25), the lower at (0.5, 0.25)."""
    def point(rng, c):
        t = rng.uniform(0, math.pi)
        if c == 0:
            x, y = math.cos(t) - 0.5, math.sin(t) - 0.25
        else:
            x, y = 0.5 - math.cos(t), 0.25 - math.sin(t)
        return 0.66 * x + rng.gauss(0, 0.2 * noise), 0.66 * y + rng.gauss(0, 0.2 * noise)

    return _generate(n, noise, seed, point)


def spirals(n=200, noise=0.0, seed=0):
    """Two spirals of one and a half turns, the second the first turned half a circle."""
    def point(rng, c):
        t = rng.uniform(0.05, 1.0)
        angle = 3 * math.pi * t + math.pi * c
        radius = t + rng.gauss(0, 0.08 * noise)
        return radius * math.cos(angle), radius * math.sin(angle)

    return _generate(n, noise, seed, point)


#: Name -> generator, for the playground's menu.
TOY_SETS = {"xor": xor, "circles": circles, "moons": moons, "spirals": spirals}


def toy_dataset(name, n=200, noise=0.0, seed=0):
    """The toy dataset called name (a key of TOY_SETS)."""
    try:
        make = TOY_SETS[name]
    except KeyError:
        raise DataError("unknown toy dataset %r; choose one of %s" % (name, ", ".join(TOY_SETS))) from None
    return make(n, noise, seed)
