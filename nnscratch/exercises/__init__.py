"""Classroom exercises: rebuild each piece of the articles, and have it checked at once.

    python -m nnscratch.exercises                    # the exercises, and your progress in this folder
    python -m nnscratch.exercises start 1            # writes ex01_vectors.py to fill in
    python -m nnscratch.exercises check ex01_vectors.py
    python -m nnscratch.exercises solution 1         # the library's own code, to compare
    python -m nnscratch.exercises grade FOLDER --out grades.csv   # for the teacher

nnscratch's own functions are the reference answers: ``check`` compares the
student's functions with them on fixed, edge and seeded random cases, and
with finite differences where there is a gradient. Each failure shows the
input, the expected value, the value received, and a hint about the usual
mistake. The student's file runs in a separate process with a time limit.
"""

import argparse
import csv
import io
import sys
from pathlib import Path

from ..files.atomic import write_text_atomic
from .catalog import EXERCISES, UnknownExerciseError, by_number, solution_source
from .runner import TIME_LIMIT, check_file, child_main

__all__ = ["main", "skeleton", "format_report", "EXERCISES", "check_file"]


def skeleton(exercise):
    """The text of an exercise's starting file: its explanation, then functions to fill in."""
    lines = ['"""Exercise %d: %s' % (exercise.number, exercise.title), ""]
    lines += _wrap(exercise.text) + [""]
    lines += ["The Go it mirrors:"] + ["    " + l for l in _wrap(exercise.go, 76)] + [""]
    lines += ["The maths:", "    " + exercise.maths, ""]
    lines += ["Check your work with:", "    python -m nnscratch.exercises check %s" % exercise.filename,
              "Use only plain Python: lists, loops and the math module.", '"""', "", "import math", ""]
    for fn in exercise.functions:
        lines += ["", "def %s(%s):" % (fn.name, fn.params), '    """%s"""' % fn.doc,
                  '    raise NotImplementedError("not written yet")', ""]
    return "\n".join(lines).rstrip() + "\n"


def _wrap(text, width=80):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = "%s %s" % (line, word) if line else word
    return lines + ([line] if line else [])


def format_report(path, report, verbose=True):
    """The lines ``check`` prints for a report."""
    out = []
    if report.exercise is not None:
        out.append("%s: exercise %d, %s" % (Path(path).name, report.exercise.number, report.exercise.title))
    skipped = {}  # function -> checks not run because it is not written (or missing)
    for r in report.results:
        if r.passed:
            if verbose:
                out.append("PASS  %s: %s" % (r.function, r.case))
            continue
        details = r.details or {}
        if str(details.get("reason", "")).startswith("not checked:"):
            skipped[r.function] = skipped.get(r.function, 0) + 1
            continue
        out.append("FAIL  %s: %s" % (r.function, r.case))
        for key in ("input", "expected", "received", "reason", "hint"):
            if details.get(key):
                out.append("        %-9s %s" % (key + ":", details[key]))
    for function, count in skipped.items():
        out.append("      (%d more check%s of %s not run until it is written)"
                   % (count, "s" if count > 1 else "", function))
    if report.problem:
        out.append("PROBLEM  %s" % report.problem)
    passed = sum(r.passed for r in report.results)
    total = len(report.results)
    if report.problem or passed < total:
        out.append("%d of %d checks passed" % (passed, total) if total else "no check could run")
    else:
        out.append("all %d checks passed" % total)
    return out


def _ok(report):
    return not report.problem and report.results and all(r.passed for r in report.results)


def command_list(args, out):
    folder = Path(".")
    out.write("nnscratch exercises (python -m nnscratch.exercises start N)\n")
    for exercise in EXERCISES:
        attempt = folder / exercise.filename
        status = ""
        if attempt.exists():
            report = check_file(attempt, exercise, args.time_limit)
            passed, total = sum(r.passed for r in report.results), len(report.results)
            status = "done" if _ok(report) else "%d of %d checks pass" % (passed, total)
            if report.problem:
                status += ", a problem"
        out.write("  %2d  %-60s %s\n" % (exercise.number, exercise.title, status))
    return 0


