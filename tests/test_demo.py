"""python -m nnscratch.demo, run as a user runs it (the articles' and digits demos: see test_copied_folder)."""

import subprocess
import sys

from conftest import ROOT


def run_demo(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "nnscratch.demo"] + list(args),
        cwd=str(cwd), capture_output=True, text=True, timeout=300,
    )


def test_demo_rejects_a_bad_seed():
    """A seed that is not a whole number is a usage error, not a traceback."""
    result = run_demo("--seed", "abc")
    assert result.returncode == 2
    assert "invalid int value: 'abc'" in result.stderr
    assert "Traceback" not in result.stderr


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
