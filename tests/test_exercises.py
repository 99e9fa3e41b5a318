"""python -m nnscratch.exercises: references pass, skeletons fail cleanly, wrong attempts get their hint."""

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnscratch.engine.network import Network
from nnscratch.errors import NNScratchError
from nnscratch.exercises import EXERCISES, check_file, format_report, skeleton
from nnscratch.exercises.catalog import UnknownExerciseError, by_number
from nnscratch.exercises.checking import CatalogError, Checker
from nnscratch.exercises.part3_hidden_layer import backpropagate_as_article_001, ref_backpropagate
from nnscratch.exercises.part5_production import ref_early_stop
from nnscratch.maths.activations import sigmoid_prime
from nnscratch.reading import gophernet

from conftest import ROOT

ATTEMPTS = Path(__file__).resolve().parent / "exercises"
WRONG = sorted(p for p in ATTEMPTS.glob("ex*.py") if not p.name.endswith("_correct.py"))
assert len(WRONG) >= 10, "the wrong attempts are missing"
#: A student's correct answer to each exercise, written by hand in plain Python.
CORRECT = sorted(ATTEMPTS.glob("ex*_correct.py"))
assert len(CORRECT) == len(EXERCISES), "a correct attempt per exercise is missing"


def exercises(*args, cwd):
    return subprocess.run([sys.executable, "-m", "nnscratch.exercises"] + [str(a) for a in args],
                          cwd=str(cwd), capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
def test_the_library_passes_its_own_checks(exercise):
    """The reference answers (nnscratch's own functions) pass every check of their exercise."""
    with Checker(dict(exercise.reference)) as checker:
        exercise.check(checker)
    failed = [r for r in checker.results if not r.passed]
    assert checker.results and not failed, failed[:3]


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
def test_every_skeleton_fails_with_not_written_yet(exercise, tmp_path):
    """A fresh skeleton runs, and every function is reported as not written yet, never a crash."""
    path = tmp_path / exercise.filename
    path.write_text(skeleton(exercise))
    report = check_file(path)
    assert report.problem is None and report.results and not any(r.passed for r in report.results)
    reasons = {r.function: r.details["reason"] for r in report.results
               if "not written yet:" in r.details.get("reason", "")}
    assert set(reasons) == {f.name for f in exercise.functions}
    assert all("raises NotImplementedError (line" in reason for reason in reasons.values())


@pytest.mark.parametrize("attempt", WRONG, ids=lambda p: p.name)
def test_wrong_attempts_get_their_hint(attempt, tmp_path):
    """Each deliberately wrong attempt fails, and its failure carries the intended hint or problem."""
    docstring = attempt.read_text().split('"""')[1]
    expected = re.search(r"Expected (hint|problem): (.+)", docstring, flags=re.S).group(2).strip()
    path = tmp_path / attempt.name
    shutil.copy(str(attempt), str(path))
    report = check_file(path, time_limit=5)
    text = "\n".join(format_report(path, report))
    assert report.problem or not all(r.passed for r in report.results)
    assert expected in " ".join(text.split()), text
    assert "Traceback" not in text and "nnscratch/exercises" not in text


def test_correct_attempt_passes(tmp_path):
    path = tmp_path / "ex01_vectors.py"
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(path))
    result = exercises("check", path, cwd=tmp_path)
    assert result.returncode == 0 and "\nall 16 checks passed\npoints: 10 of 10\n" in result.stdout


@pytest.mark.parametrize("attempt", CORRECT, ids=lambda p: p.name)
def test_a_correct_student_file_passes_every_check(attempt, tmp_path):
    """A plain-Python answer, checked as a student's file is (in its own process), passes every check."""
    exercise = by_number(int(attempt.name[2:4]))
    path = tmp_path / exercise.filename
    shutil.copy(str(attempt), str(path))
    report = check_file(path)
    failed = [r for r in report.results if not r.passed]
    assert report.problem is None and report.results and not failed, (report.problem, failed[:3])


def test_the_early_stop_reference_agrees_with_the_engine():
    """ref_early_stop, given the engine's validation losses, says what the engine's early stopping did."""
    x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    y = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
    flipped = [list(reversed(row)) for row in y]  # learning y makes these worse: early stopping runs
    stopped = []
    for seed, patience, validation in [(1, 2, (x, flipped)), (2, 3, (x, flipped)), (3, 5, (x, y)),
                                       (4, 1, (x[:2], flipped[:2])), (5, 40, (x, y))]:
        history = Network([2, 4, 2], seed=seed).train(x, y, epochs=40, learning_rate=2.0,
                                                      validation=validation, patience=patience)
        assert ref_early_stop(history.val_loss, patience) == (history.stopped_early, history.best_epoch)
        stopped.append(history.stopped_early)
    assert stopped.count(True) >= 2 and stopped.count(False) >= 1


