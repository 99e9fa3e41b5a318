"""How a student's function is checked: call it safely, compare, explain.

A ``Checker`` holds the student's functions (the names their file defines)
and records one ``Result`` per check. ``case`` calls a student function on
given arguments and compares what it returns with the reference value;
a failure records the input, the expected value, the value received and,
when one of the hints recognises the mistake, a sentence about it.

Errors inside the student's code are reported in plain words with the line
of their file, never with the checker's traceback.
"""

import math
import sys
import traceback
from collections import namedtuple

from .._checks import is_number
from ..errors import NNScratchError

__all__ = ["Checker", "Result", "CatalogError", "close", "show"]

#: One check: which function, what case, whether it passed, and for a failure the details.
Result = namedtuple("Result", "function case passed details")

#: Floats agree when within this relative (or, near zero, absolute) distance.
RELATIVE, ABSOLUTE = 1e-9, 1e-12


def close(a, b, rel=RELATIVE, abs_=ABSOLUTE):
    """Whether a and b are the same number, or lists/tuples of the same shape with close numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if math.isnan(a) or math.isnan(b):
            return False
        return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)
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
    """The student's function raised something else; the message names the line.

    ``Checker.case`` records it.
    """


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


class Checker:
    """Runs checks against a student's namespace and collects the results."""

    def __init__(self, namespace, filename):
        self.namespace = namespace
        self.filename = filename
        self.results = []
        self.skipped = {}  # function -> why its remaining checks are not run (e.g. "not written yet")

    # ----- calling the student's code -------------------------------------------

    def call(self, name, *args):
        """Call the student's function; raise NotWritten or StudentError on trouble."""
        fn = self.namespace.get(name)
        if not callable(fn):
            raise StudentError("your file defines no function %s" % name)
        try:
            return fn(*_copy(args))
        except NotImplementedError:
            raise NotWritten(self._line_of_last_frame()) from None
        except RecursionError:
            raise StudentError("it recursed without end%s" % self._line_of_last_frame()) from None
        except Exception as e:
            line = self._line_of_last_frame()
            raise StudentError("it raised %s: %s%s" % (type(e).__name__, e, line)) from None

    def _line_of_last_frame(self):
        """' (line N of your file)' for the deepest frame in the student's file, if any."""
        frames = [f for f in traceback.extract_tb(_current_traceback()) if f.filename == self.filename]
        return " (line %d of your file)" % frames[-1].lineno if frames else ""

    # ----- recording results ----------------------------------------------------------

    def passed(self, name, case):
        self.results.append(Result(name, case, True, None))

    def failed(self, name, case, **details):
        self.results.append(Result(name, case, False, details))

    def case(self, name, case, args, expected, returns=None, hints=(), compare=close, show_call=None):
        """Check name(*args) against expected; True if it passed.

        ``hints`` are (test, sentence) pairs; test(args, expected, received)
        says whether the received value shows that mistake.
        """
        if name in self.skipped:
            self.failed(name, case, reason="not checked: %s" % self.skipped[name])
            return False
        call_text = show_call or "%s(%s)" % (name, ", ".join(show(a, 60) for a in args))
        try:
            received = self.call(name, *args)
        except NotWritten as e:
            self.skipped[name] = "not written yet"
            self.failed(name, case, reason="not written yet: it raises NotImplementedError%s" % e.args[0])
            return False
        except StudentError as e:
            self.failed(name, case, input=call_text, expected=show(expected), reason=str(e),
                        hint=_first_hint(hints, args, expected, e))
            return False
        wrong_kind = _shape_of(returns, received)
        if wrong_kind:
            self.failed(name, case, input=call_text, expected=show(expected), reason=wrong_kind,
                        hint=_first_hint(hints, args, expected, received))
            return False
        try:
            right = compare(received, expected)
        except Exception:  # a value too odd to compare (a dict, a string...): wrong
            right = False
        if right:
            self.passed(name, case)
            return True
        self.failed(name, case, input=call_text, expected=show(expected), received=show(received),
                    hint=_first_hint(hints, args, expected, received))
        return False



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
