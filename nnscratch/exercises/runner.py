"""Checking a student's file: read it, then run it in a separate process with a time limit.

The parent process (``check_file``) reads the file and reports a syntax error
or an import of a forbidden module itself, with the line. Then a child
process (``python -m nnscratch.exercises _child``) loads the file and runs the
exercise's checks, writing each result as a JSON line to a results file as it
goes. An infinite loop or a crash in the student's code stops only the child:
the parent reports what finished and what went wrong, in plain words.
"""

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import namedtuple
from pathlib import Path

from ..errors import NNScratchError
from .catalog import EXERCISES, UnknownExerciseError, by_number
from .checking import Checker, Result

__all__ = ["FORBIDDEN", "ForbiddenImportError", "Report", "check_file", "exercise_of", "TIME_LIMIT"]

#: Modules the exercises are to be written without: the point is to write the maths by hand.
FORBIDDEN = ("numpy", "scipy", "torch", "tensorflow", "jax", "sklearn", "pandas", "nnscratch")
#: Seconds a student's file may run before the checker stops it.
TIME_LIMIT = 20.0
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent.parent)

#: What checking one file found: the exercise, the results, and a problem that stopped the checks (or None).
Report = namedtuple("Report", "exercise results problem")


def exercise_of(path):
    """The exercise a file is for, from its name ``exNN_...py``; None if the name says nothing."""
    match = re.match(r"ex(\d+)", Path(path).name)
    if match:
        try:
            return by_number(int(match.group(1)))
        except UnknownExerciseError:
            return None
    return None


def _read_problem(path):
    """A syntax error or a forbidden import, in plain words with the line; None if there is none."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return "cannot read %s: %s" % (path, e)
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as e:
        where = "line %d" % e.lineno if e.lineno else "somewhere"
        code = (e.text or "").strip()
        return "%s: Python cannot read this line: %s%s" % (where, e.msg, " (%s)" % code if code else "")
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in FORBIDDEN:
                return ("line %d: imports %s, which the exercises are to be written without: use lists, "
                        "loops and the math module" % (node.lineno, name.split(".")[0]))
    return None


def check_file(path, exercise=None, time_limit=TIME_LIMIT):
    """Check a student's file; return a Report. Never raises for anything in the student's code."""
    path = Path(path).resolve()
    exercise = exercise or exercise_of(path)
    if exercise is None:
        return Report(None, [], "%s: the name does not say which exercise it is (expected exNN_...py, "
                                "NN from 1 to %d)" % (path.name, len(EXERCISES)))
    problem = _read_problem(path)
    if problem:
        return Report(exercise, [], problem)
    handle, results_path = tempfile.mkstemp(prefix="nnscratch-check-", suffix=".jsonl")
    os.close(handle)
    python_path = os.pathsep.join(filter(None, [_PACKAGE_PARENT, os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, PYTHONPATH=python_path)
    try:
        try:
            child = subprocess.run(
                [sys.executable, "-m", "nnscratch.exercises", "_child", str(path), str(exercise.number),
                 results_path],
                env=env, cwd=str(path.parent), capture_output=True, text=True, timeout=time_limit,
            )
            problem = None if child.returncode == 0 else _child_problem(child)
        except subprocess.TimeoutExpired:
            problem = ("stopped after %g seconds: a function did not return (a loop that never ends?); "
                       "the checks that finished are above" % time_limit)
        results, extra = _read_results(results_path)
        return Report(exercise, results, problem or extra)
    finally:
        os.unlink(results_path)


def _child_problem(child):
    """Why the child process stopped early, from what it printed last."""
    lines = [l for l in child.stderr.splitlines() if l.strip()]
    last = lines[-1] if lines else "the process ended with status %d" % child.returncode
    return "the checks stopped: %s" % last


def _read_results(path):
    """(results, problem) from the child's results file."""
    results, problem = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if "problem" in item:
                problem = item["problem"]
            else:
                results.append(Result(item["function"], item["case"], item["passed"], item["details"]))
    return results, problem


# ----- the child process -------------------------------------------------------------------


class ForbiddenImportError(NNScratchError, ImportError):
    """A student's file imported a module the exercises are to be written without."""


class _Blocker:
    """A meta-path finder that refuses the forbidden modules (imports hidden from the parent's scan)."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in FORBIDDEN and name.split(".")[0] != "nnscratch":
            raise ForbiddenImportError("%s is not allowed in the exercises: use lists, loops and the "
                                       "math module" % name)
        return None


def child_main(path, number, results_path):
    """Load the student's file and run the checks, writing each result to results_path as a JSON line."""
    exercise = by_number(int(number))
    out = open(results_path, "a", encoding="utf-8")

    def write(item):
        out.write(json.dumps(item) + "\n")
        out.flush()

    sys.meta_path.insert(0, _Blocker())
    sys.stdout = sys.stderr  # the student's prints must not get in the way
    namespace = {"__name__": "student", "__file__": path}
    try:
        code = compile(Path(path).read_text(encoding="utf-8"), path, "exec")
        exec(code, namespace)
    except Exception as e:
        line = _student_line(e, path)
        write({"problem": "loading your file failed%s: %s: %s" % (line, type(e).__name__, e)})
        return 0
    checker = Checker(namespace, path)
    checker.results = _Streamed(write)
    try:
        exercise.check(checker)
    except Exception as e:  # a failure of the checks themselves, not of the student's code
        write({"problem": "the checker failed (%s: %s); please report it" % (type(e).__name__, e)})
    out.close()
    return 0


class _Streamed(list):
    """A results list that also writes each result out as it is added."""

    def __init__(self, write):
        super().__init__()
        self._write = write

    def append(self, result):
        super().append(result)
        self._write({"function": result.function, "case": result.case, "passed": result.passed,
                     "details": result.details})


def _student_line(error, path):
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == path]
    return " at line %d" % frames[-1].lineno if frames else ""
