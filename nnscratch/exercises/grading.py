"""Grading a class: one sub-folder per student, a row per student in the gradebook.

``grade_class`` finds each student's files (in their folder or below it, names
``exNN_...py`` or ``exNN_...ipynb``, in any case), warns about duplicates and files it ignores,
checks each file with ``runner.check_files`` in the student's own scratch
folder, and returns a ``Submission`` per student: every folder, including
empty ones, or every name of a roster. ``gradebook`` writes the CSV: a column
of points per exercise, the total, the maximum and notes.

One student's crash, loop or junk never stops the others; a student who could
not be graded for a reason outside their code (an unreadable folder or file,
a checker that would not start) has ``error`` set, and ``grade`` exits 1.
"""

import csv
import io
import os
from concurrent.futures import ThreadPoolExecutor

from ..text import printable
from .catalog import EXERCISES, by_number
from .results import FileReport, Report, Submission, format_points, points, totals
from .runner import CheckerFailure, check_files, exercise_of, read_submission

__all__ = ["grade_class", "grade_student", "find_files", "gradebook", "read_roster", "NOT_HANDED_IN",
           "MAX_DEPTH"]

#: Folders below a student's folder that are searched for their files.
MAX_DEPTH = 3
#: Files ignored for their name that a warning names, one by one; the rest are counted.
MAX_IGNORED_NAMED = 10
_SKIPPED_FOLDERS = {"__pycache__", "node_modules", ".git", ".ipynb_checkpoints"}


def _skipped(path):
    """Folders that hold no student's answers: hidden ones, caches, Python packages (such as a copy
    of nnscratch beside the answers) and virtual environments."""
    name = os.path.basename(path)
    return name.startswith(".") or name in _SKIPPED_FOLDERS or os.path.lexists(
        os.path.join(path, "__init__.py")) or os.path.lexists(os.path.join(path, "pyvenv.cfg"))


def find_files(folder):
    """({exercise number: path}, warnings) for a student's folder and the folders below it.

    Folders that cannot hold answers (``_skipped``) are not searched.
    Two files for one exercise: the one named exactly as the starting file
    wins (the .py before the .ipynb; else the first by depth, then name), and
    a warning names the other.
    """
    found, warnings, ignored = {}, [], 0
    base_depth = folder.rstrip(os.sep).count(os.sep)
    for here, dirs, files in os.walk(folder, onerror=None):
        depth = here.rstrip(os.sep).count(os.sep) - base_depth
        dirs[:] = sorted(d for d in dirs if not _skipped(os.path.join(here, d)))
        if depth >= MAX_DEPTH:
            dirs[:] = []
        for name in sorted(files):
            path = os.path.join(here, name)
            if not name.lower().endswith((".py", ".ipynb")):
                continue
            exercise = exercise_of(name)
            if exercise is None:
                ignored += 1
                if ignored > MAX_IGNORED_NAMED:
                    continue
                warnings.append("ignored %s: not named exNN_...%s for an exercise from 1 to %d"
                                % (printable(os.path.relpath(path, folder)), name.rsplit(".", 1)[1].lower(),
                                   len(EXERCISES)))
                continue
            starting = (exercise.filename, exercise.filename[:-3] + ".ipynb")  # the names start writes
            found.setdefault(exercise.number, []).append((name not in starting, name != starting[0], depth,
                                                          name, path))
    if ignored > MAX_IGNORED_NAMED:
        warnings.append("ignored %d more files not named for an exercise" % (ignored - MAX_IGNORED_NAMED))
    chosen = {}
    for number, paths in sorted(found.items()):
        paths.sort()
        chosen[number] = paths[0][-1]
        for other in paths[1:]:
            warnings.append("two files for exercise %d: graded %s, ignored %s" % (
                number, printable(os.path.relpath(paths[0][-1], folder)),
                printable(os.path.relpath(other[-1], folder))))
    return chosen, warnings


