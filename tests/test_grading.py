"""Grading that cannot be faked, and a gradebook a teacher can trust.

Every file in tests/tamper/ tries one trick a student used against the old
checker (fake results, patched comparisons, the reference answers, a removed
import blocker, a patched checker, the expected value read from the stack) or
one harm to the teacher (files deleted or written outside, another student's
answer overwritten, processes that outlive the check, 110 MB of output, junk
on the checker's pipe). Each must earn no point and do no harm; and a class
that includes them is graded exactly, cell by cell.
"""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from nnscratch.exercises import EXERCISES, check_file
from nnscratch.exercises import grading
from nnscratch.exercises.catalog import by_number
from nnscratch.exercises.checking import Checker
from nnscratch.exercises.results import parse_points, points
from nnscratch.exercises.runner import MAX_OUTPUT, CheckerFailure
from nnscratch.exercises.starting import skeleton

from conftest import ROOT

ATTEMPTS = Path(__file__).resolve().parent / "exercises"
TAMPER = sorted((Path(__file__).resolve().parent / "tamper").glob("ex01_*.py"))
CHILD_MARKER = Path("/tmp/nnscratch-tamper-child-alive")
#: A correct answer where a trick knows to look for it, outside the student's folder.
ANSWER_OUTSIDE = Path(tempfile.gettempdir()) / "nnscratch-tamper-answer.py"
POSIX = os.name == "posix"


def exercises(*args, cwd, timeout=600):
    return subprocess.run([sys.executable, "-m", "nnscratch.exercises"] + [str(a) for a in args],
                          cwd=str(cwd), capture_output=True, text=True, timeout=timeout,
                          env={"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin")})


def _snapshot(folder):
    return {p: p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()}


def test_there_is_a_file_per_trick():
    names = {p.stem[len("ex01_"):] for p in TAMPER}
    assert names >= {"fake_results_file", "patch_isclose", "reference_from_sys_modules",
                     "reference_by_importlib", "reference_by_exec", "pop_import_blocker",
                     "patch_the_checker", "expected_from_the_stack", "writes_outside", "deletes_files",
                     "forks_children", "prints_a_lot", "writes_to_the_checker_pipe", "exit_at_the_end",
                     "guard_off_by_gc", "guard_off_by_frames", "unaudited_reads_and_writes",
                     "signals_the_checker", "floods_the_checker", "constant_stubs", "traceback_property",
                     "huge_int", "climbs_with_dir_fd"}


@pytest.mark.parametrize("trick", TAMPER, ids=lambda p: p.stem)
def test_a_trick_earns_no_point_and_does_no_harm(trick, tmp_path):
    classroom = tmp_path / "class"
    (classroom / "mallory").mkdir(parents=True)
    (classroom / "alice").mkdir()
    shutil.copy(str(trick), str(classroom / "mallory" / "ex01_vectors.py"))
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / "alice" / "ex01_vectors.py"))
    before = _snapshot(tmp_path)
    if CHILD_MARKER.exists():
        CHILD_MARKER.unlink()
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(ANSWER_OUTSIDE))
    try:
        report = check_file(classroom / "mallory" / "ex01_vectors.py", time_limit=3)
    finally:
        ANSWER_OUTSIDE.unlink()
    assert len(report.results) == 16, "every check of the exercise is counted"
    assert points(report, 10) == 0, [r for r in report.results if r.passed][:2]
    if not trick.stem.endswith(("constant_stubs", "huge_int")):  # fit edge cases, which earn nothing alone
        assert not any(r.passed for r in report.results), [r for r in report.results if r.passed][:2]
    assert _snapshot(tmp_path) == before, "a file of the class changed"
    assert not list(tmp_path.parent.glob("OUTSIDE_marker.txt"))
    assert not Path("/tmp/OUTSIDE_marker.txt").exists()
    assert len(report.output) <= MAX_OUTPUT + 100
    if trick.stem.endswith("prints_a_lot"):
        assert "more bytes not shown" in report.output
    if trick.stem.endswith("forks_children"):
        time.sleep(4)  # the children would write the marker after 3 s
        assert not CHILD_MARKER.exists()
    alice = check_file(classroom / "alice" / "ex01_vectors.py")
    assert alice.problem is None and all(r.passed for r in alice.results)


