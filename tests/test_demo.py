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


def test_demo_digits():
    """The digits demo prints per-epoch progress, a test accuracy of at least 0.95 and a confusion matrix."""
    result = run_demo("digits")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "epoch  20:" in out
    assert float(out.split("Test accuracy ")[1].split(",")[0]) >= 0.95
    assert "true \\ predicted" in out and len(out.splitlines()) > 30


def test_demo_mnist_on_small_idx_files(tmp_path):
    """The mnist demo reads a folder of IDX files and trains Network([784, 128, 10])."""
    import gzip
    import random
    import struct

    rng = random.Random(0)
    n = 12
    pixels = [rng.randrange(256) for _ in range(n * 784)]
    labels = [i % 10 for i in range(n)]
    for kind in ("train", "t10k"):
        images = bytes([0, 0, 8, 3]) + struct.pack(">III", n, 28, 28) + bytes(pixels)
        (tmp_path / ("%s-images-idx3-ubyte.gz" % kind)).write_bytes(gzip.compress(images))
        (tmp_path / ("%s-labels-idx1-ubyte" % kind)).write_bytes(bytes([0, 0, 8, 1]) + struct.pack(">I", n)
                                                                  + bytes(labels))
    result = run_demo("mnist", "--data", str(tmp_path), "--epochs", "1")
    assert result.returncode == 0, result.stderr
    assert "12 training rows, 12 test rows" in result.stdout
    assert "Accuracy: " in result.stdout


def test_demo_mnist_missing_folder(tmp_path):
    """A folder without MNIST files is a one-line error, exit 2."""
    result = run_demo("mnist", "--data", str(tmp_path))
    assert result.returncode == 2
    assert "no MNIST images file" in result.stderr and "Traceback" not in result.stderr