def grade_student(name, folder, max_points, time_limit, seed=None):
    """The Submission of one student: each exercise of max_points, points out of max_points[number].

    An exercise left out of max_points is not part of the assignment: its file is ignored, with a
    warning.
    """
    shown = printable(name)
    if folder is None:
        return _empty(name, max_points, ["no folder for this student"], None)
    try:
        chosen, warnings = find_files(folder)
        os.listdir(folder)  # os.walk is silent about a folder it cannot read
    except OSError as e:
        return _empty(name, max_points, [], "cannot read the folder: %s" % (e.strerror or e))
    sources, plan, error = {}, {}, None
    for number, path in chosen.items():
        exercise, where = by_number(number), printable(os.path.relpath(path, folder))
        if number not in max_points:
            warnings.append("ignored %s: exercise %d is not part of this assignment" % (where, number))
            continue
        source, problem = read_submission(path)
        if problem:
            warnings.append(problem)
        if problem and problem.startswith("cannot read"):
            error = "%s: %s" % (where, problem)
        sources[exercise.filename] = source
        plan[exercise.filename] = (exercise, problem)
    try:
        reports = check_files(sources, plan, time_limit=time_limit, seed=seed) if plan else {}
    except CheckerFailure as e:
        return _empty(name, max_points, warnings, str(e))
    files = []
    for exercise in _assigned(max_points):
        top = max_points[exercise.number]
        if exercise.filename in reports:
            report = reports[exercise.filename]
            path = printable(os.path.join(name, os.path.relpath(chosen[exercise.number], folder)))
            files.append(FileReport(path, report, points(report, top), top))
        else:
            files.append(_missing(name, exercise, top))
    return Submission(shown, files, warnings, error)


#: The problem of an exercise a student has no file for.
NOT_HANDED_IN = "no file for this exercise"


def _assigned(max_points):
    return [e for e in EXERCISES if e.number in max_points]


def _missing(name, exercise, top):
    """An exercise with no file: named by the file it should have been, and worth 0."""
    return FileReport(printable(os.path.join(name, exercise.filename)),
                      Report(exercise, [], NOT_HANDED_IN, ""), 0.0, top)


def _empty(name, max_points, warnings, error):
    files = [_missing(name, e, max_points[e.number]) for e in _assigned(max_points)]
    return Submission(printable(name), files, warnings, error)


def read_roster(path):
    """The student names of a roster file: one per line; blank lines and # comments skipped."""
    with open(path, encoding="utf-8-sig") as f:
        names = [line.strip() for line in f]
    return [n for n in names if n and not n.startswith("#")]


def grade_class(folder, max_points, time_limit, roster=None, seed_secret=None, jobs=1, progress=None):
    """(submissions, warnings): a Submission per student folder (or roster name), in name order."""
    folders = {}
    warnings = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False):
            folders[entry.name] = entry.path
        elif not entry.name.startswith("."):
            warnings.append("ignored %s: not a student's folder" % printable(entry.name))
    students = [(name, name) for name in folders]
    if roster is not None:
        students, more = _match_roster(roster, folders)
        warnings += more

    def one(student):
        name, folder = student
        seed = None if seed_secret is None else "%s/%s" % (seed_secret, printable(name))
        try:
            submission = grade_student(name, folders.get(folder), max_points, time_limit, seed)
        except Exception as e:  # a bug of the checker's: it costs this row, never the gradebook
            submission = _empty(name, max_points, [], "the checker failed (%s: %s); please report it"
                                % (type(e).__name__, e))
        if progress:
            progress(submission)
        return submission

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, students)), warnings


def _match_roster(roster, folders):
    """([(name, folder)], warnings): each roster name with its folder: the same name, else one that
    differs only in case and spaces at the ends and is nobody else's (None if none); a warning for
    each folder left, and for a name that could have had several."""
    names = list(dict.fromkeys(roster))
    used = {name for name in names if name in folders}  # exact names first: they are never taken
    matched, warnings = [], []
    for name in names:
        if name in folders:
            matched.append((name, name))
            continue
        key = name.strip().casefold()
        match = sorted((f for f in folders if f not in used and f.strip().casefold() == key),
                       key=lambda f: (f.casefold() != name.casefold(), f))  # spaces at the ends last
        if len(match) > 1:
            warnings.append("roster name %s matches the folders %s: graded %s" % (
                printable(name), ", ".join(printable(m) for m in match), printable(match[0])))
        matched.append((name, match[0] if match else None))
        used.update(match[:1])
    warnings += ["folder %s is not on the roster: not graded" % printable(f) for f in folders
                 if f not in used]
    return matched, warnings


def gradebook(submissions, exercises=EXERCISES):
    """The gradebook as CSV text: student, a column of points per exercise, total, max, notes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student"] + ["ex%02d_%s" % (e.number, e.slug) for e in exercises]
                    + ["total", "max", "notes"])
    for s in submissions:
        total, top = totals(s)
        problems = [f.report for f in s.files if f.report.problem not in (None, NOT_HANDED_IN)]
        notes = ([s.error] if s.error else []) + list(s.warnings) + [
            "ex%02d: %s" % (r.exercise.number, r.problem) for r in problems if r.problem not in s.warnings]
        writer.writerow([_cell(s.student)] + [format_points(f.points) for f in s.files]
                        + [format_points(total), format_points(top), _cell("; ".join(notes)[:2000])])
    return out.getvalue()


def _cell(text):
    """Text a spreadsheet shows as text: a leading =, +, - or @ would start a formula."""
    text = printable(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