def test_what_the_tricks_are_told(tmp_path):
    """The refusals are said in plain words, so an honest student who hits one knows why."""
    said = {}
    for trick in TAMPER:
        path = tmp_path / trick.stem / "ex01_vectors.py"
        path.parent.mkdir()
        shutil.copy(str(trick), str(path))
        report = check_file(path, time_limit=3)
        said[trick.stem[5:]] = " ".join([report.problem or ""] + [
            (r.details or {}).get("reason", "") for r in report.results])
    assert "called exit() while loading" in said["exit_at_the_end"]
    # CPython's audit hook refuses it by name; PyPy raises no import event, and numpy is not on
    # the path of the guarded process (python -I -S) either way.
    assert "numpy is not allowed in the exercises" in said["pop_import_blocker"] or (
        sys.implementation.name != "cpython" and "No module named 'numpy'" in said["pop_import_blocker"])
    assert "the process running your code ended with status 0" in said["fake_results_file"]
    assert "it returned None (is a return statement missing?)" in said["reference_by_exec"]
    assert "its answer could not be read" in said["floods_the_checker"]


def test_a_loop_fails_one_function_only(tmp_path):
    """An endless loop in dot costs dot: vec_add and scalar_mul are still checked, and pass."""
    path = tmp_path / "ex01_vectors.py"
    shutil.copy(str(ATTEMPTS / "ex01_infinite_loop.py"), str(path))
    started = time.monotonic()
    report = check_file(path, time_limit=2)
    assert time.monotonic() - started < 30
    by_function = {}
    for r in report.results:
        by_function.setdefault(r.function, []).append(r.passed)
    assert not any(by_function["dot"]) and all(by_function["vec_add"]) and all(by_function["scalar_mul"])
    assert "did not return within 2 s" in report.results[0].details["reason"]


def test_printed_output_is_shown_bounded(tmp_path):
    path = tmp_path / "ex01_vectors.py"
    path.write_text((ATTEMPTS / "ex01_correct.py").read_text() + '\nprint("hello from the file")\n')
    report = check_file(path)
    assert "hello from the file" in report.output and all(r.passed for r in report.results)


def test_seed_per_student_makes_a_shared_list_of_answers_useless(tmp_path):
    """A file that looks answers up from the usual cases passes them, and fails another student's."""
    exercise = by_number(1)
    answers = {}

    class Recorder:
        def call(self, name, args):
            key = (name, repr(list(args)))
            answers[key] = exercise.reference[name](*args)
            return answers[key]

    with Checker(Recorder()) as checker:
        exercise.check(checker)
    path = tmp_path / "ex01_vectors.py"
    path.write_text("ANSWERS = %r\n\n" % answers + "".join(
        "def %s(*args):\n    return ANSWERS.get((%r, repr(list(args))), 0.5)\n\n\n" % (f.name, f.name)
        for f in exercise.functions))
    assert all(r.passed for r in check_file(path).results)
    for seed in ("secret/alice", "secret/bob"):
        report = check_file(path, seed=seed)
        assert sum(r.passed for r in report.results) >= 6, "the fixed and edge cases still pass"
        assert points(report, 10) == 0, "but beside no drawn case they earn nothing"


def test_every_function_has_a_drawn_case():
    """A pass earns only beside a passing drawn case of its function, so each function needs one."""
    from nnscratch.exercises.results import is_drawn

    for exercise in EXERCISES:
        with Checker(dict(exercise.reference)) as checker:
            exercise.check(checker)
        for function in exercise.functions:
            cases = [r.case for r in checker.results if r.function == function.name]
            assert any(is_drawn(c) for c in cases), (exercise.number, function.name, cases)


