"""How a student's function is checked: call it safely, compare, explain.

A ``Checker`` calls the student's functions through ``call(name, args)``
(in a separate, guarded process for a student's file: see ``runner``) and
records one ``Result`` per check. ``case`` calls a student function on
given arguments and compares what it returns with the reference value;
a failure records the input, the expected value, the value received and,
when one of the hints recognises the mistake, a sentence about it.

Errors inside the student's code are reported in plain words with the line
of their file, never with the checker's traceback.
"""

import math
import os
import shutil
import sys
import tempfile
import traceback

from .._checks import is_number
from ..errors import NNScratchError
from .results import Result

__all__ = ["Checker", "LocalFunctions", "Result", "CatalogError", "NotWritten", "StudentError", "close",
           "show", "first_difference"]

#: nnscratch's folder: frames inside it are the checker's, not the student's.
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
#: Floats agree when within this relative (or, near zero, absolute) distance.
RELATIVE, ABSOLUTE = 1e-9, 1e-12


def close(a, b, rel=RELATIVE, abs_=ABSOLUTE):
    """Whether a and b are the same number, or lists/tuples of the same shape with close numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        try:
            if math.isnan(a) or math.isnan(b):
                return False
            return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)
        except OverflowError:  # an int too large for a float: only an equal int is close to it
            return a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(close(x, y, rel, abs_) for x, y in zip(a, b))
    return a == b


def show(value, limit=160):
    """A short readable form of a value: numbers to 10 significant digits, long lists cut."""

    def text(v):
        if isinstance(v, float):
            out = "%.10g" % v
            return out if any(c in out for c in ".einn") else out + ".0"  # 32.0, not 32
        if isinstance(v, (list, tuple)):
            inner = ", ".join(text(x) for x in v)
            return ("[%s]" if isinstance(v, list) else "(%s)") % inner
        return repr(v)

    out = text(value)
    return out if len(out) <= limit else out[:limit - 3] + "..."


class CatalogError(NNScratchError):
    """A check of the catalog is written wrong, such as an unknown ``returns`` kind.

    A bug of the exercises, never of the student's code: the check stops, and
    the checker reports that it failed and asks for a report.
    """


class NotWritten(NNScratchError):
    """The student's function raised NotImplementedError (``Checker.case`` records it)."""


class StudentError(NNScratchError):
    """The student's function raised something else, or did not return; the message names the line.

    ``Checker.case`` records it. ``stops_function``, when set, says why the
    function's remaining checks are not run (it did not return in time).
    """

    def __init__(self, message, stops_function=None):
        super().__init__(message)
        self.stops_function = stops_function


def _shape_of(kind, value):
    """None if value has the expected kind, else a sentence about what came back."""
    if kind is None:
        return None
    if kind == "number":
        ok = is_number(value)
        return None if ok else "it returned %s; it should return one number" % _what(value)
    if kind == "list":
        ok = isinstance(value, list) and all(is_number(x) for x in value)
        return None if ok else "it returned %s; it should return a list of numbers" % _what(value)
    if kind == "matrix":
        ok = isinstance(value, list) and all(isinstance(r, list) for r in value)
        return None if ok else ("it returned %s; it should return a list of rows (lists of numbers)"
                                % _what(value))
    if kind.startswith("tuple") and kind[5:].isdigit():
        n = int(kind[5:])
        ok = isinstance(value, (tuple, list)) and len(value) == n
        return None if ok else "it returned %s; it should return %d values, as a tuple" % (_what(value), n)
    if kind == "bool":
        ok = isinstance(value, bool)
        return None if ok else "it returned %s; it should return True or False" % _what(value)
    # Not an assert: under python -O it would vanish, and the shape would pass unchecked.
    raise CatalogError("unknown returns kind %r in the catalog" % (kind,))


