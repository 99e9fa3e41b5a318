"""Exercises as Jupyter notebooks: a starting notebook, a check in the kernel, and checking it as a file.

``start N --notebook`` writes ``exNN_<name>.ipynb``: the exercise's text, its
functions to fill in, and a last cell that checks them in the kernel
(``check_in_kernel``), for quick feedback with the same messages and hints
as ``check``. That check runs the student's functions in the notebook's own
process, so it can be fooled; the grade comes from ``check`` and ``grade``,
which read a notebook's code cells (``python_of_notebook``) and check them
as a file, in the same guarded process as a ``.py`` file.

A notebook's code cells become one Python file: each starts at a marker
line (``# code cell 2`` and a mark drawn for this run, which a student's own
line cannot forge), so a line number maps back to its cell (``place``).
IPython's magics (``%time``, ``!pip``, a ``%%bash`` cell) are left as comments
(the body of a ``%%time`` cell and the like, which is Python, is kept), and so
are the last cell's lines that call the checker, which imports nnscratch: the
guarded process refuses that import.
"""

import random
import re
import sys

from ..files.ipynb import code, code_cells, markdown, notebook, NotebookError
from .catalog import by_number
from .checking import Checker, LocalFunctions, StudentError
from .formats import format_report
from .results import Report
from .starting import explanation, functions_source

__all__ = ["notebook_of", "python_of_notebook", "place", "check_in_kernel", "CHECK_LINES", "HEADER"]

#: A mark drawn for this checking process: a student's line cannot pass for a marker line.
_TOKEN = "%012x" % random.SystemRandom().getrandbits(48)
#: The first line of the Python made of a notebook's code cells.
HEADER = "# nnscratch: the code cells of a notebook, each after its marker line %s" % _TOKEN
_MARKER = "# code cell %d " + _TOKEN
_MARKER_RE = re.compile(r"# code cell (\d+) %s$" % _TOKEN)
#: The last cell's lines, left out when the notebook is checked as a file.
CHECK_LINES = ("from nnscratch.exercises import check_in_kernel", "check_in_kernel(%d)")
_CHECK_LINE_RE = re.compile(r"(from nnscratch\.exercises import check_in_kernel|check_in_kernel\(.*\))"
                            r"\s*;?\s*(#.*)?$")
#: Cell magics that run their cell as Python: only their first line is left out.
PYTHON_CELL_MAGICS = ("%%time", "%%timeit", "%%capture", "%%prun")


def notebook_of(exercise):
    """The starting notebook of an exercise: its text, its functions to fill in, and the check."""
    text = explanation(exercise, check_with="run the last cell for a quick check; the grade comes from\n"
                                             "    python -m nnscratch.exercises check %s"
                                             % exercise.filename.replace(".py", ".ipynb"))
    check = "\n".join((
        "# Checks your functions above with the same cases, messages and hints as",
        "# python -m nnscratch.exercises check %s" % exercise.filename.replace(".py", ".ipynb"),
        CHECK_LINES[0], CHECK_LINES[1] % exercise.number))
    return notebook([markdown("# " + text[0] + "\n" + "\n".join(text[1:])),
                     code(functions_source(exercise)),
                     markdown("Run the cell below after each change (run the cells above it first)."),
                     code(check)])


def python_of_notebook(text, name):
    """(source, problem): the notebook's code cells as one Python file, or why it cannot be read."""
    try:
        cells = code_cells(text, name)
    except NotebookError as e:
        return None, str(e)
    lines = [HEADER]
    for k, cell in enumerate(cells, 1):
        lines.append(_MARKER % k)
        first = (cell.lstrip().split(None, 1) or [""])[0]
        magic = first.startswith("%%") and first not in PYTHON_CELL_MAGICS  # %%bash...: not Python
        for line in cell.split("\n"):
            stripped = line.strip()
            if magic or stripped.startswith(("%", "!")) or _CHECK_LINE_RE.match(line):
                line = "# " + line if stripped else line  # the same line count, so lines map back
            lines.append(line)
    source = "\n".join(lines) + "\n"
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as e:  # "\ud800" in the JSON: half a character
        return None, "%s holds text that is not Unicode (character %d of its code): not run" % (name, e.start)
    return source, None


def place(source, line):
    """Where a line of a checked file is, in the student's words: "line 4", or "line 2 of code cell 3".

    >>> source = "\\n".join([HEADER, _MARKER % 1, "x = 1", _MARKER % 2, "y = 2", "z = 3"])
    >>> place(source, 6), place("x = 1\\n", 1), place("# code cell 7\\nx(\\n", 2)
    ('line 2 of code cell 2', 'line 1', 'line 2')
    """
    if not isinstance(source, str) or not source.startswith(HEADER + "\n"):
        return "line %d" % line
    lines = source.split("\n")
    for k in range(min(line, len(lines)) - 1, 0, -1):
        found = _MARKER_RE.match(lines[k])
        if found:
            return "line %d of code cell %s" % (line - 1 - k, found.group(1))
    return "line %d" % line


class KernelFunctions(LocalFunctions):
    """The student's functions in the notebook's own namespace; an interrupt (the stop button) fails
    the function it stopped, not the whole check."""

    def call(self, name, args):
        try:
            return super().call(name, args)
        except KeyboardInterrupt:
            raise StudentError("interrupted (a loop that never ends?)",
                               stops_function="interrupted") from None


def check_in_kernel(number, namespace=None, out=None):
    """Check exercise ``number``'s functions as this notebook defines them; print what ``check`` prints.

    ``namespace`` is where the functions are (the caller's globals by default:
    the notebook's). Returns nothing, so that the cell shows only the report.
    """
    exercise = by_number(number)
    if namespace is None:
        namespace = sys._getframe(1).f_globals  # the notebook's namespace, where its cells ran
    out = out or sys.stdout
    with Checker(KernelFunctions(namespace, filename=None)) as checker:
        exercise.check(checker)
    report = Report(exercise, checker.results, None, "")
    out.write("\n".join(format_report("this notebook", report)) + "\n")