def test_a_fifo_and_a_link_are_not_run(tmp_path):
    if not POSIX:
        pytest.skip("FIFOs and symlinks as a student would make them are POSIX")
    os.mkfifo(str(tmp_path / "ex01_vectors.py"))
    report = check_file(tmp_path / "ex01_vectors.py", time_limit=2)  # must not hang
    assert "not a regular file" in report.problem and len(report.results) == 16
    (tmp_path / "ex02_sigmoid.py").symlink_to("/etc/passwd")
    report = check_file(tmp_path / "ex02_sigmoid.py", time_limit=2)
    assert "not a regular file" in report.problem and not any(r.passed for r in report.results)


# ----- the gradebook ---------------------------------------------------------------------------

def _mixed_class(root):
    """A class of every kind of student; returns (folder, expected rows by student)."""
    classroom = root / "class"
    classroom.mkdir()

    def hand_in(student, files):
        folder = classroom / student
        folder.mkdir(parents=True, exist_ok=True)
        for name, source in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(source, Path):
                shutil.copy(str(source), str(folder / name))
            else:
                (folder / name).write_text(source)

    correct = {e.filename: ATTEMPTS / ("ex%02d_correct.py" % e.number) for e in EXERCISES}
    hand_in("complete", correct)
    hand_in("half", {"ex01_vectors.py": ATTEMPTS / "ex01_sum_starts_at_1.py",
                     "ex02_sigmoid.py": correct["ex02_sigmoid.py"],
                     "ex03_perceptron.py": skeleton(by_number(3))})
    (classroom / "empty").mkdir()
    hand_in("syntax", {"ex01_vectors.py": ATTEMPTS / "ex01_syntax_error.py"})
    hand_in("loops", {"ex01_vectors.py": ATTEMPTS / "ex01_infinite_loop.py"})
    for trick in TAMPER:
        hand_in("cheat_" + trick.stem[5:],
                {"ex01_vectors.py": trick, "ex02_sigmoid.py": correct["ex02_sigmoid.py"]})
    hand_in("odd, \"names\"\n=1+1", {"Ex01_Vectors.py": correct["ex01_vectors.py"],
                                     "sub/ex02_sigmoid.py": correct["ex02_sigmoid.py"],
                                     "ex02_sigmoid (1).py": ATTEMPTS / "ex02_prime_twice.py",
                                     "notes.py": "print('not an exercise')\n"})
    (classroom / "=HYPERLINK(1)").mkdir()  # a spreadsheet would run it as a formula
    if POSIX:
        os.mkdir(os.path.join(os.fsencode(str(classroom)), b"caf\xe9-latin1"))
        shutil.copy(str(correct["ex01_vectors.py"]),
                    os.path.join(os.fsencode(str(classroom)), b"caf\xe9-latin1", b"ex01_vectors.py"))
    z = ["0"] * 8
    rows = {
        "complete": ["10"] * 10 + ["100"],
        "half": ["6.25", "10", "0"] + ["0"] * 7 + ["16.25"],
        "empty": ["0"] * 10 + ["0"],
        "syntax": ["0"] * 10 + ["0"],
        "loops": ["6.25"] + ["0"] * 9 + ["6.25"],
        "odd, \"names\"\\x0a=1+1": ["10", "10"] + z + ["20"],
        "'=HYPERLINK(1)": ["0"] * 10 + ["0"],
    }
    rows.update({"cheat_" + t.stem[5:]: ["0", "10"] + z + ["10"] for t in TAMPER})
    if POSIX:
        rows["caf\\xe9-latin1"] = ["10", "0"] + z + ["10"]
    return classroom, rows


