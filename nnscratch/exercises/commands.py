"""``python -m nnscratch.exercises``: list, start, check, hint, solution and grade.

Options go before or after the command (``check --time-limit 5 FILE`` and
``--time-limit 5 check FILE`` are the same). ``check`` and ``grade`` write
text by default, or JSON, JUnit XML, TAP, GitHub Classroom's or Gradescope's
result format (``--format``). Exit status: 0 when every check passed (for
``grade``: when every student could be graded), 1 otherwise, 2 for a usage
error.
"""

import argparse
import os
import sys
from pathlib import Path

from ..files.atomic import check_outputs, write_text_atomic
from ..files.ipynb import write_notebook
from ..text import printable
from .catalog import EXERCISES, UnknownExerciseError, by_number, solution_source
from .formats import FORMATS, PER_STUDENT, render
from .grading import grade_class, grade_student, gradebook, read_roster
from .notebook import notebook_of
from .results import (FileReport, PointsError, Submission, format_points, parse_exercises, parse_points,
                      points, totals)
from .runner import TIME_LIMIT, CheckerFailure, check_file
from .starting import skeleton

__all__ = ["main", "solutions_allowed", "NO_SOLUTIONS_FILE"]

#: A file that, in the current folder or any folder above it, turns ``solution`` off.
NO_SOLUTIONS_FILE = ".nnscratch-no-solutions"


def command_list(args, out):
    out.write("nnscratch exercises (python -m nnscratch.exercises start N)\n")
    for exercise in EXERCISES:
        attempt = Path(exercise.filename)
        if not attempt.exists():  # the notebook, if that is how it was started
            attempt = attempt.with_suffix(".ipynb")
        status = ""
        if attempt.exists():
            report = check_file(attempt, exercise, args.time_limit)
            passed, total = sum(r.passed for r in report.results), len(report.results)
            status = "done" if _ok(report) else "%d of %d checks pass" % (passed, total)
            if report.problem:
                status += ", a problem"
        out.write("  %2d  %-60s %s\n" % (exercise.number, exercise.title, status))
    return 0


def _ok(report):
    return not report.problem and report.results and all(r.passed for r in report.results)


def command_start(args, out):
    exercise = _exercise(args.number)
    folder = Path(args.dir)
    path = folder / exercise.filename
    if args.notebook:
        path = path.with_suffix(".ipynb")
    if os.path.lexists(path) and not args.force:
        sys.stderr.write("%s exists already; keep your work, or start again with --force\n"
                         % printable(str(path)))
        return 1
    try:
        return _write_start(args, exercise, folder, path, out)
    except OSError as e:
        sys.stderr.write("python -m nnscratch.exercises: cannot write %s: %s\n"
                         % (printable(str(path)), printable(e.strerror or str(e))))
        return 1


def _write_start(args, exercise, folder, path, out):
    folder.mkdir(parents=True, exist_ok=True)
    if args.notebook:
        write_notebook(path, notebook_of(exercise))
        out.write("wrote %s: open it in Jupyter, fill in the functions and run its last cell; the grade "
                  "comes from\n    python -m nnscratch.exercises check %s\n" % ((printable(str(path)),) * 2))
        return 0
    write_text_atomic(path, skeleton(exercise))
    out.write("wrote %s: fill in the functions, then run\n"
              "    python -m nnscratch.exercises check %s\n" % ((printable(str(path)),) * 2))
    return 0


def command_check(args, out):
    if bool(args.files) == bool(args.folder):
        return _usage("give the files to check, or --folder with a student's whole folder")
    if args.exercise is not None and len(args.files) != 1:
        return _usage("--exercise names the exercise of one file; give one file, or name files exNN_...py")
    max_points = _points(args.points, args.exercises)
    inputs = {"FILE %d" % k: f for k, f in enumerate(args.files, 1)}
    missing = [name for name in args.files + [args.folder] if name and not os.path.lexists(name)]
    if missing:
        return _usage("no such file or folder: %s" % printable(missing[0]))
    if not _outputs_ok({"--out": args.out}, inputs):
        return 1
    if args.folder:
        submission = grade_student("", args.folder, max_points, args.time_limit, args.seed)
    else:
        submission = _check_files(args, max_points)
        if submission is None:
            return 2
    _emit(render(args.format, [submission], verbose=not args.failures_only), args.out, out)
    return 0 if all(_ok(f.report) for f in submission.files) and not submission.error else 1


