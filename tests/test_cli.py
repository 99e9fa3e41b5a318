"""python -m nnscratch end to end on datasets/iris/iris.csv: train, evaluate, predict, info, and every error exit."""

import csv
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time

import pytest

import nnscratch

from conftest import DATASETS, ROOT

IRIS = str(DATASETS / "iris" / "iris.csv")


def cli(*args, cwd=ROOT, **kwargs):
    return subprocess.run([sys.executable, "-m", "nnscratch"] + [str(a) for a in args], cwd=str(cwd),
                          capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """The done-when run: iris, 5 hidden neurons, 2000 epochs, 20% test split, a model and a report."""
    folder = tmp_path_factory.mktemp("cli")
    model, report = folder / "m.json", folder / "report.html"
    result = cli("train", IRIS, "--target", "species", "--hidden", 5, "--epochs", 2000, "--test-split", 0.2,
                 "--out", model, "--report", report)
    return result, model, report, folder


class TestTrain:
    def test_train_succeeds_and_says_what_it_did(self, trained):
        result, model, report, _ = trained
        assert result.returncode == 0, result.stderr
        assert "test accuracy" in result.stdout and float(result.stdout.split("test accuracy ")[1].split()[0]) >= 0.9
        assert "saved the model to %s and the report to %s" % (model, report) in result.stdout
        # stderr is not a terminal here: no live line, one summary line
        assert "\r" not in result.stderr and "trained 2000 epochs in" in result.stderr

    def test_model_file_holds_names_and_metadata(self, trained):
        _, model, _, _ = trained
        net = nnscratch.load(model)
        assert net.sizes == [4, 5, 3] and net.classes == ["setosa", "versicolor", "virginica"]
        assert net.columns == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
        assert net.metadata["target"] == "species" and net.metadata["epochs"] == 2000
        assert net.metadata["interrupted"] is False and net.metadata["test_accuracy"] >= 0.9

    def test_report_written(self, trained):
        _, _, report, _ = trained
        html = report.read_text()
        assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 4

    def test_quiet(self, tmp_path):
        result = cli("train", IRIS, "--target", "species", "--epochs", 2, "--out", tmp_path / "m.json", "--quiet")
        assert result.returncode == 0 and result.stdout == "" and result.stderr == ""

    def test_one_hot_layout_and_test_file(self, tmp_path):
        """--one-hot 3 reads the articles' layout; --test scores a separate file by column name."""
        model = tmp_path / "m.json"
        result = cli("train", DATASETS / "iris" / "train.csv", "--one-hot", 3, "--hidden", 4, "--epochs", 300,
                     "--learning-rate", 0.05, "--test", DATASETS / "iris" / "test.csv", "--out", model)
        assert result.returncode == 0, result.stderr
        assert nnscratch.load(model).classes == ["setosa", "virginica", "versicolor"]
        evaluation = cli("evaluate", model, DATASETS / "iris" / "test.csv")
        assert evaluation.returncode == 0 and "accuracy" in evaluation.stdout

    def test_normalize_is_stored_and_applied(self, tmp_path):
        model = tmp_path / "m.json"
        result = cli("train", IRIS, "--target", "species", "--epochs", 50, "--normalize", "--out", model, "--quiet")
        assert result.returncode == 0
        net = nnscratch.load(model)
        assert net.scaling.minimums == [4.3, 2.0, 1.0, 0.1] and net.scaling.maximums == [7.9, 4.4, 6.9, 2.5]
        predictions = list(csv.reader(cli("predict", model, IRIS).stdout.splitlines()))[1:]
        rows = nnscratch.load_csv(IRIS, target="species").inputs
        assert [float(p[1]) for p in predictions] == [o[0] for o in net.predict(rows)]


class TestEvaluatePredictInfo:
    def test_evaluate(self, trained):
        _, model, _, _ = trained
        result = cli("evaluate", model, IRIS)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert out.startswith("accuracy 0.9") and "(rows: true class, columns: predicted class)" in out
        assert "precision" in out and "recall" in out and "F1" in out
        class_rows = [l for l in out.splitlines() if re.match(r"^\s*(setosa|versicolor|virginica)\s+\d", l)]
        assert len(class_rows) == 6  # 3 rows of the confusion matrix, 3 of precision/recall/F1

    def test_predict_to_stdout(self, trained):
        _, model, _, _ = trained
        result = cli("predict", model, IRIS)
        rows = list(csv.reader(result.stdout.splitlines()))
        assert rows[0] == ["prediction", "setosa", "versicolor", "virginica"] and len(rows) == 151
        assert rows[1][0] == "setosa" and abs(sum(map(float, rows[1][1:])) - 1) < 1e-9

    def test_predict_without_label_column_to_a_file(self, trained, tmp_path):
        """A file of inputs only, columns in another order, is predicted; --out writes a CSV."""
        _, model, _, _ = trained
        unlabelled = tmp_path / "new.csv"
        unlabelled.write_text("petal_width,petal_length,sepal_width,sepal_length\n0.2,1.4,3.5,5.1\n2.3,5.4,3.4,6.2\n")
        out = tmp_path / "predictions.csv"
        result = cli("predict", model, unlabelled, "--out", out)
        assert result.returncode == 0, result.stderr
        assert [r[0] for r in csv.reader(out.read_text().splitlines())] == ["prediction", "setosa", "virginica"]

    def test_info(self, trained):
        _, model, _, _ = trained
        result = cli("info", model)
        assert result.returncode == 0
        assert "setosa, versicolor, virginica" in result.stdout and "layer 1" in result.stdout
        assert "training.epochs" in result.stdout

    @pytest.mark.parametrize("command", ["train", "evaluate", "predict", "info"])
    def test_help(self, command):
        result = cli(command, "--help")
        assert result.returncode == 0 and "usage: nnscratch %s" % command in result.stdout


class TestErrors:
    """Usage errors exit 2; data and model-file errors exit 1 with one line naming the file; no traceback."""

    def fails(self, result, status, *words):
        assert result.returncode == status, (result.returncode, result.stderr)
        assert "Traceback" not in result.stderr
        for word in words:
            assert word in result.stderr, result.stderr
        return result.stderr

    def test_no_label_option(self, tmp_path):
        self.fails(cli("train", IRIS, "--epochs", 5, "--out", tmp_path / "m.json"), 2,
                   "one of the arguments --target --one-hot is required")

    @pytest.mark.parametrize("args, message", [
        (["--epochs", 0], "--epochs must be at least 1"),
        (["--epochs", 5, "--test-split", 1.5], "--test-split must be between 0 and 1"),
        (["--epochs", 5, "--hidden", 0], "--hidden sizes must be at least 1"),
        (["--epochs", 5, "--learning-rate", -1], "--learning-rate must be a finite number above 0"),
        (["--epochs", "many"], "invalid int value: 'many'"),
    ])
    def test_bad_numbers(self, tmp_path, args, message):
        self.fails(cli("train", IRIS, "--target", "species", "--out", tmp_path / "m.json", *args), 2, message)

    def test_unknown_command(self):
        self.fails(cli("fit"), 2, "invalid choice: 'fit'")

    def test_missing_data_file(self, tmp_path):
        self.fails(cli("train", tmp_path / "nope.csv", "--target", "y", "--epochs", 1, "--out", tmp_path / "m.json"),
                   1, "nope.csv", "No such file")

    def test_bad_cell_names_file_line_and_column(self, tmp_path):
        bad = tmp_path / "bad.csv"
        bad.write_text("a,b,y\n1,2,x\n3,oops,z\n")
        err = self.fails(cli("train", bad, "--target", "y", "--epochs", 1, "--out", tmp_path / "m.json"), 1)
        assert err.strip() == "nnscratch train: error: %s, line 3, column 2: 'oops' in column 'b' is not a number" % bad

    def test_unknown_target(self, tmp_path):
        self.fails(cli("train", IRIS, "--target", "kind", "--epochs", 1, "--out", tmp_path / "m.json"), 1,
                   "target='kind' is not a column")

    def test_corrupt_model(self, trained, tmp_path):
        _, model, _, _ = trained
        broken = tmp_path / "broken.json"
        broken.write_bytes(model.read_bytes()[:-40])
        self.fails(cli("info", broken), 1, "broken.json", "not valid JSON")

    def test_not_a_model(self, tmp_path):
        self.fails(cli("evaluate", IRIS, IRIS), 1, "iris.csv", "not valid JSON")

    def test_evaluate_needs_labels(self, trained, tmp_path):
        _, model, _, _ = trained
        unlabelled = tmp_path / "new.csv"
        unlabelled.write_text("sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n")
        self.fails(cli("evaluate", model, unlabelled), 1, "new.csv: has no label column: expected 'species'")

    def test_missing_input_column(self, trained, tmp_path):
        _, model, _, _ = trained
        partial = tmp_path / "partial.csv"
        partial.write_text("sepal_length,sepal_width\n5.1,3.5\n")
        self.fails(cli("predict", model, partial), 1, "partial.csv, line 1: no column 'petal_length'")

    def test_unknown_class_in_evaluation(self, trained, tmp_path):
        _, model, _, _ = trained
        other = tmp_path / "other.csv"
        other.write_text("sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,rose\n")
        self.fails(cli("evaluate", model, other), 1, "other.csv, line 2, column 5: class 'rose'")

    def test_debug_shows_the_traceback(self, tmp_path):
        result = cli("--debug", "info", tmp_path / "nope.json")
        assert result.returncode == 1 and "Traceback" in result.stderr


@pytest.mark.slow
def test_live_progress_on_a_terminal(tmp_path):
    """With stderr on a terminal, training over a second draws one live line with the time left."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "nnscratch", "train", IRIS, "--target", "species", "--epochs", "3000",
             "--batch-size", "8", "--out", str(tmp_path / "m.json")],
            cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=300) == 0
    finally:
        os.close(leader)
    text = output.decode()
    assert "\repoch " in text and " left" in text and "trained 3000 epochs" in text


def test_ctrl_c_stops_after_a_batch_and_still_writes(tmp_path):
    """Ctrl-C during training: exit 130, the model and report written and marked as interrupted."""
    model, report = tmp_path / "m.json", tmp_path / "r.html"
    process = subprocess.Popen(
        [sys.executable, "-m", "nnscratch", "train", IRIS, "--target", "species", "--epochs", "1000000",
         "--out", str(model), "--report", str(report)],
        cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = process.stderr.readline()  # "training ... on 150 rows": the data is read, training starts
    assert first.startswith("training "), first
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    err = first + err
    assert process.returncode == 130, err
    assert "stopping after this batch" in err and "interrupted" in err and "Traceback" not in err
    doc = json.loads(model.read_text())
    assert doc["training"]["interrupted"] is True
    assert "interrupted" in report.read_text()