def test_the_gradebook_of_a_mixed_class(tmp_path):
    classroom, expected = _mixed_class(tmp_path)
    before = _snapshot(classroom)
    result = exercises("grade", classroom, "--out", tmp_path / "grades.csv", "--jobs", "2",
                       "--time-limit", "3", "--details", tmp_path / "details.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert _snapshot(classroom) == before, "grading changed a student's file"
    rows = list(csv.reader((tmp_path / "grades.csv").read_text(encoding="utf-8").splitlines()))
    header = rows[0]
    assert header == ["student"] + ["ex%02d_%s" % (e.number, e.slug) for e in EXERCISES] + ["total", "max",
                                                                                          "notes"]
    got = {row[0]: row[1:] for row in rows[1:]}
    assert sorted(got) == sorted(expected), "one row per student"
    for student, cells in expected.items():
        assert got[student][:-2] == cells, student
        assert got[student][-2] == "100", student
    notes = {student: row[-1] for student, row in got.items()}
    for student in ("complete", "half", "empty", "loops", "'=HYPERLINK(1)", "caf\\xe9-latin1"):
        assert notes.get(student, "") == "", student
    syntax = notes["syntax"]  # Python's own words for the error differ between versions
    assert syntax.startswith("ex01: line 4: Python cannot read this line: ") and syntax.endswith(
        " (def dot(v1, v2))")
    assert notes["odd, \"names\"\\x0a=1+1"] == (
        "ignored notes.py: not named exNN_...py for an exercise from 1 to 10; "
        "two files for exercise 2: graded sub/ex02_sigmoid.py, ignored ex02_sigmoid (1).py")
    assert "ex01: your file called exit() while loading" in notes["cheat_exit_at_the_end"]
    for student, note in notes.items():  # a cheat's note, if any, says plainly what stopped ex01
        if student.startswith("cheat_") and note:
            assert note.startswith("ex01: ") and "None" not in note, (student, note)
    assert "warning: odd" in result.stdout
    assert (tmp_path / "details.json").exists()


def test_a_roster_gives_a_row_to_every_name(tmp_path):
    classroom = tmp_path / "class"
    (classroom / "alice").mkdir(parents=True)
    (classroom / "zed").mkdir()
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / "alice" / "ex01_vectors.py"))
    (tmp_path / "roster.txt").write_text("# the class\nalice\nbob\n\n")
    result = exercises("grade", classroom, "--out", tmp_path / "g.csv", "--roster", tmp_path / "roster.txt",
                       "--points", "1=4", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((tmp_path / "g.csv").read_text().splitlines()))
    assert [r[0] for r in rows[1:]] == ["alice", "bob"]
    assert rows[1][1] == "4" and rows[1][-3:-1] == ["4", "94"]
    assert rows[2][-1] == "no folder for this student"
    assert "folder zed is not on the roster" in result.stdout


def test_one_folder_is_one_students(tmp_path):
    """Roster names that differ only in case get one folder between them: the exact name's."""
    classroom = tmp_path / "class"
    for folder in ("alice", "bob", "BOB "):
        (classroom / folder).mkdir(parents=True)
        shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / folder / "ex01_vectors.py"))
    (tmp_path / "roster.txt").write_text("alice\nALICE\nBob\n")
    result = exercises("grade", classroom, "--out", tmp_path / "g.csv", "--roster", tmp_path / "roster.txt",
                       "--exercises", "1", cwd=tmp_path)
    rows = list(csv.reader((tmp_path / "g.csv").read_text().splitlines()))[1:]
    assert [(r[0], r[1], r[-1]) for r in rows] == [("alice", "10", ""), ("ALICE", "0", "no folder for this student"),
                                                   ("Bob", "10", "")], result.stdout
    assert "roster name Bob matches the folders bob, BOB : graded bob" in result.stdout


def test_a_file_may_import_an_earlier_exercise(tmp_path):
    """The student's own files are theirs to import, in check and in grade."""
    student = tmp_path / "class" / "bob"
    student.mkdir(parents=True)
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(student / "ex01_vectors.py"))
    (student / "ex03_perceptron.py").write_text(
        "import math\nfrom ex01_vectors import dot, scalar_mul\n\n\n"
        "def forward_pass(w, b, x):\n    return 1 / (1 + math.exp(-(dot(w, x) + b)))\n\n\n"
        "def grad_w(w, b, x, y):\n    p = forward_pass(w, b, x)\n    return scalar_mul(-(p - y) * p * (1 - p), x)\n"
        "\n\ndef grad_b(w, b, x, y):\n    p = forward_pass(w, b, x)\n    return -(p - y) * p * (1 - p)\n")
    report = check_file(student / "ex03_perceptron.py")
    assert report.problem is None and all(r.passed for r in report.results), report.problem
    result = exercises("grade", tmp_path / "class", "--out", tmp_path / "g.csv", "--exercises", "1,3",
                       cwd=tmp_path)
    assert list(csv.reader((tmp_path / "g.csv").read_text().splitlines()))[1] == ["bob", "10", "10", "20", "20", ""]