def _check_files(args, max_points):
    """The Submission of check FILE...: each file once, and never two for one exercise."""
    exercise = _exercise(args.exercise) if args.exercise is not None else None
    seen, files = {}, []
    for name in args.files:
        report = check_file(name, exercise, args.time_limit, seed=args.seed)
        number = report.exercise.number if report.exercise else None
        if number is not None and number in seen:
            _usage("%s and %s are both exercise %d: check one of them (points count once)"
                   % (printable(seen[number]), printable(name), number))
            return None
        seen[number] = name
        top = max_points.get(number, 0.0)
        files.append(FileReport(printable(name), report, points(report, top), top))
    return Submission(None, files, [], None)


def _emit(text, path, out):
    if path:
        write_text_atomic(path, text)
    else:
        out.write(text)


def command_hint(args, out):
    exercise = _exercise(args.number)
    hints = list(exercise.hints)
    level = min(args.level, len(hints))
    out.write("Exercise %d, %s: hint%s %s of %d\n" % (exercise.number, exercise.title,
                                                     "s 1 to" if level > 1 else "", level, len(hints)))
    for k, hint in enumerate(hints[:level], 1):
        out.write("  %d. %s\n" % (k, hint))
    if level < len(hints):
        out.write("More: python -m nnscratch.exercises hint %d --level %d\n" % (exercise.number, level + 1))
    return 0


def solutions_allowed(folder=None):
    """False when the teacher turned ``solution`` off: NNSCRATCH_SOLUTIONS=off, or a
    ``.nnscratch-no-solutions`` file in the folder or a folder above it."""
    if os.environ.get("NNSCRATCH_SOLUTIONS", "").strip().lower() in ("off", "0", "no", "false"):
        return False
    here = Path(folder or os.getcwd()).resolve()
    return not any((p / NO_SOLUTIONS_FILE).exists() for p in [here] + list(here.parents))


def command_solution(args, out):
    exercise = _exercise(args.number)
    if not solutions_allowed():
        sys.stderr.write("solutions are turned off for this class (by NNSCRATCH_SOLUTIONS=off or a %s "
                         "file); try: python -m nnscratch.exercises hint %d\n"
                         % (NO_SOLUTIONS_FILE, exercise.number))
        return 1
    out.write("Exercise %d, %s: the library's own code, to read beside yours.\n"
              "Last come the exercise's functions as the library answers them: they call the code "
              "above,\nwhich lives in the classes and modules named, so they run inside nnscratch, "
              "not pasted alone.\n" % (exercise.number, exercise.title))
    for name, where, source in solution_source(exercise):
        out.write("\n# %s, in %s\n%s" % (name, where, source))
    return 0


def command_grade(args, out):
    folder = args.folder
    if not os.path.isdir(folder):
        sys.stderr.write("no such folder: %s\n" % printable(folder))
        return 2
    if args.format and not args.details:
        return _usage("--format says how to write --details PATH: give --details too")
    args.format = args.format or "json"
    max_points = _points(args.points, args.exercises)
    roster = None
    if args.roster:
        try:
            roster = read_roster(args.roster)
        except (OSError, UnicodeDecodeError) as e:
            sys.stderr.write("cannot read the roster %s: %s\n" % (printable(args.roster), e))
            return 2
    details = args.details if args.format not in PER_STUDENT else None
    if not _outputs_ok({"--out": args.out, "--details": details}, {"--roster": args.roster}):
        return 1
    if args.details and args.format in PER_STUDENT and not _details_folder_ok(args.details, args.format):
        return 1

    def progress(s):
        line = " ".join("%5s" % format_points(f.points) for f in s.files)
        total = format_points(totals(s)[0])
        out.write("%-20s %s  total %s%s\n" % (s.student[:20], line, total,
                                             "  ERROR: " + s.error if s.error else ""))
        out.flush()

    assigned = [e for e in EXERCISES if e.number in max_points]
    out.write("%-20s %s\n" % ("student", " ".join("ex%02d " % e.number for e in assigned)))
    submissions, warnings = grade_class(folder, max_points, args.time_limit, roster,
                                        args.seed_per_student, args.jobs, progress)
    for s in submissions:
        warnings += ["%s: %s" % (s.student, w) for w in s.warnings]
    for w in warnings:
        out.write("warning: %s\n" % w)
    write_text_atomic(args.out, gradebook(submissions, assigned))
    out.write("wrote %s (%d students)\n" % (printable(args.out), len(submissions)))
    if args.details:
        try:
            _write_details(args, submissions, out)
        except OSError as e:
            sys.stderr.write("python -m nnscratch.exercises: --details: %s\n" % printable(str(e)))
            return 1
    failed = [s for s in submissions if s.error]
    if failed:
        sys.stderr.write("%d student%s could not be graded: %s\n" % (
            len(failed), "" if len(failed) == 1 else "s", "; ".join("%s (%s)" % (s.student, s.error)
                                                                    for s in failed)))
    return 1 if failed else 0


