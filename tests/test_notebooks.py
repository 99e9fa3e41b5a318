"""The articles as notebooks, and the exercises as notebooks.

Without Jupyter's packages (the default run), the notebooks are written and read with the
standard library: their shape, their code, the refusals of the command, and checking and grading
an exercise notebook, which needs no Jupyter. With ``nbformat``, ``nbclient`` and ``ipykernel``
(CI installs them in a virtual environment of their own), the tests marked jupyter also validate
each notebook against nbformat's schema and run it in a real kernel: no error, and pictures.
"""

import ast
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnscratch.exercises import check_file, check_in_kernel
from nnscratch.exercises.notebook import notebook_of, python_of_notebook
from nnscratch.exercises.catalog import by_number
from nnscratch.files.ipynb import code, code_cells, dumps, markdown, notebook
from nnscratch.notebooks import ARTICLES, article_notebook, main

from conftest import ROOT

ATTEMPTS = Path(__file__).resolve().parent / "exercises"
NAMES = [name for name, _, _ in ARTICLES]
assert len(NAMES) == 4


def exercises(*args, cwd):
    return subprocess.run([sys.executable, "-m", "nnscratch.exercises"] + [str(a) for a in args], cwd=str(cwd),
                          capture_output=True, text=True, timeout=600,
                          env={"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin")})


def answered(number, answer_file):
    """The starting notebook of an exercise with its functions cell replaced by a student's answer."""
    nb = notebook_of(by_number(number))
    nb["cells"][1]["source"] = (ATTEMPTS / answer_file).read_text().splitlines(keepends=True)
    return nb


# ----- the article notebooks, with the standard library alone ------------------------------


def test_the_command_writes_one_notebook_per_article(tmp_path):
    out = io.StringIO()
    assert main([str(tmp_path / "nb")], out=out) == 0
    assert sorted(p.name for p in (tmp_path / "nb").iterdir()) == sorted(NAMES)
    assert out.getvalue().count("wrote ") == 4


@pytest.mark.parametrize("name", NAMES)
def test_a_notebook_is_nbformat_4_with_code_that_compiles(name):
    nb = json.loads(dumps(article_notebook(name)))
    assert (nb["nbformat"], nb["nbformat_minor"]) == (4, 5)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    ids = [c["id"] for c in nb["cells"]]
    assert len(set(ids)) == len(ids) and all(1 <= len(i) <= 64 for i in ids)
    for cell in nb["cells"]:
        assert cell["cell_type"] in ("markdown", "code") and all(isinstance(s, str) for s in cell["source"])
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            ast.parse("".join(cell["source"]))
    assert nb["cells"][0]["cell_type"] == "markdown" and "".join(nb["cells"][0]["source"]).startswith("# ")
    assert "import nnscratch" in "".join(nb["cells"][1]["source"]), "the first code cell finds nnscratch"


def test_the_lessons_are_there():
    """The articles' slips, each shown where it matters."""
    text = {name: json.dumps(article_notebook(name)) for name in NAMES}
    assert "sigmoidPrime" in text["article-001-002-iris.ipynb"] and "slope=sigmoid_prime" in text[
        "article-001-002-iris.ipynb"]
    assert "header row becomes a row of zeros" in text["article-001-002-iris.ipynb"]
    assert 'init=\\"uniform01\\"' in text["article-000-neurons-layers.ipynb"]
    assert "data race" in text["article-000-neurons-layers.ipynb"]