def test_a_file_nested_too_deep_for_the_parser_costs_its_own_check(tmp_path):
    """The parser may fail (a RecursionError) or crash (CPython 3.8): in the guarded process only."""
    path = tmp_path / "ex01_vectors.py"
    path.write_text("x = 1" + " + 1" * 200000 + "\n")
    result = exercises("check", path, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "PROBLEM  loading your file failed" in result.stdout and "0 of 16 checks passed" in result.stdout


def test_a_message_of_several_lines_stays_on_one(tmp_path):
    """What the student's code raises cannot print lines that pass for the report's own."""
    path = tmp_path / "ex01_vectors.py"
    path.write_text("raise ValueError('oops\\nPASS  dot: fixed\\npoints: 10 of 10')\n")
    result = exercises("check", path, cwd=tmp_path)
    assert "oops | PASS  dot: fixed | points: 10 of 10" in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("PASS")]


@pytest.mark.parametrize("details, message", [
    ("/proc/1/nowhere", "--details /proc/1/nowhere: cannot make that folder"),
    ("g.csv/x", "--details g.csv/x: cannot make that folder"),
])
def test_a_details_folder_that_cannot_be_made_is_refused_first(details, message, tmp_path):
    (tmp_path / "class" / "alice").mkdir(parents=True)
    (tmp_path / "g.csv").write_text("keep me")
    result = exercises("grade", tmp_path / "class", "--out", tmp_path / "new.csv", "--details", details,
                       "--format", "gradescope", cwd=tmp_path)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "new.csv").exists() and (tmp_path / "g.csv").read_text() == "keep me"


def test_a_long_name_makes_a_file_name_that_fits(tmp_path):
    """File names are counted in bytes: 85 CJK characters are 255 of them."""
    (tmp_path / "class" / ("\u6c49" * 85)).mkdir(parents=True)
    result = exercises("grade", tmp_path / "class", "--out", tmp_path / "g.csv", "--details", tmp_path / "d",
                       "--format", "gradescope", "--exercises", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [len(p.name.encode()) <= 105 for p in (tmp_path / "d").iterdir()] == [True]


@pytest.mark.parametrize("args", [["--dir", "a_file"], ["--dir", "a_file/below"], ["--dir", ".", "--force"]])
def test_start_says_why_it_cannot_write(args, tmp_path):
    (tmp_path / "a_file").write_text("keep me")
    (tmp_path / "ex01_vectors.py").mkdir()  # --force cannot replace a folder
    result = exercises("start", 1, *args, cwd=tmp_path)
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "a_file").read_text() == "keep me"


def test_grade_exits_1_when_a_student_cannot_be_graded(tmp_path, monkeypatch):
    """A checker that will not start is not the student's doing: the row says so, and grade exits 1."""
    classroom = tmp_path / "class"
    (classroom / "alice").mkdir(parents=True)
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / "alice" / "ex01_vectors.py"))

    def broken(*args, **kwargs):
        raise CheckerFailure("could not start the interpreter")

    monkeypatch.setattr(grading, "check_files", broken)
    from nnscratch.exercises.commands import main
    import io
    out = io.StringIO()
    assert main(["grade", str(classroom), "--out", str(tmp_path / "g.csv")], out=out) == 1
    row = list(csv.reader((tmp_path / "g.csv").read_text().splitlines()))[1]
    assert row[0] == "alice" and "could not start the interpreter" in row[-1]


def test_points_are_configurable_and_checked():
    assert parse_points("", [1, 2]) == {1: 10.0, 2: 10.0}
    for bad in ("x", "1=x", "11=3", "1=-1", "1=nan", "=3", "1"):
        if bad == "1":
            assert parse_points(bad, [1, 2]) == {1: 1.0, 2: 1.0}
            continue
        with pytest.raises(ValueError):
            parse_points(bad, [1, 2])


