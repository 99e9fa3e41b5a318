"""The first promise: copy only the nnscratch/ folder into an empty folder, and every front door works there.

Each command runs with ``python -S`` (no site-packages, so no installed
nnscratch can stand in) from a temporary folder outside the clone that holds
nothing but the copy.
"""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, copy_package


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """An empty folder outside the clone, holding only a copy of nnscratch/."""
    folder = copy_package(tmp_path_factory.mktemp("copied"))
    assert sorted(p.name for p in folder.iterdir()) == ["nnscratch"]
    assert ROOT not in folder.parents
    return folder


def start(copy, *args):
    """Start ``python -S ARGS`` in the copy's folder."""
    return subprocess.Popen([sys.executable, "-S"] + list(args), cwd=str(copy),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process, timeout=600):
    """Wait for a started command; return its output, having checked that it exited 0 with nothing on stderr."""
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0 and err == "", err
    return out


def number_after(text, label):
    return float(text.split(label)[1].split()[0].rstrip(","))


def test_demo_and_demo_digits(copy):
    """Both demos run side by side (two cores) and print the articles' results."""
    demo = start(copy, "-m", "nnscratch.demo", "--seed", "3")
    digits = start(copy, "-m", "nnscratch.demo", "digits")
    out, digits_out = finish(demo), finish(digits)

    assert "nnscratch demo, seed 3" in out
    assert number_after(out, "forward_pass([0, 1, 0]) = ") < 0.05
    assert number_after(out, "forward_pass([1, 0, 1]) = ") > 0.95
    assert "Iris: 120 training rows, 30 test rows, classes setosa, virginica, versicolor" in out
    for article in ("001: 4-3-3", "002: 4-5-3"):
        line = next(l for l in out.splitlines() if l.startswith("Article " + article))
        assert number_after(line, "test accuracy ") >= 0.9, line

    assert "Digits: 1438 training rows, 359 test rows" in digits_out and "epoch  20:" in digits_out
    assert number_after(digits_out, "Test accuracy ") >= 0.95
    assert "true \\ predicted" in digits_out and len(digits_out.splitlines()) > 30


def test_exercises_start(copy, tmp_path):
    """exercises start 1 writes the starting file into the folder named."""
    out = finish(start(copy, "-m", "nnscratch.exercises", "start", "1", "--dir", str(tmp_path)))
    assert "wrote" in out and (tmp_path / "ex01_vectors.py").read_text().startswith('"""')


def test_playground_session_iris_and_digits(copy):
    """The playground's session (what its Web Worker runs) trains on the built-in iris and digits."""
    code = (
        "import json\n"
        "from nnscratch.playground.session import Session\n"
        "from nnscratch.playground import package_files\n"
        "s = Session()\n"
        "iris = s.configure(dataset='iris', hidden=[5])['sizes']; s.step()\n"
        "digits = s.configure(dataset='digits', hidden=[8], learning_rate=0.01)['sizes']\n"
        "shown = len(s.step()['digits'])\n"
        "print(json.dumps([iris, digits, shown, package_files()]))\n"
    )
    iris, digits, shown, files = json.loads(finish(start(copy, "-c", code)))
    assert iris == [4, 5, 3] and digits == [64, 8, 10] and shown == 12
    assert "data/builtin/iris.csv.gz" in files and "data/builtin/digits.csv.gz" in files


@pytest.mark.slow
def test_bench_quick_and_bench_serve_quick(copy, tmp_path):
    """The bench's smoke runs, including the HTTP load test on the built-in iris."""
    assert "bench took" in finish(start(copy, "-m", "nnscratch.bench", "--quick"))
    out = finish(start(copy, "-m", "nnscratch.bench", "serve", "--quick"))
    assert "checks: all passed" in out
