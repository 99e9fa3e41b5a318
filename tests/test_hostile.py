"""Hostile and careless input to the command line and the Python API: one case per finding, then fuzzing.

Each case gives its input and the clean outcome expected: the exit status or
error class, a fragment of the message, and that no file the user had was
changed. The HTTP server's cases are in test_hostile_server.py, the model
files' in test_hostile_modelfiles.py.
"""

import hashlib
import io
import os
import random
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import nnscratch
from nnscratch import Network, cli
from nnscratch.data.tables import MAX_LINE_CHARS, load_csv, train_test_split
from nnscratch.errors import DataError, TrainingError
from nnscratch.files import atomic
from nnscratch.reading import mlp
from nnscratch.reading.gophernet import NeuralNet, NeuralNetConfig
from nnscratch.reading.perceptron import Perceptron

from conftest import DATASETS, ROOT

IRIS = DATASETS / "iris" / "iris.csv"
COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
HUGE = 10 ** 400  # an int too large for a float


def run(*argv):
    """python -m nnscratch, in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    status = cli.main([str(a) for a in argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def snapshot(folder):
    """What the user has in folder: each entry's kind, and a regular file's digest or a link's target."""
    seen = {}
    for path in sorted(Path(folder).rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            seen[str(path)] = ("link", os.readlink(str(path)))
        elif stat.S_ISREG(mode):
            seen[str(path)] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            seen[str(path)] = (stat.S_IFMT(mode), None)
    return seen


def nan_model(path):
    """A model whose outputs are inf - inf = nan for rows such as 1e308,-1e308,1e308,-1e308."""
    net = Network([4, 2, 3], hidden_activation="linear", seed=0)
    net.layers[0].weights = [[1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]]
    net.layers[0].biases = [0.0, 0.0]
    net.layers[1].weights = [[1.0, -1.0], [1.0, -1.0], [1.0, -1.0]]
    net.layers[1].biases = [0.0, 0.0, 0.0]
    net.classes, net.columns = ["setosa", "versicolor", "virginica"], COLUMNS
    net.metadata["target"] = "species"
    net.save(path)
    return path


@pytest.fixture
def scratch(tmp_path):
    """A folder like a user's: the iris data, a trained model, a FIFO, a folder and a symlink."""
    (tmp_path / "iris.csv").write_bytes(IRIS.read_bytes())
    status, _, err = run("train", tmp_path / "iris.csv", "--target", "species", "--epochs", 3,
                         "--out", tmp_path / "m.json", "--quiet")
    assert status == 0, err
    os.mkfifo(str(tmp_path / "fifo"))
    (tmp_path / "folder").mkdir()
    os.symlink("iris.csv", str(tmp_path / "link-to-data"))
    header = ",".join(COLUMNS)
    (tmp_path / "huge.csv").write_text(header + ",species\n1e308,-1e308,1e308,-1e308,setosa\n5,3,1,0.2,setosa\n")
    nan_model(tmp_path / "nan.json")
    (tmp_path / "dup.csv").write_text("a,a,label\n1,2,x\n2,1,y\n")
    (tmp_path / "wide.csv").write_text("a,b,label\n1e308,1,x\n-1e308,2,y\n0,1,x\n")
    return tmp_path


def train_to(folder, out, *extra):
    return ["train", folder / "iris.csv", "--target", "species", "--epochs", 1, "--quiet", "--out", out] + list(extra)


# ----- the command line: (name, argv from the scratch folder, exit status, message fragment) -----------

CLI_CASES = [
    # 1. files the command line writes: never destroy what the user had
    ("out is a FIFO", lambda f: train_to(f, f / "fifo"), 1, "is a FIFO (named pipe), not a regular file"),
    ("out is a folder", lambda f: train_to(f, f / "folder"), 1, "is a folder"),
    ("out is the training data", lambda f: train_to(f, f / "iris.csv"), 1,
     "--out is the same file as DATA.csv"),
    ("out is a link to the training data", lambda f: train_to(f, f / "link-to-data"), 1,
     "--out is the same file as DATA.csv"),
    ("report is the model", lambda f: train_to(f, f / "new.json", "--report", f / "new.json"), 1,
     "--out is the same file as --report"),
    ("report is the training data", lambda f: train_to(f, f / "new.json", "--report", f / "iris.csv"), 1,
     "--report is the same file as DATA.csv"),
    ("out is the test data", lambda f: train_to(f, f / "iris.csv") + ["--test", f / "iris.csv"], 1,
     "same file as"),
    ("out in a missing folder", lambda f: train_to(f, f / "missing" / "m.json"), 1, "does not exist"),
    ("predict out is the data", lambda f: ["predict", f / "m.json", f / "iris.csv", "--out", f / "iris.csv"], 1,
     "--out is the same file as DATA.csv"),
    ("predict out is the model", lambda f: ["predict", f / "m.json", f / "iris.csv", "--out", f / "m.json"], 1,
     "--out is the same file as MODEL.json"),
    ("predict out is a FIFO", lambda f: ["predict", f / "m.json", f / "iris.csv", "--out", f / "fifo"], 1,
     "not a regular file"),
    # 2. numbers at the edges
    ("predict a row whose outputs are nan", lambda f: ["predict", f / "nan.json", f / "huge.csv"], 1,
     "data row 1 (counting from 1 after the header): the model's outputs are not finite"),
    ("evaluate a row whose outputs are nan", lambda f: ["evaluate", f / "nan.json", f / "huge.csv"], 1,
     "huge.csv: data row 1"),
    ("normalize a column too wide for a float",
     lambda f: ["train", f / "wide.csv", "--target", "label", "--epochs", 1, "--normalize", "--quiet",
                "--out", f / "new.json"], 1, "input column 'a' spans -1e+308 to 1e+308"),
    # 3. CSV files
    ("train on a header with a name twice",
     lambda f: ["train", f / "dup.csv", "--target", "label", "--epochs", 1, "--out", f / "new.json"], 1,
     "line 1, column 2: columns 1 and 2 are both named 'a'"),
    ("evaluate a file with a name twice", lambda f: ["evaluate", f / "m.json", f / "dup.csv"], 1,
     "columns 1 and 2 are both named 'a'"),
    # 7. exit-code slips: usage errors exit 2 before any work
    ("l2 below 0", lambda f: train_to(f, f / "new.json", "--l2", -1), 2, "--l2 must be a finite number"),
    ("l2 nan", lambda f: train_to(f, f / "new.json", "--l2", "nan"), 2, "--l2 must be a finite number"),
    ("learning rate inf", lambda f: train_to(f, f / "new.json", "--learning-rate", "inf"), 2,
     "--learning-rate must be a finite number above 0"),
    ("serve timeout nan", lambda f: ["serve", f / "m.json", "--timeout", "nan"], 2, "--timeout must be a finite"),
    ("serve timeout inf", lambda f: ["serve", f / "m.json", "--timeout", "inf"], 2, "--timeout must be a finite"),
    # found by a second review
    ("data is a device", lambda f: ["train", "/dev/zero", "--target", "c", "--epochs", 1, "--out", f / "new.json"],
     1, "/dev/zero: is a device, not a CSV file"),
    ("data is a folder", lambda f: ["predict", f / "m.json", f / "folder"], 1, "is a folder, not a CSV file"),
    ("a line with no end", lambda f: ["train", _write(f / "long.csv", "a" * (MAX_LINE_CHARS + 5)), "--target", "a",
                                      "--epochs", 1, "--out", f / "new.json"], 1, "line 1: the line is longer than"),
    ("out is empty", lambda f: train_to(f, ""), 1, "the file name is empty"),
    ("report is empty", lambda f: train_to(f, f / "new.json", "--report", ""), 1, "the file name is empty"),
    ("out ends with a slash", lambda f: train_to(f, str(f / "newdir") + "/"), 1, "ends with a slash"),
    ("out is a file with a slash", lambda f: train_to(f, str(f / "m.json") + "/"), 1, "ends with a slash"),
    ("one-hot 0", lambda f: ["train", f / "iris.csv", "--one-hot", 0, "--epochs", 1, "--out", f / "new.json"], 2,
     "--one-hot must be at least 1"),
    ("more layers than a model file holds", lambda f: train_to(f, f / "new.json", *["--hidden", 2] * 100), 2,
     "at most 99 --hidden layers"),
    ("more weights than a model file holds", lambda f: train_to(f, f / "new.json", "--hidden", 99999999999), 2,
     "--hidden layers of at most"),
    ("a class name longer than a model file holds",
     lambda f: ["train", _write(f / "names.csv", "a,label\n1,x\n2,%s\n" % ("y" * 1001)), "--target", "label",
                "--epochs", 1, "--out", f / "new.json"], 1, "a class name is 1001 characters long"),
]


@pytest.mark.parametrize("name, argv, status, fragment", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_command_line_refuses_cleanly_and_changes_nothing(scratch, name, argv, status, fragment):
    argv = argv(scratch)  # it may write an input file first
    before = snapshot(scratch)
    got, out, err = run(*argv)
    assert got == status, err
    assert fragment in err and "Traceback" not in err and "internal error" not in err
    assert "training" not in err, "refused only after work began"
    assert ".tmp" not in err, "the message names a temp file, not the user's path"
    assert "nan" not in out, "a number that is not finite was reported as a prediction"
    assert snapshot(scratch) == before


def test_a_symlinked_output_is_written_through_and_stays_a_link(scratch):
    os.symlink("target.json", str(scratch / "link.json"))
    (scratch / "target.json").write_text("old")
    status, _, err = run(*train_to(scratch, scratch / "link.json"))
    assert status == 0, err
    assert os.readlink(str(scratch / "link.json")) == "target.json"
    assert nnscratch.load(scratch / "target.json").sizes == [4, 8, 3]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device needs root")
def test_out_naming_a_character_device_is_refused(scratch):
    os.mknod(str(scratch / "null"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    status, _, err = run(*train_to(scratch, scratch / "null"))
    assert status == 1 and "is a character device, not a regular file" in err
    assert stat.S_ISCHR(os.lstat(str(scratch / "null")).st_mode)


def test_a_closed_standard_output_is_an_error_that_says_so(scratch):
    done = subprocess.run("%s -m nnscratch predict %s %s >&-" % (sys.executable, scratch / "m.json",
                                                                  scratch / "iris.csv"),
                          shell=True, cwd=str(ROOT), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "standard output is closed" in done.stderr, done.stderr


def test_predict_into_a_closed_pipe_ends_quietly(tmp_path):
    rows = "\n".join("5.1,3.5,1.4,0.2" for _ in range(20000))
    (tmp_path / "many.csv").write_text(",".join(COLUMNS) + "\n" + rows + "\n")
    model = nan_model(tmp_path / "m.json")  # its outputs for these rows are finite
    code = ("import subprocess, sys\n"
            "p = subprocess.Popen([sys.executable, '-m', 'nnscratch', 'predict', %r, %r],\n"
            "                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
            "p.stdout.readline(); p.stdout.close()\n"
            "err = p.stderr.read().decode(); print(p.wait()); print(repr(err))\n"
            % (str(model), str(tmp_path / "many.csv")))
    done = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), capture_output=True, text=True,
                          timeout=120)
    status, err = done.stdout.split("\n")[:2]
    assert status == str(cli.BROKEN_PIPE) and err == "''", done.stdout + done.stderr


def test_demo_mnist_refuses_zero_test_rows_before_reading_anything(tmp_path):
    done = subprocess.run([sys.executable, "-m", "nnscratch.demo", "mnist", "--data", str(tmp_path),
                           "--test-rows", "0"], cwd=str(ROOT), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--test-rows must be at least 1, got 0" in done.stderr


def test_info_escapes_control_characters_from_the_file(scratch):
    net = nnscratch.load(scratch / "m.json")
    evil = "\x1b]0;owned\x07\x1b[31mred"
    net.classes[0] = evil
    net.metadata["data"] = evil
    net.save(scratch / "evil.json")
    status, out, err = run("info", scratch / "evil.json")
    assert status == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;owned\\x07" in out
    status, out, err = run("evaluate", scratch / "evil.json", scratch / "iris.csv")
    assert "\x1b" not in out + err


# ----- the Python API: (name, call, error class, message fragment) ----------------------------------

def _net():
    return Network([2, 4, 2], seed=0)


XOR = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
ONE_HOT = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]


def _train(rows, targets=ONE_HOT, **settings):
    settings = dict(dict(epochs=1, learning_rate=0.1), **settings)
    return _net().train(rows, targets, **settings)


API_CASES = [
    # 2. numbers at the edges
    ("predict a row whose outputs are nan", lambda t: nnscratch.load(nan_model(t / "n.json")).predict(
        [[1e308, -1e308, 1e308, -1e308]]), DataError, "rows[0]: the model's outputs are not finite"),
    ("evaluate a row whose outputs are nan", lambda t: nnscratch.load(nan_model(t / "n.json")).evaluate(
        [[1e308, -1e308, 1e308, -1e308]], [0]), DataError, "not finite"),
    ("a huge int in a row to predict", lambda t: _net().predict([[HUGE, 1.0]]), DataError,
     "rows[0][0]: expected a finite number, got 10000000000000000000... (401 digits)"),
    ("a huge int in a row to train on", lambda t: _train([[HUGE, 1.0]] + XOR[1:]), DataError, "inputs[0][0]"),
    ("a huge int as the learning rate", lambda t: _train(XOR, learning_rate=HUGE), TrainingError,
     "learning_rate must be a finite number > 0"),
    ("a huge int as l2", lambda t: _train(XOR, l2=HUGE), TrainingError, "l2 must be a finite number >= 0"),
    ("normalize a column too wide for a float", lambda t: _train([[1e308, 0.0], [-1e308, 1.0]] + XOR[2:],
                                                                normalize=True), DataError,
     "input column 0 spans -1e+308 to 1e+308"),
    ("a class index out of range", lambda t: _net().evaluate(XOR, [0, 1, 1, 5]), DataError,
     "labels[3]: class index 5 is out of range"),
    ("a huge class index", lambda t: _net().evaluate(XOR, [0, 1, 1, HUGE]), DataError, "labels[3]"),
    ("a bool as a label", lambda t: _net().evaluate(XOR, [0, 1, True, 0]), DataError, "labels[2]"),
    # 3. CSV files
    ("load_csv a header with a name twice", lambda t: load_csv(_write(t / "d.csv", "a,a,y\n1,2,x\n"), target="y"),
     DataError, "column 2: columns 1 and 2 are both named 'a'"),
    ("load_csv a header with a name twice, padded", lambda t: load_csv(_write(t / "d.csv", "a, a ,y\n1,2,x\n"),
                                                                       target="y"), DataError, "both named 'a'"),
    # 7. the Python API
    ("forward a short row", lambda t: _net().forward([1.0]), DataError, "has 1 values, expected 2"),
    ("forward a long row", lambda t: _net().forward([1.0, 0.0, 5.0]), DataError, "has 3 values, expected 2"),
    ("forward a row with a string", lambda t: _net().forward([1.0, "x"]), DataError, "expected a number, got 'x'"),
    ("Network seed a list", lambda t: Network([2, 4, 2], seed=[1]), TrainingError, "seed must be a whole number"),
    ("mlp seed a list", lambda t: mlp.Network([2, 3, 2], seed=[1]), TrainingError, "seed must be a whole number"),
    ("Perceptron seed a float", lambda t: Perceptron([[1.0]], [1.0], seed=1.5), TrainingError, "seed"),
    ("NeuralNet seed a string", lambda t: NeuralNet(NeuralNetConfig(1, 1, 1, 1, 0.1), seed="1"), TrainingError,
     "seed"),
    ("train_test_split seed a dict", lambda t: train_test_split([[1.0]] * 4, [0] * 4, seed={}), DataError, "seed"),
    ("rows of bools", lambda t: _train([[True, False]] * 4), DataError, "expected a number, got True (a bool)"),
    ("a bool among floats", lambda t: _net().predict([[0.5, True]]), DataError, "rows[0][1]"),
    ("rows of dicts", lambda t: _train([{0: 1.0, 1: 0.0}] * 4), DataError, "must be a list of numbers, got dict"),
    ("rows of sets", lambda t: _train([{1.0, 2.0}] * 4), DataError, "must be a list of numbers, got set"),
    ("a bool and a string", lambda t: _net().predict([[True, "x"]]), DataError, "got True (a bool)"),
    # 1. saving through the API
    ("save into a folder", lambda t: _net().save(t), IsADirectoryError, "is a folder"),
    ("save into a missing folder", lambda t: _net().save(t / "no" / "m.json"), FileNotFoundError, "does not exist"),
    # found by a second review
    ("forward a huge int", lambda t: _net().forward([HUGE, 1.0]), DataError, "x[0][0]: expected a finite number"),
    ("huge ints that cancel, to predict", lambda t: _net().predict([[HUGE, 0.0], [-HUGE, 0.0]]), DataError,
     "rows[0][0]: expected a finite number, got 10000000000000000000... (401 digits)"),
    ("huge ints that cancel, in wide rows", lambda t: Network([20, 2], seed=0).predict([[HUGE] + [0] * 19,
                                                                                      [-HUGE] + [0] * 19]),
     DataError, "rows[0][0]: expected a finite number"),
    ("huge ints that cancel, to train on", lambda t: _train([[HUGE, 0], [-HUGE, 0]] + XOR[2:]), DataError,
     "inputs[0][0]"),
    ("a layer's row too short", lambda t: _net().layers[0].forward([1.0]), DataError,
     "x[0] has 1 values, expected 2 (the layer's input width)"),
    ("a layer's row with a string", lambda t: _net().layers[0].forward([1.0, "a"]), DataError, "x[0][1]"),
    ("forward a dict", lambda t: _net().forward({0: 1.0, 1: 2.0}), DataError, "got dict"),
    ("forward a set", lambda t: _net().forward({1.0, 2.0}), DataError, "got set"),
    ("predict a set of rows", lambda t: _net().predict({(1.0, 2.0)}), DataError, "rows must be a list of rows"),
    ("an empty one-hot label", lambda t: _net().evaluate(XOR[:1], [[]]), DataError, "labels[0]: expected a one-hot"),
    ("a one-hot label too wide", lambda t: _net().confusion_matrix(XOR[:1], [[0, 0, 1]]), DataError, "labels[0]"),
    ("a one-hot label of strings", lambda t: _net().evaluate(XOR[:1], [["a", "b"]]), DataError, "labels[0]"),
    ("a one-hot label with nan", lambda t: _net().evaluate(XOR[:1], [[float("nan"), 0]]), DataError, "labels[0]"),
    ("a one-hot label of bools", lambda t: _net().evaluate(XOR[:1], [[True, False]]), DataError, "labels[0]"),
    ("save to None", lambda t: _net().save(None), TypeError, "a file name must be a str or a path, got NoneType"),
    ("save to a number", lambda t: _net().save(3), TypeError, "got int"),
    ("save to an empty name", lambda t: _net().save(""), FileNotFoundError, "the file name is empty"),
    ("save to a name ending in a slash", lambda t: _net().save(str(t / "m.json") + "/"), IsADirectoryError,
     "ends with a slash"),
    ("load None", lambda t: nnscratch.load(None), TypeError, "path must be a str or a path"),
    ("more workers than allowed", lambda t: _train(XOR, workers=10 ** 400), TrainingError, "workers must be at most"),
]


def _write(path, text):
    path.write_text(text)
    return path


@pytest.fixture(params=["C passes", "plain loops"])
def checks_form(request, monkeypatch):
    """Each form of the table checks' fast path: CPython's passes in C, and PyPy's plain loops."""
    monkeypatch.setattr("nnscratch._checks._JIT", request.param == "plain loops")
    return request.param


@pytest.mark.parametrize("name, call, error, fragment", API_CASES, ids=[c[0] for c in API_CASES])
def test_python_api_refuses_cleanly(tmp_path, checks_form, name, call, error, fragment):
    with pytest.raises(error) as caught:
        call(tmp_path)
    assert fragment in str(caught.value)
    assert ".tmp" not in str(caught.value)
    assert not [p for p in tmp_path.iterdir() if atomic.TEMP_MARK in p.name], "a temp file was left behind"


# ----- atomic writes: temp files -----------------------------------------------------------------------

def test_a_file_name_near_the_length_limit_still_saves(tmp_path):
    name = "m" * 250 + ".json"  # 255 bytes: the temp file's name must not pass the limit
    _net().save(tmp_path / name)
    assert nnscratch.load(tmp_path / name).sizes == [2, 4, 2]
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_failed_write_removes_its_temp_file_and_names_the_path(tmp_path, monkeypatch):
    target = tmp_path / "m.json"
    target.write_text("old")

    def refuse(*args):
        raise PermissionError(13, "Permission denied", args[0])
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError) as caught:
        atomic.write_text_atomic(target, "new")
    assert caught.value.filename == str(target)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_the_next_write_removes_temp_files_a_killed_process_left(tmp_path):
    dead, alive = 2 ** 22 + 12345, os.getpid()  # above Linux's largest pid: never a live process
    stale = [tmp_path / (".m.json%s%d-x.tmp" % (atomic.TEMP_MARK, pid)) for pid in (dead, alive)]
    fresh = tmp_path / (".m.json%s%d-y.tmp" % (atomic.TEMP_MARK, dead))
    for path in stale + [fresh]:
        path.write_text("partial")
    for path in stale:
        os.utime(str(path), (0, 0))
    atomic.write_text_atomic(tmp_path / "m.json", "new")
    if os.name == "posix":
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["m.json", stale[1].name, fresh.name])


# ----- fuzzing: the CSV reader and the command line, and rows to the API ---------------------------

def _mutated_csv(rng, lines):
    """iris.csv's first lines with one careless edit."""
    lines = list(lines)
    i = rng.randrange(len(lines))
    edits = [
        lambda s: s.replace(",", ",,", 1), lambda s: s[: rng.randrange(len(s) + 1)],
        lambda s: s.replace("5", rng.choice(["nan", "inf", "-1e309", "1e308", "", " ", "0x10", "1_0", "٣",
                                             "9" * 400, "\x00", "\"", "1,5"]), 1),
        lambda s: s + rng.choice([",", ",extra", "\r", "\x1b[31m", "\ufeff"]),
        lambda s: rng.choice(["", "sepal_length", ",,,,", "\"unclosed", "a,a,a,a,species"]),
        lambda s: s.upper(), lambda s: s.replace("species", "sepal_length"),
    ]
    lines[i] = rng.choice(edits)(lines[i])
    if rng.random() < 0.2:
        del lines[rng.randrange(len(lines))]
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n"])


def test_fuzz_the_command_line_with_careless_csv_files(tmp_path):
    """300 mutated files: each trains, or fails with one clean line; nothing else is written."""
    rng = random.Random(13)
    lines = IRIS.read_text().splitlines()[:12] + IRIS.read_text().splitlines()[60:66]
    outcomes = {}
    for case in range(300):
        data = tmp_path / "data.csv"
        data.write_text(_mutated_csv(rng, lines), encoding="utf-8", errors="surrogatepass")
        status, out, err = run("train", data, "--target", "species", "--epochs", 1, "--quiet",
                               "--out", tmp_path / "m.json")
        assert status in (0, 1), (case, data.read_text(), err)
        assert "internal error" not in err and "Traceback" not in err, (case, data.read_text(), err)
        assert status == 1 or (tmp_path / "m.json").exists()
        assert "\x1b" not in err
        outcomes[status] = outcomes.get(status, 0) + 1
        assert sorted(p.name for p in tmp_path.iterdir()) in (["data.csv"], ["data.csv", "m.json"])
        if (tmp_path / "m.json").exists():
            (tmp_path / "m.json").unlink()
    assert outcomes.get(0, 0) > 20 and outcomes.get(1, 0) > 100, outcomes  # the fuzz reaches both ends


ODD_VALUES = [None, True, False, "1.0", b"1", [], [1.0], {}, set(), float("nan"), float("inf"), -float("inf"),
              HUGE, -HUGE, 1e308, -1e308, 5e-324, 0, -0.0, 1j, object(), (1.0, 2.0)]


def test_fuzz_rows_given_to_every_model(tmp_path, checks_form):
    """500 tables with odd cells, rows and shapes: every model predicts finite numbers or raises DataError."""
    rng = random.Random(7)
    models = [Network([2, 3, 2], seed=0), mlp.Network([2, 3, 2], seed=0),
              Perceptron([[0.0, 1.0], [1.0, 0.0]], [0.0, 1.0], seed=0).train(),
              NeuralNet(NeuralNetConfig(2, 2, 3, 10, 0.5), seed=0).train(XOR, ONE_HOT)]
    for case in range(500):
        rows = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(rng.randrange(1, 5))]
        for _ in range(rng.randrange(1, 3)):
            k = rng.randrange(len(rows))
            if rng.random() < 0.7 and isinstance(rows[k], list) and len(rows[k]) == 2:
                rows[k][rng.randrange(2)] = rng.choice(ODD_VALUES)  # an odd cell
            else:
                rows[k] = rng.choice(ODD_VALUES + [[1.0], [1.0, 2.0, 3.0], "ab", {0: 1.0, 1: 2.0}])  # an odd row
        for model in models:
            try:
                outputs = model.predict(rows)
            except DataError as e:
                assert str(e).startswith(("rows", "x")), (case, rows, e)
                continue
            assert all(isinstance(v, float) and v == v and abs(v) != float("inf")
                       for row in outputs for v in row), (case, rows, outputs)