def _write_details(args, submissions, out):
    if args.format not in PER_STUDENT:
        write_text_atomic(args.details, render(args.format, submissions))
        out.write("wrote %s\n" % printable(args.details))
        return
    os.makedirs(args.details, exist_ok=True)
    used = set()
    for s in submissions:
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in s.student)
        name = name.encode("utf-8")[:100].decode("utf-8", "ignore")  # file names are counted in bytes
        name = name.lstrip("_.") or "student"
        while name.lower() in used:  # two names that differ only in what was replaced
            name += "_"
        used.add(name.lower())
        write_text_atomic(os.path.join(args.details, name + ".json"), render(args.format, [s]))
    out.write("wrote %d files in %s\n" % (len(submissions), printable(args.details)))


def _details_folder_ok(folder, fmt):
    """Whether --details names a folder that can take a file per student (made here if need be)."""
    if os.path.lexists(folder) and not os.path.isdir(folder):
        sys.stderr.write("--details %s: with --format %s it names a folder (one file per student), and "
                         "it is a file\n" % (printable(folder), fmt))
        return False
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as e:
        sys.stderr.write("--details %s: cannot make that folder: %s\n" % (printable(folder),
                                                                          e.strerror or e))
        return False
    return _outputs_ok({"--details": os.path.join(folder, "student.json")}, {})


def _outputs_ok(outputs, inputs):
    """Whether the output files can be written (checked before any work), with the reason if not."""
    try:
        check_outputs(outputs, inputs)
    except OSError as e:
        sys.stderr.write("python -m nnscratch.exercises: %s\n" % printable(str(e)))
        return False
    return True


def _points(spec, exercises=None):
    """{exercise number: points} for the exercises that count, from --points and --exercises."""
    try:
        return parse_points(spec, parse_exercises(exercises, [e.number for e in EXERCISES]))
    except PointsError as e:
        raise SystemExit(_usage(str(e)))


def _usage(message):
    sys.stderr.write("python -m nnscratch.exercises: error: %s\n" % message)
    return 2


def _exercise(number):
    try:
        return by_number(number)
    except UnknownExerciseError:
        raise SystemExit(_usage("there is no exercise %d; they are numbered 1 to %d"
                                % (number, len(EXERCISES)))) from None


def _positive(text):
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("%r is not a number of seconds from 0 to 3600" % text)
    return value


def _count(text):
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError("%r is not a whole number from 1 to 64" % text)
    return int(text)


NUMBER_HELP = "the exercise's number, 1 to %d" % len(EXERCISES)


