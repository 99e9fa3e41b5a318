"""python -m nnscratch.exercises: references pass, skeletons fail cleanly, wrong attempts get their hint."""

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnscratch.exercises import EXERCISES, check_file, format_report, skeleton
from nnscratch.exercises.checking import Checker

from conftest import ROOT

ATTEMPTS = Path(__file__).resolve().parent / "exercises"
WRONG = sorted(p for p in ATTEMPTS.glob("ex*.py") if "correct" not in p.name)
assert len(WRONG) >= 10, "the wrong attempts are missing"


def exercises(*args, cwd):
    return subprocess.run([sys.executable, "-m", "nnscratch.exercises"] + [str(a) for a in args],
                          cwd=str(cwd), capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
def test_the_library_passes_its_own_checks(exercise):
    """The reference answers (nnscratch's own functions) pass every check of their exercise."""
    checker = Checker(dict(exercise.reference), "<reference>")
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
    reasons = {r.function: r.details["reason"] for r in report.results if "not written yet:" in r.details.get("reason", "")}
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
    assert result.returncode == 0 and result.stdout.strip().endswith("all 16 checks passed")


def test_start_then_check_from_a_new_folder(tmp_path):
    """start writes the skeleton, refuses to overwrite it, and check exits 1 on it."""
    result = exercises("start", 1, cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "ex01_vectors.py").exists()
    assert "NotImplementedError" in (tmp_path / "ex01_vectors.py").read_text()
    again = exercises("start", 1, cwd=tmp_path)
    assert again.returncode == 1 and "exists already" in again.stderr
    assert exercises("start", 1, "--force", cwd=tmp_path).returncode == 0
    check = exercises("check", "ex01_vectors.py", cwd=tmp_path)
    assert check.returncode == 1 and "not written yet" in check.stdout and "0 of 16 checks passed" in check.stdout


def test_list_shows_progress(tmp_path):
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(tmp_path / "ex01_vectors.py"))
    shutil.copy(str(ATTEMPTS / "ex01_sum_starts_at_1.py"), str(tmp_path / "ex02_sigmoid.py"))
    out = exercises(cwd=tmp_path).stdout
    lines = out.splitlines()
    assert len(lines) == 1 + len(EXERCISES)
    assert lines[1].rstrip().endswith("done") and "checks pass" in lines[2]


def test_solution_prints_the_library_code():
    result = exercises("solution", 6, cwd=ROOT)
    assert result.returncode == 0
    assert "NeuralNet.backpropagate, in " in result.stdout and "neuralnet.py:" in result.stdout
    assert "def backpropagate(self, x, y, w_hidden" in result.stdout


def test_unknown_exercise(tmp_path):
    result = exercises("start", 99, cwd=tmp_path)
    assert result.returncode == 1 and "there is no exercise 99" in result.stderr


def test_grade_three_students(tmp_path):
    """grade writes one row per student file: passed, total and the first failure."""
    classroom = tmp_path / "class"
    for student, source in (("alice", "ex01_correct.py"), ("bob", "ex01_sum_starts_at_1.py"), ("carol", None)):
        (classroom / student).mkdir(parents=True)
        target = classroom / student / "ex01_vectors.py"
        if source:
            shutil.copy(str(ATTEMPTS / source), str(target))
        else:
            target.write_text(skeleton(EXERCISES[0]))
    result = exercises("grade", classroom, "--out", tmp_path / "grades.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((tmp_path / "grades.csv").read_text().splitlines()))
    assert rows[0] == ["student", "exercise", "passed", "total", "first_failure"]
    assert rows[1] == ["alice", "01 vectors", "16", "16", ""]
    assert rows[2][:4] == ["bob", "01 vectors", "10", "16"] and "the sum started at 1" in rows[2][4]
    assert rows[3][:4] == ["carol", "01 vectors", "0", "16"] and "not written yet" in rows[3][4]
