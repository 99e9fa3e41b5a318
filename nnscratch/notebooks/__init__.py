"""The articles as Jupyter notebooks: ``python -m nnscratch.notebooks DIR`` writes one per article.

    article-003-perceptron.ipynb         one neuron: helpers, forward pass, gradients, training
    article-001-002-iris.ipynb           the iris network, and the articles' three lessons
    article-000-neurons-layers.ipynb     Neuron, Layer, Network, on the built-in digits
    article-004-production.ipynb         batches, early stopping, errors, saving, serving, metrics

Each walks its article's steps in order, in words of its own, with the reading
path's code (``nnscratch.reading``) and pictures after training, and runs top
to bottom with nothing but nnscratch (its data are built in). The notebooks are
made here as nbformat 4 JSON (``nnscratch.files.ipynb``): no Jupyter package
is needed to write them, only to run them. Their first cell finds nnscratch
when it is installed, or in the kernel's working folder or a folder above it.
"""

import argparse
import os
import sys

from ..files.atomic import check_output
from ..files.ipynb import notebook, write_notebook
from ..text import printable
from . import iris, layers, perceptron, production

__all__ = ["ARTICLES", "article_notebook", "write_notebooks", "main"]

#: The notebooks, in the order to read them: (file name, title, cells).
ARTICLES = [(m.FILENAME, m.TITLE, m.CELLS) for m in (perceptron, iris, layers, production)]


def article_notebook(filename):
    """The notebook (a JSON-ready dict) written as filename."""
    for name, title, cells in ARTICLES:
        if name == filename:
            return notebook(cells, title=title)  # notebook() copies each cell: CELLS stays as it is
    raise KeyError("no article notebook is named %r" % filename)


def write_notebooks(folder, overwrite=False):
    """Write every article notebook into folder (made if need be); return their paths.

    A notebook already there is kept, and nothing is written, unless ``overwrite``:
    it may hold a student's work. Raises ``FileExistsError`` naming it, or ``OSError``.
    """
    paths = [os.path.join(folder, name) for name, _, _ in ARTICLES]
    there = [p for p in paths if os.path.lexists(p)]
    if there and not overwrite:
        raise FileExistsError("%s exists already (a notebook you may have changed); give --force to "
                              "write over it" % there[0])
    os.makedirs(folder, exist_ok=True)
    for path in paths:
        check_output(path)  # before any is written: a folder or a device in the way stops them all
    for path, (name, _, _) in zip(paths, ARTICLES):
        write_notebook(path, article_notebook(name))
    return paths


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m nnscratch.notebooks",
                                     description="Write the articles as Jupyter notebooks into DIR.")
    parser.add_argument("dir", metavar="DIR", help="the folder to write them in (made if need be)")
    parser.add_argument("--force", action="store_true", help="write over notebooks already there")
    args = parser.parse_args(argv)
    try:
        paths = write_notebooks(args.dir, args.force)
    except OSError as e:
        sys.stderr.write("python -m nnscratch.notebooks: %s\n" % printable(str(e)))
        return 1
    for path in paths:
        out.write("wrote %s\n" % printable(path))
    out.write("open them in Jupyter (jupyter lab %s), and run them top to bottom\n" % printable(args.dir))
    return 0