def test_options_go_after_the_command_too(tmp_path):
    path = tmp_path / "ex01_vectors.py"
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(path))
    after = exercises("check", "--time-limit", "5", path, cwd=tmp_path)
    before = exercises("--time-limit", "5", "check", path, cwd=tmp_path)
    assert after.returncode == before.returncode == 0 and after.stdout == before.stdout


def test_hint_levels(tmp_path):
    one = exercises("hint", 1, cwd=tmp_path)
    two = exercises("hint", 1, "--level", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 0
    assert one.stdout.count("\n  ") < two.stdout.count("\n  ") and "--level 2" in one.stdout


def test_solutions_can_be_turned_off(tmp_path):
    assert exercises("solution", 1, cwd=tmp_path).returncode == 0
    (tmp_path / ".nnscratch-no-solutions").write_text("")
    (tmp_path / "sub").mkdir()
    off = exercises("solution", 1, cwd=tmp_path / "sub")
    assert off.returncode == 1 and "turned off" in off.stderr and "def " not in off.stdout


def test_a_missing_function_is_named_once(tmp_path):
    path = tmp_path / "ex01_vectors.py"
    path.write_text("def dot(v1, v2):\n    return sum(a * b for a, b in zip(v1, v2))\n")
    report = check_file(path)
    reasons = [r.details["reason"] for r in report.results if r.function == "vec_add"]
    assert reasons[0] == "your file defines no function vec_add" and not report.results[6].details["hint"]
    assert all(r == "not checked: your file defines no function vec_add" for r in reasons[1:])
    assert all(r.passed for r in report.results if r.function == "dot")


def test_no_temporary_folder_is_left_behind(tmp_path, monkeypatch):
    """The scratch folder, with exercise 10's data files, goes when the check ends."""
    scratch = tmp_path / "tmp"  # a temp folder of the test's own: other runs may use the machine's
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    for name in ("ex10_correct.py", "ex10_zero_row.py"):
        path = tmp_path / name.replace("_correct", "_read_csv").replace("_zero_row", "_read_csv")
        shutil.copy(str(ATTEMPTS / name), str(path))
        report = check_file(path, time_limit=3)
        assert len(report.results) == 3 and report.problem is None
    assert os.listdir(str(scratch)) == []


@pytest.mark.parametrize("fmt", ["json", "classroom", "gradescope", "junit", "tap"])
def test_check_writes_each_format_from_the_command_line(fmt, tmp_path):
    """check --format F --out PATH: the file holds the run's results, and the exit status is check's."""
    import json
    import xml.etree.ElementTree as ET

    shutil.copy(str(ATTEMPTS / "ex01_sum_starts_at_1.py"), str(tmp_path / "ex01_vectors.py"))
    shutil.copy(str(ATTEMPTS / "ex02_correct.py"), str(tmp_path / "ex02_sigmoid.py"))
    result = exercises("check", "ex01_vectors.py", "ex02_sigmoid.py", "--format", fmt, "--out", "r.out",
                       cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == "", result.stderr
    text = (tmp_path / "r.out").read_text(encoding="utf-8")
    if fmt == "gradescope":
        data = json.loads(text)
        assert data["score"] == pytest.approx(16.25) and len(data["tests"]) == 16 + 19
    elif fmt == "classroom":
        data = json.loads(text)
        assert data["max_score"] == 20 and data["status"] == "fail"
        assert sum(t["score"] for t in data["tests"]) == pytest.approx(16.25)
    elif fmt == "json":
        files = json.loads(text)["students"][0]["files"]
        assert [(f["passed"], f["checks"], f["points"]) for f in files] == [(10, 16, 6.25), (19, 19, 10)]
    elif fmt == "junit":
        suites = ET.fromstring(text).findall("testsuite")
        assert [(s.get("tests"), s.get("failures")) for s in suites] == [("16", "6"), ("19", "0")]
    else:
        assert text.startswith("TAP version 13\n1..35\n") and text.count("\nnot ok ") == 6


def test_an_autograder_counts_every_exercise_once(tmp_path):
    """check --folder: ten copies of one solved exercise earn its points once, out of all ten."""
    import json

    for k in range(10):
        shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(tmp_path / ("ex01_copy%d.py" % k)))
    result = exercises("check", "--folder", ".", "--format", "classroom", "--out", "r.json", cwd=tmp_path)
    data = json.loads((tmp_path / "r.json").read_text())
    assert result.returncode == 1 and data["status"] == "fail" and data["max_score"] == 100
    assert sum(t["score"] for t in data["tests"]) == pytest.approx(10)
    gradescope = exercises("check", "--folder", ".", "--format", "gradescope", cwd=tmp_path)
    names = " ".join(t["name"] for t in json.loads(gradescope.stdout)["tests"])
    assert "ex03_perceptron.py" in names, "a missing exercise is named by its file"
    plain = exercises("check", "ex01_copy0.py", "ex01_copy1.py", cwd=tmp_path)
    assert plain.returncode == 2 and "both exercise 1" in plain.stderr
    part = exercises("check", "--folder", ".", "--exercises", "1-2", "--format", "json", cwd=tmp_path)
    files = json.loads(part.stdout)["students"][0]["files"]
    assert [(f["exercise"], f["points"]) for f in files] == [(1, 10), (2, 0)]


def test_roster_names_match_folders_whatever_their_case(tmp_path):
    classroom = tmp_path / "class"
    (classroom / "kevin").mkdir(parents=True)
    shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / "kevin" / "ex01_vectors.py"))
    (tmp_path / "roster.txt").write_text("Kevin\n")
    result = exercises("grade", classroom, "--out", tmp_path / "g.csv", "--roster", tmp_path / "roster.txt",
                       "--exercises", "1", cwd=tmp_path)
    assert result.returncode == 0 and "not on the roster" not in result.stdout
    rows = list(csv.reader((tmp_path / "g.csv").read_text().splitlines()))
    assert rows == [["student", "ex01_vectors", "total", "max", "notes"], ["Kevin", "10", "10", "10", ""]]