def _what(value):
    if value is None:
        return "None (is a return statement missing?)"
    if isinstance(value, bool):
        return "a bool (%r)" % value
    if isinstance(value, (int, float)):
        return "a number (%s)" % show(value)
    if isinstance(value, (list, tuple)):
        return "a %s of %d" % (type(value).__name__, len(value))
    return "a %s" % type(value).__name__


class LocalFunctions:
    """Functions called in this process: the references in the library's own tests, and a notebook's
    functions in its kernel, for a quick check.

    A student's file is never run this way: ``runner`` calls its functions in a
    separate process, through the same ``call(name, args)``. ``filename`` is
    the file whose lines an error names; None names the line of the deepest
    frame outside nnscratch (a notebook's cell).
    """

    def __init__(self, namespace, filename="<reference>"):
        self.namespace = namespace
        self.filename = filename

    def call(self, name, args):
        """name(*args); raise NotWritten or StudentError on trouble."""
        fn = self.namespace.get(name)
        if not callable(fn):
            raise StudentError("your file defines no function %s" % name)
        try:
            return fn(*args)
        except NotImplementedError:
            raise NotWritten(self._line_of_last_frame()) from None
        except RecursionError:
            raise StudentError("it recursed without end%s" % self._line_of_last_frame()) from None
        except Exception as e:
            line = self._line_of_last_frame()
            raise StudentError("it raised %s: %s%s" % (type(e).__name__, e, line)) from None

    def _line_of_last_frame(self):
        """' (line N of your file)' for the deepest frame in the student's file (or cell), if any."""
        frames = traceback.extract_tb(_current_traceback())
        if self.filename is None:
            frames = [f for f in frames if not os.path.abspath(f.filename).startswith(_PACKAGE)]
            return " (line %d of its cell)" % frames[-1].lineno if frames else ""
        frames = [f for f in frames if f.filename == self.filename]
        return " (line %d of your file)" % frames[-1].lineno if frames else ""


