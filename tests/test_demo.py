"""python -m nnscratch.demo, run as a user runs it."""

import subprocess
import sys

from conftest import ROOT


def run_demo(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "nnscratch.demo"] + list(args),
        cwd=str(cwd), capture_output=True, text=True, timeout=300,
    )


def test_demo_runs_and_prints_the_articles_results():
    """The demo exits 0 and prints the perceptron's predictions and both iris accuracies."""
    result = run_demo("--seed", "3")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "nnscratch demo, seed 3" in out
    low = float(out.split("forward_pass([0, 1, 0]) = ")[1].split()[0])
    high = float(out.split("forward_pass([1, 0, 1]) = ")[1].split()[0])
    assert low < 0.05 and high > 0.95
    for article in ("001: 4-3-3", "002: 4-5-3"):
        line = next(l for l in out.splitlines() if l.startswith("Article " + article))
        assert float(line.split("test accuracy ")[1].split(",")[0]) >= 0.9, line
    assert result.stderr == ""


def test_demo_rejects_a_bad_seed():
    """A seed that is not a whole number is a usage error, not a traceback."""
    result = run_demo("--seed", "abc")
    assert result.returncode == 2
    assert "invalid int value: 'abc'" in result.stderr
    assert "Traceback" not in result.stderr
