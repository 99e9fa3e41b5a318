"""Jupyter notebooks as plain JSON (nbformat 4.5): written for the notebooks, read back for checking.

A notebook is a JSON object: ``cells`` (each a markdown or code cell with its
``source``), ``metadata`` (the kernel), and the format's version. ``notebook``
builds one from ``markdown`` and ``code`` cells, ``write_notebook`` writes it
atomically, and ``code_cells`` reads the code cells of a notebook someone
else wrote (a student's), checking each field it uses and naming the one
that is wrong. The standard library's ``json`` does all of it: no Jupyter
package is needed to write or read a notebook.
"""

import json

from ..errors import DataError
from .atomic import write_text_atomic

__all__ = ["markdown", "code", "notebook", "dumps", "write_notebook", "code_cells", "NotebookError",
           "MAX_NOTEBOOK_BYTES"]

NBFORMAT, NBFORMAT_MINOR = 4, 5
#: The largest notebook read for checking: outputs (pictures) make notebooks larger than code files.
MAX_NOTEBOOK_BYTES = 16 << 20
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


class NotebookError(DataError):
    """A notebook that cannot be read: not JSON, not nbformat 4, or a field of the wrong kind."""


def _lines(text):
    """A cell's source as Jupyter stores it: a list of lines, each but the last ending in a newline."""
    return text.splitlines(keepends=True)


def markdown(text, **metadata):
    """A markdown cell.

    >>> markdown("# Title")["cell_type"]
    'markdown'
    """
    return {"cell_type": "markdown", "metadata": dict(metadata), "source": _lines(text.strip("\n"))}


def code(source, **metadata):
    """A code cell, not yet run: no outputs, no execution count.

    >>> code("x = 1\\nx")["source"]
    ['x = 1\\n', 'x']
    """
    return {"cell_type": "code", "execution_count": None, "metadata": dict(metadata), "outputs": [],
            "source": _lines(source.strip("\n"))}


def notebook(cells, **metadata):
    """A notebook of cells for a Python 3 kernel; each cell gets an id, ``cell-1``, ``cell-2``...

    >>> nb = notebook([markdown("Hi"), code("1 + 1")])
    >>> nb["nbformat"], [c["id"] for c in nb["cells"]]
    (4, ['cell-1', 'cell-2'])
    """
    numbered = [dict(cell, id="cell-%d" % k) for k, cell in enumerate(cells, 1)]
    info = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    info.update(metadata)
    return {"cells": numbered, "metadata": info, "nbformat": NBFORMAT, "nbformat_minor": NBFORMAT_MINOR}


def dumps(nb):
    """The notebook as the JSON text Jupyter writes: one-space indents, sorted keys, a final newline."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_notebook(path, nb):
    """Write a notebook to path atomically; return the path."""
    write_text_atomic(path, dumps(nb))
    return path


def code_cells(text, name):
    """The source of each code cell of a notebook's JSON text, in order; NotebookError naming the field.

    >>> code_cells(dumps(notebook([markdown("Hi"), code("x = 1")])), "a.ipynb")
    ['x = 1']
    """
    try:
        nb = json.loads(text)
    except ValueError as e:  # JSONDecodeError, or a number json cannot hold
        raise NotebookError("%s is not a notebook: not valid JSON (%s)" % (name, str(e)[:200])) from None
    except RecursionError:
        raise NotebookError("%s is not a notebook: JSON nested too deeply" % name) from None
    if not isinstance(nb, dict):
        raise NotebookError("%s is not a notebook: expected a JSON object" % name)
    if nb.get("nbformat") != NBFORMAT or not isinstance(nb.get("cells"), list):
        found = nb.get("nbformat")
        raise NotebookError("%s is not a notebook of nbformat 4 (nbformat: %s): save it again with Jupyter"
                            % (name, json.dumps(found)[:20] if found is not None else "missing"))
    sources = []
    for k, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise NotebookError("%s: cells[%d]: expected a cell with a cell_type" % (name, k))
        if cell["cell_type"] != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise NotebookError("%s: cells[%d].source: expected text or a list of lines" % (name, k))
        sources.append(source)
    return sources