def _parser():
    parser = argparse.ArgumentParser(prog="python -m nnscratch.exercises",
                                     description="Classroom exercises: rebuild each piece of the articles.")
    timing = argparse.ArgumentParser(add_help=False)
    timing.add_argument("--time-limit", type=_positive, default=argparse.SUPPRESS, metavar="SECONDS",
                        help="seconds each function may run, over all its checks (default %g)" % TIME_LIMIT)
    parser.add_argument("--time-limit", type=_positive, default=TIME_LIMIT, metavar="SECONDS",
                        help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("list", parents=[timing],
                        help="list the exercises, and your progress in this folder (the default)")
    start = commands.add_parser("start", help="write the starting file of exercise N")
    start.add_argument("number", type=int, metavar="N", help=NUMBER_HELP)
    start.add_argument("--dir", default=".", help="the folder to write it in (default: here)")
    start.add_argument("--force", action="store_true", help="overwrite an existing file")
    start.add_argument("--notebook", action="store_true",
                       help="write a Jupyter notebook, exNN_<name>.ipynb, instead of a .py file")
    check = commands.add_parser("check", parents=[timing], help="check your files")
    check.add_argument("files", nargs="*", metavar="FILE")
    check.add_argument("--folder", metavar="DIR",
                       help="check a student's whole folder as grade does: every exercise counts, a "
                            "missing one as 0 (for autograders)")
    check.add_argument("--exercise", type=int, metavar="N",
                       help="which exercise, if the file name does not say")
    check.add_argument("--failures-only", action="store_true", help="print only what failed")
    _output_options(check, "the report")
    check.add_argument("--seed", metavar="TEXT", help="draw other random cases, the same for the same TEXT")
    _exercises_option(check)
    hint = commands.add_parser("hint", help="hints for exercise N, one more at each level")
    hint.add_argument("number", type=int, metavar="N", help=NUMBER_HELP)
    hint.add_argument("--level", type=_count, default=1, metavar="K",
                      help="how many hints to show (default 1)")
    solution = commands.add_parser("solution", help="print the library's own code for exercise N")
    solution.add_argument("number", type=int, metavar="N", help=NUMBER_HELP)
    grade = commands.add_parser("grade", parents=[timing],
                                help="grade a class: one sub-folder per student, a row per student")
    grade.add_argument("folder", metavar="FOLDER")
    grade.add_argument("--out", required=True, metavar="GRADES.csv", help="the gradebook to write")
    grade.add_argument("--roster", metavar="FILE", help="student names, one per line: a row for each")
    grade.add_argument("--points", metavar="SPEC", help="points per exercise: 10, or 1=5,6=20 (default 10)")
    grade.add_argument("--jobs", type=_count, default=1, metavar="N",
                       help="students graded at once (default 1)")
    grade.add_argument("--seed-per-student", metavar="SECRET",
                       help="draw each student's random cases from SECRET and their name (keep SECRET "
                            "from the class, or they can draw their own cases)")
    grade.add_argument("--details", metavar="PATH", help="write every check's result here, in --format")
    grade.add_argument("--format", choices=FORMATS[1:],
                       help="the format of --details (default json; a folder of files for %s)"
                       % " and ".join(PER_STUDENT))
    _exercises_option(grade)
    return parser


def _exercises_option(command):
    command.add_argument("--exercises", metavar="SPEC",
                         help="the exercises that count, such as 1-4,7 (default: all ten)")


def _output_options(command, what):
    command.add_argument("--format", choices=FORMATS, default="text", help="how to write %s" % what)
    command.add_argument("--out", metavar="PATH", help="write %s to this file" % what)
    command.add_argument("--points", metavar="SPEC", help="points per exercise: 10, or 1=5,6=20 (default 10)")


#: The exit status of a command whose output pipe closed (as a shell reports SIGPIPE).
BROKEN_PIPE = 141


def main(argv=None, out=None):
    if out is None:
        out = sys.stdout
        try:  # a terminal that cannot show a character gets an escape, not a traceback
            out.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    handlers = {None: command_list, "list": command_list, "start": command_start, "check": command_check,
                "hint": command_hint, "solution": command_solution, "grade": command_grade}
    try:
        return handlers[args.command](args, out)
    except CheckerFailure as e:
        sys.stderr.write("python -m nnscratch.exercises: %s\n" % e)
        return 1
    except BrokenPipeError:  # `... | head` read what it wanted
        try:
            sys.stdout = open(os.devnull, "w")  # nothing more to flush at exit
        except OSError:
            pass
        return BROKEN_PIPE