class Checker:
    """Runs an exercise's checks against a student's functions and collects the results.

    ``functions`` answers ``call(name, args)`` (a ``LocalFunctions``, or the
    runner's sandboxed process); a dict is wrapped in ``LocalFunctions``.
    Every comparison, hint and verdict happens here, in the checking process.
    ``seed`` draws other random cases (None: the usual ones); data files a
    case needs are written into ``workdir``, a temporary folder by default,
    removed by ``remove_files()`` (a Checker is also a context manager).
    """

    def __init__(self, functions, seed=None, workdir=None):
        self.functions = LocalFunctions(functions) if isinstance(functions, dict) else functions
        self.seed = seed
        self.results = []
        self.skipped = {}  # function -> why its remaining checks are not run (e.g. "not written yet")
        self.files = {}  # path -> (short name, text) of each data file written for a case
        self._hints_given = set()  # (function, hint): a hint is shown once per function
        self._workdir, self._own_workdir = workdir, workdir is None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove_files()

    def remove_files(self):
        """Remove the temporary folder of data files, if this Checker made one."""
        if self._own_workdir and self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def data_file(self, name, text):
        """Write a data file a case reads (as name, in the work folder); return its path.

        A failure of a case given this path shows the file's text.
        """
        if self._workdir is None:
            self._workdir = tempfile.mkdtemp(prefix="nnscratch-check-")
        path = os.path.join(self._workdir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        self.files[path] = (name, text)
        return path

    # ----- calling the student's code -------------------------------------------

    def call(self, name, *args):
        """Call the student's function on copies of args; raise NotWritten or StudentError on trouble."""
        return self.functions.call(name, _copy(args))

    # ----- recording results ----------------------------------------------------------

    def passed(self, name, case):
        self.results.append(Result(name, case, True, None))

    def failed(self, name, case, **details):
        self.results.append(Result(name, case, False, details))

    def case(self, name, case, args, expected, returns=None, hints=(), compare=None):
        """Check name(*args) against expected; True if it passed.

        ``hints`` are (test, sentence) pairs; test(args, expected, received)
        says whether the received value shows that mistake; compare(received,
        expected) says whether it passed (``close`` by default).
        """
        compare = compare or close
        if name in self.skipped:
            self.failed(name, case, reason="not checked: %s" % self.skipped[name])
            return False
        details = {"input": self._call_text(name, args)}
        details.update(self._file_details(args))
        try:
            received = self.call(name, *args)
        except NotWritten as e:
            self.skipped[name] = "not written yet"
            self.failed(name, case, reason="not written yet: it raises NotImplementedError%s" % e.args[0])
            return False
        except StudentError as e:
            if e.stops_function:
                self.skipped[name] = e.stops_function
            # a missing function, a loop or a dead process is not one of the usual mistakes
            hint = None if e.stops_function else self._hint(name, hints, args, expected, e)
            self.failed(name, case, expected=show(expected), reason=str(e), hint=hint, **details)
            return False
        wrong_kind = _shape_of(returns, received)
        if wrong_kind:
            right_values = _agrees(compare, received, expected)  # only the kind is wrong: no value hint
            self.failed(name, case, expected=show(expected), reason=wrong_kind,
                        hint=None if right_values else self._hint(name, hints, args, expected, received),
                        **details)
            return False
        if _agrees(compare, received, expected):
            self.passed(name, case)
            return True
        difference = first_difference(expected, received)
        if difference:
            details["difference"] = difference
        self.failed(name, case, expected=show(expected), received=show(received),
                    hint=self._hint(name, hints, args, expected, received), **details)
        return False

    def _call_text(self, name, args):
        """A call that can be pasted into Python to see the case again: full values, files by name."""
        return "%s(%s)" % (name, ", ".join(repr(self.files[a][0]) if _is_file(a, self.files) else repr(a)
                                           for a in args))

    def _file_details(self, args):
        """The text of each data file a case reads, and a line that writes it, to paste."""
        texts = [self.files[a] for a in args if _is_file(a, self.files)]
        return {"file": "\n".join("%s, to write beside yours: import pathlib; pathlib.Path(%r).write_text(%r)"
                                  "\n%s" % (n, n, t, t) for n, t in texts)} if texts else {}

    def _hint(self, name, hints, args, expected, received):
        hint = _first_hint(hints, args, expected, received)
        if hint is None or (name, hint) in self._hints_given:
            return None
        self._hints_given.add((name, hint))
        return hint


def _is_file(value, files):
    return isinstance(value, str) and value in files


def _agrees(compare, received, expected):
    try:
        return bool(compare(received, expected))
    except Exception:  # a value too odd to compare (a dict, a string...): wrong
        return False


def first_difference(expected, received, where=""):
    """Where two values first differ, as "at [i][j]: expected X, received Y"; None if none is found.

    >>> first_difference([1.0, [2.0, 3.0]], [1.0, [2.0, 3.5]])
    'at [1][1]: expected 3.0, received 3.5'
    """
    if isinstance(expected, (list, tuple)) and isinstance(received, (list, tuple)):
        if len(expected) != len(received):
            return "at %s: %d entries expected, %d received" % (where or "the top", len(expected),
                                                                len(received))
        for i, (e, r) in enumerate(zip(expected, received)):
            found = first_difference(e, r, "%s[%d]" % (where, i))
            if found:
                return found
        return None
    if close(expected, received) and type(expected) is type(received):
        return None
    if not where:
        return None  # two plain values: expected and received already say it
    return "at %s: expected %s, received %s" % (where, show(expected, 60), show(received, 60))


def _current_traceback():
    return sys.exc_info()[2]


def _copy(value):
    """Arguments are copied, so a function that changes its inputs cannot spoil the next check."""
    if isinstance(value, (list, tuple)):
        return type(value)(_copy(v) for v in value)
    return value


def _first_hint(hints, args, expected, received):
    for test, sentence in hints:
        try:
            if test(args, expected, received):
                return sentence
        except Exception:  # a hint's test that does not apply to this value
            continue
    return None