@pytest.mark.parametrize("args, message", [
    (["--format", "junit"], "give --details too"),
    (["--seed-per-student"], "expected one argument"),
    (["--exercises", "0-3"], "numbered 1 to 10"),
    (["--points", "1=x"], "--points"),
])
def test_grade_usage_errors(args, message, tmp_path):
    (tmp_path / "class").mkdir()
    result = exercises("grade", tmp_path / "class", "--out", tmp_path / "g.csv", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and not (tmp_path / "g.csv").exists()


def test_a_file_saved_with_a_bom_is_read_as_python_reads_it(tmp_path):
    path = tmp_path / "ex01_vectors.py"
    path.write_bytes(b"\xef\xbb\xbf" + (ATTEMPTS / "ex01_correct.py").read_bytes())
    report = check_file(path)
    assert report.problem is None and all(r.passed for r in report.results)


def test_a_terminal_that_cannot_show_a_character_gets_an_escape(tmp_path):
    path = tmp_path / "ex01_vectors.py"
    path.write_text((ATTEMPTS / "ex01_correct.py").read_text() + '\nprint("caf\\u00e9 \\u2713")\n',
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "nnscratch.exercises", "check", str(path)],
                            cwd=str(tmp_path), capture_output=True, timeout=300,
                            env={"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", ""),
                                 "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    assert b"caf\\xe9 \\u2713" in result.stdout


def test_a_checker_bug_on_one_student_costs_that_row_only(tmp_path, monkeypatch):
    classroom = tmp_path / "class"
    for student in ("alice", "bob"):
        (classroom / student).mkdir(parents=True)
        shutil.copy(str(ATTEMPTS / "ex01_correct.py"), str(classroom / student / "ex01_vectors.py"))
    real = grading.grade_student

    def flaky(name, *args, **kwargs):
        if name == "bob":
            raise OverflowError("a bug")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(grading, "grade_student", flaky)
    submissions, _ = grading.grade_class(str(classroom), parse_points("", [1]), 5)
    assert [s.student for s in submissions] == ["alice", "bob"]
    assert submissions[0].error is None and sum(f.points for f in submissions[0].files) == 10
    assert "the checker failed (OverflowError: a bug)" in submissions[1].error
