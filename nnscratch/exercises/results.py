"""What checking found, as plain records: one check, one file, one student; and the points they earn.

``check`` and ``grade`` build these, and every output format (text, JSON, JUnit
XML, TAP, GitHub Classroom's and Gradescope's) is drawn from them alone.

    Result      one check: the function, the case, passed or not, and for a failure the details
    Report      one file: its exercise, every Result, a problem that stopped it, what it printed
    FileReport  one file of a student: its path (as the teacher named it), Report and points
    Submission  one student: a name, FileReports, and warnings about their folder
"""

from collections import namedtuple

__all__ = ["Result", "Report", "FileReport", "Submission", "DEFAULT_POINTS", "points", "parse_points",
           "PointsError", "format_points", "parse_exercises", "earning", "totals"]

#: One check: which function, what case, whether it passed, and for a failure a dict of details
#: (``input``, ``expected``, ``received``, ``difference``, ``reason``, ``hint``, ``file``).
Result = namedtuple("Result", "function case passed details")

#: What checking one file found: the exercise (None if the name says none), the results (one per
#: check of the exercise, whether or not it could run), a problem that stopped the checks (or None),
#: and what the student's code printed (a bounded str, "" if nothing).
Report = namedtuple("Report", "exercise results problem output")

#: One graded file: its path as shown to the teacher, its Report, and its points out of max_points.
FileReport = namedtuple("FileReport", "path report points max_points")

#: One student: a name (a folder's, or the roster's), a FileReport per exercise, and warnings
#: (duplicate, ignored or unreadable files). ``error`` is why the student could not be graded for a
#: reason outside their code (an unreadable folder, a checker failure), else None.
Submission = namedtuple("Submission", "student files warnings error")

#: Points per exercise when the teacher gives none: 10, shared equally between its checks.
DEFAULT_POINTS = 10


class PointsError(ValueError):
    """A ``--points`` setting that cannot be read; the message says which part."""


def points(report, max_points):
    """max_points times the share of the exercise's checks that earn, to 2 decimals.

    points = max_points * earning / checks. A passed check earns only when a drawn case of the
    same function (a random case, or a finite difference) passed too: a constant such as
    ``return 0.0`` fits an empty list, and a table of the fixed cases' answers, copied from
    someone's failures, fits the fixed ones; neither is the work, and neither fits cases
    drawn anew (``grade --seed-per-student``).

    >>> r = Report(None, [Result("f", "fixed", True, None), Result("f", "random 0", True, None),
    ...                   Result("g", "fixed", True, None), Result("g", "random 0", False, {})], None, "")
    >>> points(r, 10)
    5.0
    """
    total = len(report.results)
    if not total:
        return 0.0
    return round(max_points * len(earning(report)) / total, 2)


def earning(report):
    """The results that earn points: the passes of functions that passed a drawn case."""
    shown = {r.function for r in report.results if r.passed and is_drawn(r.case)}
    return [r for r in report.results if r.passed and r.function in shown]


def is_drawn(case):
    """Whether a check's case is drawn from the seed: a random case, or a finite difference at a
    random point. Every function of the catalog has one (a test checks it)."""
    return str(case).startswith(DRAWN)


#: How the names of the drawn cases start.
DRAWN = ("random", "finite difference")


def totals(submission):
    """(points, max_points) of a student's files, each to 2 decimals.

    >>> r = Report(None, [], None, "")
    >>> totals(Submission("a", [FileReport("x", r, 2.5, 10.0), FileReport("y", r, 1.25, 5.0)], [], None))
    (3.75, 15.0)
    """
    return (round(sum(f.points for f in submission.files), 2),
            round(sum(f.max_points for f in submission.files), 2))


def format_points(value):
    """A number of points as people write it, to 2 decimals.

    >>> [format_points(v) for v in (10.0, 6.5, 6.666)]
    ['10', '6.5', '6.67']
    """
    return ("%.2f" % value).rstrip("0").rstrip(".")


def parse_points(spec, numbers):
    """The points of each exercise from a ``--points`` setting: "10", or "1=5,6=20" (the rest: default).

    >>> parse_points("1=5,3=20", [1, 2, 3])
    {1: 5.0, 2: 10.0, 3: 20.0}
    >>> parse_points("4", [1, 2])
    {1: 4.0, 2: 4.0}
    """
    spec = (spec or "").strip()
    if not spec:
        return {n: float(DEFAULT_POINTS) for n in numbers}
    if "=" not in spec:
        return {n: _points_value(spec, spec) for n in numbers}
    out = {n: float(DEFAULT_POINTS) for n in numbers}
    for part in spec.split(","):
        number, sep, value = part.partition("=")
        try:
            number = int(number)
        except ValueError:
            raise PointsError("--points: %r is not EXERCISE=POINTS (for example 1=5)" % part) from None
        if not sep or number not in out:
            raise PointsError("--points: %r: there is no exercise %s" % (part, number) if sep else
                              "--points: %r is not EXERCISE=POINTS (for example 1=5)" % part)
        out[number] = _points_value(value, part)
    return out


def parse_exercises(spec, numbers):
    """The exercises an assignment counts, from an ``--exercises`` setting: "1-4,7"; all if empty.

    >>> parse_exercises("1-3,7", range(1, 11))
    [1, 2, 3, 7]
    """
    numbers = list(numbers)
    if not (spec or "").strip():
        return numbers
    chosen = set()
    for part in spec.split(","):
        low, sep, high = part.strip().partition("-")
        try:
            first, last = int(low), int(high if sep else low)
        except ValueError:
            raise PointsError("--exercises: %r is not N or N-M (for example 1-4,7)" % part) from None
        if not (first <= last and first in numbers and last in numbers):
            raise PointsError("--exercises: %r: the exercises are numbered %d to %d"
                              % (part, min(numbers), max(numbers)))
        chosen.update(range(first, last + 1))
    return [n for n in numbers if n in chosen]


def _points_value(text, part):
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1e6:  # NaN fails this too
        raise PointsError("--points: %r: points must be a number from 0 to 1000000" % part)
    return value