def command_start(args, out):
    exercise = _exercise(args.number)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / exercise.filename
    if path.exists() and not args.force:
        sys.stderr.write("%s exists already; keep your work, or start again with --force\n" % path)
        return 1
    write_text_atomic(path, skeleton(exercise))
    out.write("wrote %s: fill in the functions, then run\n"
              "    python -m nnscratch.exercises check %s\n" % (path, path))
    return 0


def command_check(args, out):
    path = Path(args.file)
    if not path.exists():
        sys.stderr.write("no such file: %s\n" % path)
        return 2
    exercise = _exercise(args.exercise) if args.exercise else None
    report = check_file(path, exercise, args.time_limit)
    out.write("\n".join(format_report(path, report, verbose=not args.failures_only)) + "\n")
    return 0 if _ok(report) else 1


def command_solution(args, out):
    exercise = _exercise(args.number)
    out.write("Exercise %d, %s: the library's own code\n" % (exercise.number, exercise.title))
    for name, where, source in solution_source(exercise):
        out.write("\n# %s, in %s\n%s" % (name, where, source))
    return 0


def command_grade(args, out):
    folder = Path(args.folder)
    if not folder.is_dir():
        sys.stderr.write("no such folder: %s\n" % folder)
        return 2
    rows = []
    for student in sorted(p for p in folder.iterdir() if p.is_dir()):
        for attempt in sorted(student.glob("ex*.py")):
            rows.append(_grade_row(student.name, attempt, args.time_limit))
            out.write("%-16s %-22s %3d / %-3d %s\n" % tuple(rows[-1][:4] + [rows[-1][4][:60]]))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["student", "exercise", "passed", "total", "first_failure"])
    writer.writerows(rows)
    write_text_atomic(args.out, text.getvalue())
    out.write("wrote %s (%d rows)\n" % (args.out, len(rows)))
    return 0


def _grade_row(student, attempt, time_limit):
    """[student, exercise, passed, total, first failure] for one student's file."""
    report = check_file(attempt, None, time_limit)
    exercise = report.exercise
    failures = [r for r in report.results if not r.passed]
    first = report.problem or ""
    if not first and failures:
        details = failures[0].details or {}
        why = details.get("hint") or details.get("reason") or "wrong value"
        first = "%s: %s: %s" % (failures[0].function, failures[0].case, why)
    name = "%02d %s" % (exercise.number, exercise.slug) if exercise else attempt.name
    return [student, name, sum(r.passed for r in report.results), len(report.results), first]


def _exercise(number):
    try:
        return by_number(number)
    except UnknownExerciseError:
        raise SystemExit("there is no exercise %d; they are numbered 1 to %d"
                         % (number, len(EXERCISES))) from None


def main(argv=None, out=None):
    out = sys.stdout if out is None else out
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:  # the separate process that runs a student's file
        return child_main(*argv[1:4])
    parser = argparse.ArgumentParser(prog="python -m nnscratch.exercises",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT, metavar="SECONDS",
                        help="stop a file's checks after this long (default %g)" % TIME_LIMIT)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("list", help="list the exercises, and your progress in this folder (the default)")
    start = commands.add_parser("start", help="write the starting file of exercise N")
    start.add_argument("number", type=int, metavar="N")
    start.add_argument("--dir", default=".", help="the folder to write it in (default: here)")
    start.add_argument("--force", action="store_true", help="overwrite an existing file")
    check = commands.add_parser("check", help="check your file")
    check.add_argument("file", metavar="FILE")
    check.add_argument("--exercise", type=int, metavar="N",
                       help="which exercise, if the file name does not say")
    check.add_argument("--failures-only", action="store_true", help="print only what failed")
    solution = commands.add_parser("solution", help="print the library's own code for exercise N")
    solution.add_argument("number", type=int, metavar="N")
    grade = commands.add_parser("grade", help="check every student's files (one sub-folder per student)")
    grade.add_argument("folder", metavar="FOLDER")
    grade.add_argument("--out", required=True, metavar="GRADES.csv")
    args = parser.parse_args(argv)
    handlers = {None: command_list, "list": command_list, "start": command_start, "check": command_check,
                "solution": command_solution, "grade": command_grade}
    return handlers[args.command](args, out)