def test_the_article_slope_variant_is_gophernet_with_the_articles_slope():
    """Exercise 6's mistake is gophernet's own step with slope=sigmoid_prime: sigma applied twice."""
    args = ([[2.0]], [[1.0]], [[0.3]], [0.1], [[2.0]], [-1.0], 0.5)
    reference = ref_backpropagate(*args)
    article = backpropagate_as_article_001(*args)
    assert article != reference and ref_backpropagate(*args) == reference
    # the output's slope differs by sigma: b_out moves by lr * (y - a) * sigmoid_prime(a)
    a = gophernet.feed_forward(*args[0:1], *args[2:6])[3][0][0]
    assert article[3][0] == pytest.approx(-1.0 + 0.5 * (1.0 - a) * sigmoid_prime(a), abs=1e-15)


def test_the_exercises_errors_are_nnscratch_errors():
    with pytest.raises(UnknownExerciseError) as error:
        by_number(99)
    assert isinstance(error.value, NNScratchError) and isinstance(error.value, KeyError)
    checker = Checker({"f": lambda: 1.0})
    with pytest.raises(CatalogError):
        checker.case("f", "a kind no check knows", (), 1.0, returns="complex number")


def test_start_then_check_from_a_new_folder(tmp_path):
    """start writes the skeleton, refuses to overwrite it, and check exits 1 on it."""
    result = exercises("start", 1, cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "ex01_vectors.py").exists()
    assert "NotImplementedError" in (tmp_path / "ex01_vectors.py").read_text()
    again = exercises("start", 1, cwd=tmp_path)
    assert again.returncode == 1 and "exists already" in again.stderr
    assert exercises("start", 1, "--force", cwd=tmp_path).returncode == 0
    check = exercises("check", "ex01_vectors.py", cwd=tmp_path)
    assert check.returncode == 1 and "not written yet" in check.stdout
    assert "0 of 16 checks passed" in check.stdout


def test_list_shows_progress(tmp_path):
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(tmp_path / "ex01_vectors.py"))
    shutil.copy(str(ATTEMPTS / "ex01_sum_starts_at_1.py"), str(tmp_path / "ex02_sigmoid.py"))
    out = exercises(cwd=tmp_path).stdout
    lines = out.splitlines()
    assert len(lines) == 1 + len(EXERCISES)
    assert lines[1].rstrip().endswith("done") and "checks pass" in lines[2]
    assert exercises("list", cwd=tmp_path).stdout == out  # the same, by name


def test_solution_prints_the_library_code():
    result = exercises("solution", 6, cwd=ROOT)
    assert result.returncode == 0
    assert "NeuralNet.backpropagate, in " in result.stdout and "gophernet.py:" in result.stdout
    assert "def backpropagate(self, x, y, w_hidden" in result.stdout


def test_unknown_exercise(tmp_path):
    result = exercises("start", 99, cwd=tmp_path)
    assert result.returncode == 2 and "there is no exercise 99" in result.stderr


def test_grade_three_students(tmp_path):
    """grade writes one row per student: points per exercise, the total and the maximum."""
    classroom = tmp_path / "class"
    for student, source in (("alice", "ex01_correct.py"), ("bob", "ex01_sum_starts_at_1.py"),
                            ("carol", None)):
        (classroom / student).mkdir(parents=True)
        target = classroom / student / "ex01_vectors.py"
        if source:
            shutil.copy(str(ATTEMPTS / source), str(target))
        else:
            target.write_text(skeleton(EXERCISES[0]))
    result = exercises("grade", classroom, "--out", tmp_path / "grades.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((tmp_path / "grades.csv").read_text().splitlines()))
    assert rows[0][:2] == ["student", "ex01_vectors"] and rows[0][-3:] == ["total", "max", "notes"]
    zeros = ["0"] * (len(EXERCISES) - 1)
    assert rows[1] == ["alice", "10"] + zeros + ["10", "100", ""]
    assert rows[2] == ["bob", "6.25"] + zeros + ["6.25", "100", ""]  # 10 of 16 checks
    assert rows[3] == ["carol", "0"] + zeros + ["0", "100", ""]