def test_a_notebook_already_there_is_kept(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    mine = folder / NAMES[1]
    mine.write_text("my own work")
    err = io.StringIO()
    sys_stderr, sys.stderr = sys.stderr, err
    try:
        assert main([str(folder)], out=io.StringIO()) == 1
    finally:
        sys.stderr = sys_stderr
    assert "exists already" in err.getvalue() and "--force" in err.getvalue()
    assert mine.read_text() == "my own work" and len(list(folder.iterdir())) == 1, "nothing written"
    assert main([str(folder), "--force"], out=io.StringIO()) == 0
    assert json.loads(mine.read_text())["nbformat"] == 4


def test_a_folder_that_cannot_be_made(tmp_path):
    (tmp_path / "a_file").write_text("keep me")
    result = subprocess.run([sys.executable, "-m", "nnscratch.notebooks", str(tmp_path / "a_file")],
                            capture_output=True, text=True, timeout=60, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr
    assert (tmp_path / "a_file").read_text() == "keep me"


# ----- exercise notebooks ----------------------------------------------------------------------


def test_start_writes_the_exercise_as_a_notebook(tmp_path):
    result = exercises("start", 1, "--notebook", cwd=tmp_path)
    assert result.returncode == 0 and "ex01_vectors.ipynb" in result.stdout
    nb = json.loads((tmp_path / "ex01_vectors.ipynb").read_text())
    text = "".join(nb["cells"][0]["source"])
    assert text.startswith("# Exercise 1: Vector helpers") and "The Go it mirrors:" in text
    assert "def dot(v1, v2):" in "".join(nb["cells"][1]["source"])
    assert "check_in_kernel(1)" in "".join(nb["cells"][-1]["source"])
    again = exercises("start", 1, "--notebook", cwd=tmp_path)
    assert again.returncode == 1 and "exists already" in again.stderr


@pytest.mark.parametrize("answer, passes, said", [
    ("ex01_correct.py", True, "all 16 checks passed"),
    ("ex01_sum_starts_at_1.py", False, "hint:     the sum started at 1: start it at 0"),
])
def test_check_reads_a_notebook_as_a_file(answer, passes, said, tmp_path):
    (tmp_path / "ex01_vectors.ipynb").write_text(dumps(answered(1, answer)))
    result = exercises("check", "ex01_vectors.ipynb", cwd=tmp_path)
    assert result.returncode == (0 if passes else 1) and said in result.stdout, result.stdout + result.stderr


def test_lines_are_named_by_their_cell(tmp_path):
    nb = answered(1, "ex01_correct.py")
    nb["cells"].insert(2, code("%time x = 1\n!echo hi\nprint('from a cell')\n"))
    nb["cells"].insert(3, code("def helper(:\n    pass\n"))
    (tmp_path / "ex01_vectors.ipynb").write_text(dumps(nb))
    report = check_file(tmp_path / "ex01_vectors.ipynb")
    assert report.problem.startswith("line 1 of code cell 3: Python cannot read this line"), report.problem
    del nb["cells"][3]
    (tmp_path / "ex01_vectors.ipynb").write_text(dumps(nb))
    report = check_file(tmp_path / "ex01_vectors.ipynb")
    assert report.problem is None and all(r.passed for r in report.results) and "from a cell" in report.output


def test_what_runs_in_the_kernel_runs_in_the_check(tmp_path):
    """A %%time cell runs its body; an edited check line is still the check's."""
    nb = answered(1, "ex01_correct.py")
    nb["cells"][1]["source"] = ["%%time\n"] + nb["cells"][1]["source"]
    nb["cells"][-1]["source"] = ["from nnscratch.exercises import check_in_kernel  # the checker\n",
                                 "check_in_kernel(1);  # run me\n"]
    (tmp_path / "ex01_vectors.ipynb").write_text(dumps(nb))
    report = check_file(tmp_path / "ex01_vectors.ipynb")
    assert report.problem is None and all(r.passed for r in report.results), report.problem


def test_half_a_character_is_said_not_raised(tmp_path):
    nb = answered(1, "ex01_correct.py")
    nb["cells"][1]["source"].append("# \ud800\n")
    (tmp_path / "ex01_vectors.ipynb").write_text(json.dumps(nb))  # as JSON writes it: "\\ud800"
    result = exercises("check", "ex01_vectors.ipynb", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "holds text that is not Unicode" in result.stdout


def test_a_forged_marker_names_no_cell(tmp_path):
    nb = answered(1, "ex01_correct.py")
    nb["cells"].insert(2, code("# code cell 7\ndef broken(:\n"))
    (tmp_path / "ex01_vectors.ipynb").write_text(dumps(nb))
    assert check_file(tmp_path / "ex01_vectors.ipynb").problem.startswith("line 2 of code cell 2: ")


@pytest.mark.parametrize("text, said", [
    ("not json", "ex01_vectors.ipynb is not a notebook: not valid JSON"),
    ('{"nbformat": 3, "worksheets": []}', "is not a notebook of nbformat 4 (nbformat: 3)"),
    ('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 7}]}', "cells[0].source: expected text"),
    ('[1, 2]', "expected a JSON object"),
])
def test_a_notebook_that_cannot_be_read_is_said_so(text, said, tmp_path):
    (tmp_path / "ex01_vectors.ipynb").write_text(text)
    report = check_file(tmp_path / "ex01_vectors.ipynb")
    assert said in report.problem and len(report.results) == 16 and not any(r.passed for r in report.results)


def test_the_check_cell_is_left_out_of_the_file():
    source, problem = python_of_notebook(dumps(answered(1, "ex01_correct.py")), "ex01_vectors.ipynb")
    assert problem is None and "import nnscratch" not in source.replace("# from nnscratch", "")
    assert "# check_in_kernel(1)" in source


@pytest.mark.parametrize("answer, said", [
    ("ex01_correct.py", "all 16 checks passed"),
    ("ex01_sum_starts_at_1.py", "hint:     the sum started at 1: start it at 0"),
])
def test_the_last_cell_checks_in_the_kernel(answer, said):
    """The notebook's cells run top to bottom, as a kernel would run them: the last prints check's report."""
    namespace, out = {"__name__": "__main__"}, io.StringIO()
    cells = code_cells(dumps(answered(1, answer)), "ex01_vectors.ipynb")
    for k, cell in enumerate(cells[:-1]):
        exec(compile(cell, "<cell %d>" % k, "exec"), namespace)
    check_in_kernel(1, namespace, out=out)
    assert said in out.getvalue() and out.getvalue().startswith("this notebook: exercise 1")


def test_grade_takes_a_class_of_py_and_ipynb(tmp_path):
    classroom = tmp_path / "class"
    for student in ("ana", "ben", "cy"):
        (classroom / student).mkdir(parents=True)
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / "ana" / "ex01_vectors.py"))
    (classroom / "ben" / "ex01_vectors.ipynb").write_text(dumps(answered(1, "ex01_correct.py")))
    (classroom / "ben" / "ex02_sigmoid.ipynb").write_text(dumps(answered(2, "ex02_correct.py")))
    (classroom / "cy" / "ex01_vectors.ipynb").write_text(dumps(answered(1, "ex01_sum_starts_at_1.py")))
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / "cy" / "ex01_vectors.py"))
    result = exercises("grade", classroom, "--out", tmp_path / "g.csv", "--exercises", "1,2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {r[0]: r[1:] for r in csv.reader((tmp_path / "g.csv").read_text().splitlines()[1:])}
    assert rows["ana"][:3] == ["10", "0", "10"] and rows["ben"][:3] == ["10", "10", "20"]
    assert rows["cy"][:3] == ["10", "0", "10"], "the .py wins over the .ipynb, with a warning"
    assert "two files for exercise 1: graded ex01_vectors.py, ignored ex01_vectors.ipynb" in rows["cy"][-1]


# ----- in a real kernel: nbformat's schema, nbclient and ipykernel ---------------------------


def jupyter():
    """nbformat and nbclient, or a skip that says how to get them."""
    nbformat = pytest.importorskip("nbformat", reason="nbformat not installed (CI installs nbformat, nbclient "
                                                      "and ipykernel in a venv for these tests)")
    nbclient = pytest.importorskip("nbclient", reason="nbclient not installed")
    pytest.importorskip("ipykernel", reason="ipykernel not installed")
    return nbformat, nbclient


def run(nb, folder, monkeypatch):
    """Execute a notebook in a fresh kernel in folder, where nnscratch is on PYTHONPATH; return it run."""
    nbformat, nbclient = jupyter()
    nb = nbformat.reads(dumps(nb), as_version=4)
    nbformat.validate(nb)
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_jupyter_runs_each_article_notebook(name, tmp_path, monkeypatch):
    """nbformat's schema holds, every cell runs without an error, and the training shows pictures."""
    nb = run(article_notebook(name), tmp_path, monkeypatch)
    assert not [o for o in outputs(nb) if o.output_type == "error"]
    pictures = [o for o in outputs(nb) if o.output_type in ("display_data", "execute_result")
                and ("<svg" in o.data.get("image/svg+xml", "") or "<svg" in o.data.get("text/html", ""))]
    assert pictures, "a picture after training, at least"
    if name != "article-003-perceptron.ipynb":  # the engine's: curves, a heat map (and a diagram)
        assert len(pictures) >= 2
    if name in ("article-001-002-iris.ipynb", "article-000-neurons-layers.ipynb"):  # seconds of training
        assert any("text/html" in o.data and "epoch" in o.data["text/plain"] for o in pictures), "live"


@pytest.mark.slow
@pytest.mark.parametrize("answer, said", [("ex01_correct.py", "all 16 checks passed"),
                                          ("ex01_sum_starts_at_1.py", "the sum started at 1: start it at 0")])
def test_jupyter_runs_an_exercise_notebook(answer, said, tmp_path, monkeypatch):
    nb = run(answered(1, answer), tmp_path, monkeypatch)
    printed = "".join(o.text for o in outputs(nb) if o.output_type == "stream")
    assert said in printed and not [o for o in outputs(nb) if o.output_type == "error"]
