"""The output formats of check and grade: each parses with its own reader, and the numbers add up.

The default run needs the standard library only. The tests named ``*external_reader*`` read the
output with the real readers (junitparser, jsonschema, tap.py) and are skipped when those are
missing; .ci/run installs them in a venv of their own and runs them with ``-k external_reader``.
"""

import json
import random
import re
import xml.etree.ElementTree as ET

import pytest

from nnscratch.exercises.catalog import EXERCISES
from nnscratch.exercises.formats import FORMATS, PER_STUDENT, format_report, render
from nnscratch.exercises.results import FileReport, Report, Result, Submission, points

#: Student names a folder can have: commas and quotes (CSV), a newline, a spreadsheet formula,
#: a byte that is not UTF-8 (os.listdir gives it as a lone surrogate), terminal escapes and a
#: NUL, a TAP directive, and right-to-left override.
ODD_NAMES = ['o\'brien, "bob"', "two\nlines", "=cmd|' /C calc'!A0", "bad\udcffbyte",
             "red\x1b[31m\x00", "x # SKIP me", "evil\u202ename", "plain"]
#: Characters XML 1.0 cannot hold, and the others no reader should get raw.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202e]")
VECTORS, SIGMOID, CSV = EXERCISES[0], EXERCISES[1], EXERCISES[9]


def mixed_report():
    """Exercise 1 half done: passes, wrong values, a data file, checks not run, printed output."""
    results = [Result("dot", "random 0", True, None),
               Result("dot", "edge: empty", False, {"input": "dot([], [])", "expected": "0.0",
                                                     "received": "1.0", "hint": "start the sum at 0"}),
               Result("dot", "random 1", False, {"input": "dot([1.0, 2.0], [3.0, 4.0])",
                                                  "expected": "[11.0, 2.0]", "received": "[11.0, 2.5]",
                                                  "difference": "at [1]: expected 2.0, received 2.5",
                                                  "hint": None, "reason": ""}),
               Result("vec_add", "random", True, None),
               Result("scalar_mul", "fixed", False, {"reason": "not checked: not written yet"}),
               Result("scalar_mul", "edge", False, {"reason": "not checked: not written yet"}),
               Result("scalar_mul", "random", False, {"reason": "not checked: did not return in 5 s"})]
    output = "hello <b>world</b>\n\x1b[2Jcleared & \x00 done\nBail out! not really\n# SKIP"
    return Report(VECTORS, results, None, output)


def problem_report():
    """Exercise 2 that did not load: a problem, and every check not run."""
    results = [Result("sigmoid", c, False, {"reason": "not checked: the file did not load"})
               for c in ("fixed", "edge", "random")]
    return Report(SIGMOID, results, "SyntaxError on line 3:\n    def sigmoid(x)\n                 ^", "")


def csv_report():
    """Exercise 10 all passed but one, whose data file has odd bytes in it."""
    results = [Result("read_csv", "random %d" % i, True, None) for i in range(5)]
    results.append(Result("read_csv", "quoted", False, {
        "input": "read_csv('data.csv')", "expected": "[[1.0]]", "received": "[]",
        "file": "data.csv:\n1,\"2\"\r\n\x0c3 <x> & ]]>\n"}))
    return Report(CSV, results, None, "")


def no_exercise_report():
    return Report(None, [], "the file name says no exercise: name it exNN_slug.py", "")


def file_report(path, report, max_points):
    return FileReport(path, report, points(report, max_points), max_points)


def student(name, warnings=(), error=None, files=None):
    if files is None:
        files = [file_report("%s/ex01_vectors.py" % name, mixed_report(), 10.0),
                 file_report("%s/ex02_sigmoid.py" % name, problem_report(), 20.0),
                 file_report("%s/ex10_read_csv.py" % name, csv_report(), 3.33),
                 file_report("%s/notes.py" % name, no_exercise_report(), 5.0)]
    return Submission(name, files, list(warnings), error)


def a_class():
    subs = [student(n) for n in ODD_NAMES]
    subs.append(student("warned", warnings=["ex01_vectors.py and ex01_copy.py: both exercise 1; "
                                            "graded ex01_vectors.py"]))
    subs.append(student("broken", error="the folder could not be read: permission denied", files=[]))
    subs.append(student("empty", warnings=["no exNN_*.py file in the folder"], files=[]))
    return subs


def one_student():
    """What ``check`` gives: no student name, the files as the student named them."""
    files = [file_report("ex01_vectors.py", mixed_report(), 10.0),
             file_report("ex02_sigmoid.py", problem_report(), 20.0),
             file_report("ex10_read_csv.py", csv_report(), 3.33),
             file_report("notes\udcff.py", no_exercise_report(), 5.0)]
    return [Submission("", files, ["a warning with \x1b[31m in it"], None)]


def single_students():
    return [one_student(), [student("alice")], [student(ODD_NAMES[3])],
            [student("broken", error="the checker failed", files=[])],
            [Submission("all", [file_report("ex10_read_csv.py",
                                            Report(CSV, [Result("read_csv", "random", True, None)] * 3, None, ""),
                                            10.0)], [], None)]]


def failing_results(subs):
    return sum(1 for s in subs for f in s.files for r in f.report.results if not r.passed)


def cents(x):
    return int(round(x * 100))


class TestRender:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_format_encodes_and_ends_with_a_newline(self, fmt):
        """Whatever the names and output hold, each format's text encodes as UTF-8."""
        for subs in single_students() + ([] if fmt in PER_STUDENT else [a_class(), []]):
            text = render(fmt, subs)
            text.encode("utf-8")
            assert text.endswith("\n")
            if fmt != "json" and fmt not in PER_STUDENT:
                assert not UNSAFE.search(text), fmt

    def test_an_unknown_format_is_refused(self):
        """An unknown format name is a ValueError that lists the known ones."""
        with pytest.raises(ValueError, match="unknown format 'xml': it is one of text, json"):
            render("xml", one_student())

    @pytest.mark.parametrize("fmt", PER_STUDENT)
    def test_per_student_formats_take_one_submission(self, fmt):
        """classroom and gradescope hold one student's submission: two, or none, is a ValueError."""
        with pytest.raises(ValueError, match="holds one student's submission, not 2"):
            render(fmt, a_class()[:2])
        with pytest.raises(ValueError, match="not 0"):
            render(fmt, [])


class TestText:
    def test_a_failure_shows_its_details(self):
        """FAIL lines carry input, expected, received, first difference and hint, indented."""
        lines = format_report("ex01_vectors.py", mixed_report())
        assert lines[0] == "ex01_vectors.py: exercise 1, " + VECTORS.title
        assert "PASS  dot: random 0" in lines
        at = lines.index("FAIL  dot: random 1")
        assert lines[at + 1:at + 4] == ["        input:    dot([1.0, 2.0], [3.0, 4.0])",
                                        "        expected: [11.0, 2.0]", "        received: [11.0, 2.5]"]
        assert lines[at + 4] == "        first difference: at [1]: expected 2.0, received 2.5"
        assert "        hint:     start the sum at 0" in lines

    def test_checks_not_run_are_counted_per_function_and_reason(self):
        """Checks that could not run are one line per function and reason, not a FAIL each."""
        lines = format_report("ex01_vectors.py", mixed_report())
        assert "      (2 checks of scalar_mul not run: not written yet)" in lines
        assert "      (1 check of scalar_mul not run: did not return in 5 s)" in lines
        assert not any(line.startswith("FAIL  scalar_mul") for line in lines)
        assert lines[-1] == "2 of 7 checks passed"

    def test_printed_output_and_data_files_are_shown_escaped(self):
        """What the code printed comes under a heading; control characters show as escapes."""
        lines = format_report("ex01_vectors.py", mixed_report())
        at = lines.index("your code printed:")
        assert lines[at + 1:at + 3] == ["    hello <b>world</b>", "    \\x1b[2Jcleared & \\x00 done"]
        lines = format_report("ex10_read_csv.py", csv_report())
        at = lines.index("        file:")
        assert lines[at + 1:at + 4] == ["            data.csv:", '            1,"2"\\x0d',
                                        "            \\x0c3 <x> & ]]>"]

    def test_the_last_line_counts_the_checks(self):
        """The report ends with how many checks passed; failures-only leaves the passes out."""
        passing = Report(CSV, [Result("read_csv", "random", True, None)] * 3, None, "")
        assert format_report("ex10_read_csv.py", passing)[-1] == "all 3 checks passed"
        assert format_report("notes.py", no_exercise_report())[-2:] == [
            "PROBLEM  the file name says no exercise: name it exNN_slug.py", "no check could run"]
        assert format_report("x.py", problem_report())[-1] == "0 of 3 checks passed"
        assert not any(l.startswith("PASS") for l in format_report("x.py", mixed_report(), verbose=False))

    def test_render_adds_names_warnings_and_points(self):
        """The text format heads each student with their points, and gives each file's points."""
        text = render("text", a_class())
        assert "== plain: 5.63 of 38.33 points\n" in text  # 2/7 of 10, 0 of 20, 5/6 of 3.33, 0 of 5
        assert "== bad\\xffbyte: 5.63 of 38.33 points" in text and "== evil\\u202ename:" in text
        assert "ERROR  not graded: the folder could not be read" in text
        assert "warning: no exNN_*.py file in the folder" in text
        assert "points: 2.86 of 10\n" in text and "points: 2.77 of 3.33\n" in text
        assert render("text", one_student()).endswith("total: 5.63 of 38.33 points\n")


class TestJSON:
    def test_the_document_parses_and_adds_up(self):
        """Each student's score is the sum of their files' points; each file counts its checks."""
        doc = json.loads(render("json", a_class()))
        assert (doc["format"], doc["version"]) == ("nnscratch-check", 1)
        assert [s["student"] for s in doc["students"]][:3] == ODD_NAMES[:3]
        assert doc["students"][3]["student"] == "bad\\xffbyte"
        for s in doc["students"]:
            assert cents(s["score"]) == sum(cents(f["points"]) for f in s["files"])
            assert cents(s["max_score"]) == sum(cents(f["max_points"]) for f in s["files"])
            for f in s["files"]:
                assert f["checks"] == len(f["results"])
                assert f["passed"] == sum(r["passed"] for r in f["results"])
                assert all((r["details"] is None) == r["passed"] for r in f["results"])

    def test_files_keep_their_exercise_problem_and_output(self):
        """A file carries its exercise, problem and printed output; empty details are left out."""
        files = json.loads(render("json", one_student()))["students"][0]["files"]
        assert [(f["exercise"], f["path"]) for f in files] == [
            (1, "ex01_vectors.py"), (2, "ex02_sigmoid.py"), (10, "ex10_read_csv.py"), (None, "notes\\xff.py")]
        assert files[0]["output"] == mixed_report().output and files[1]["problem"].startswith("SyntaxError")
        assert files[0]["results"][2]["details"] == {
            "input": "dot([1.0, 2.0], [3.0, 4.0])", "expected": "[11.0, 2.0]", "received": "[11.0, 2.5]",
            "difference": "at [1]: expected 2.0, received 2.5"}


class TestJUnit:
    def test_the_xml_parses_and_its_counts_match(self):
        """Every suite's tests/failures/errors count its cases; the root adds them up."""
        subs = a_class()
        root = ET.fromstring(render("junit", subs).encode("utf-8"))
        assert root.tag == "testsuites"
        for suite in root.iter("testsuite"):
            cases = suite.findall("testcase")
            assert int(suite.get("tests")) == len(cases)
            assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
            assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
            assert suite.get("skipped") == "0"
        for count in ("tests", "failures", "errors"):
            assert int(root.get(count)) == sum(int(s.get(count)) for s in root.iter("testsuite"))
        assert int(root.get("failures")) == failing_results(subs)  # checks not run fail too
        assert int(root.get("errors")) == 2 * 9 + 1  # two problems in each of 9 students' files, one error

    def test_names_problems_and_output_are_kept(self):
        """Suites are named student/file, a problem is a "load" error, the output is system-out."""
        root = ET.fromstring(render("junit", [student("o'brien, \"bob\"")]))
        suite = root.find("testsuite")
        assert suite.get("name") == "o'brien, \"bob\"/ex01_vectors.py"
        case = suite.find("testcase[@name='dot: edge: empty']")
        assert case.get("classname") == "o'brien, \"bob\".ex01_vectors"
        assert case.find("failure").text.splitlines()[0] == "input:    dot([], [])"
        assert case.find("failure").get("message") == "expected 0.0, received 1.0"
        assert suite.find("system-out").text.startswith("hello <b>world</b>\n\\x1b[2J")
        load = [s for s in root if s.get("name").endswith("/ex02_sigmoid.py")][0].find("testcase")
        assert load.get("name") == "load"
        assert load.find("error").get("message").startswith("SyntaxError on line 3:\\n")
        not_run = root.find(".//testcase[@name='scalar_mul: edge']/failure")
        assert not_run.get("type") == "not checked"

    def test_no_character_makes_the_xml_invalid(self):
        """NUL, escape, form feed and lone surrogates never reach the XML."""
        text = render("junit", a_class())
        assert not XML_INVALID.search(text)
        assert "\\x00" in text and "\\x1b" in text and "\\xff" in text


def tap_check(text):
    """Check text against the TAP version 13 grammar; return [(ok, number, description)]."""
    lines = text.splitlines()
    assert lines[0] == "TAP version 13"
    plan = re.fullmatch(r"1\.\.(\d+)", lines[1])
    assert plan, lines[1]
    tests, in_yaml = [], False
    for line in lines[2:]:
        if in_yaml:
            if line == "  ...":
                in_yaml = False
            else:
                assert re.fullmatch(r'  [a-z_]+: "([^"\\]|\\["\\/bfnrtu])*"', line), line
            continue
        if line == "  ---":
            assert tests and not tests[-1][0], "a YAML block follows a failure"
            in_yaml = True
            continue
        if line.startswith("#"):
            continue
        match = re.fullmatch(r"(not ok|ok) (\d+) - ([^#\n]*)", line)
        assert match, "not a TAP line: %r" % line
        tests.append((match.group(1) == "ok", int(match.group(2)), match.group(3)))
    assert not in_yaml
    assert [n for _, n, _ in tests] == list(range(1, int(plan.group(1)) + 1))
    return tests


class TestTAP:
    def test_the_stream_follows_the_grammar(self):
        """Version, plan, numbered ok/not ok lines, YAML blocks after failures, nothing else."""
        subs = a_class()
        tests = tap_check(render("tap", subs))
        problems = sum(1 for s in subs for f in s.files if f.report.problem) + 1
        assert sum(not ok for ok, _, _ in tests) == failing_results(subs) + problems
        assert sum(ok for ok, _, _ in tests) == sum(
            1 for s in subs for f in s.files for r in f.report.results if r.passed)

    def test_descriptions_hold_no_directive_and_no_newline(self):
        """A "#" in a name cannot start a directive; a newline in a name stays on its line."""
        tests = tap_check(render("tap", [student("x # SKIP me"), student("two\nlines")]))
        assert tests[0][2] == "x \uff03 SKIP me/ex01_vectors.py dot: random 0"
        assert any(d.startswith("two\\nlines/ex01_vectors.py") for _, _, d in tests)

    def test_an_empty_class_is_an_empty_plan(self):
        assert tap_check(render("tap", [])) == []


def platform_files(subs):
    return [f for s in subs for f in s.files]


class TestGradescope:
    @pytest.mark.parametrize("subs", single_students(), ids=range(5))
    def test_scores_add_up_to_the_points(self, subs):
        """Each file's tests add up to its points, a pass scores its max, and the top states the sum."""
        doc = json.loads(render("gradescope", subs))
        files = platform_files(subs)
        assert cents(doc["score"]) == sum(cents(f.points) for f in files)
        assert cents(doc["score"]) == sum(cents(t["score"]) for t in doc["tests"])
        assert sum(cents(t["max_score"]) for t in doc["tests"]) == sum(cents(f.max_points) for f in files)
        for f in files:
            prefix = str(f.path).replace("\udcff", "\\xff") + ":"
            mine = [t for t in doc["tests"] if t["name"].startswith(prefix)]
            assert sum(cents(t["score"]) for t in mine) == cents(f.points)
        for t in doc["tests"]:
            assert (t["status"] == "passed") == (t["score"] == t["max_score"] > 0)
        assert (doc["output_format"], doc["test_output_format"]) == ("text", "text")  # never HTML

    def test_failures_carry_their_details(self):
        doc = json.loads(render("gradescope", one_student()))
        test = next(t for t in doc["tests"] if t["name"] == "ex01_vectors.py: dot: edge: empty")
        assert test["number"] == "1.2" and "received: 1.0" in test["output"]
        assert "your code printed:\nhello <b>world</b>" in test["output"]  # with the file's first failure
        assert "ex01_vectors.py: 2 of 7 checks passed, 2.86 of 10 points" in doc["output"]


class TestClassroom:
    @pytest.mark.parametrize("subs", single_students(), ids=range(5))
    def test_the_reporters_sum_is_the_exact_total(self, subs):
        """The reporter adds the scores in JavaScript, left to right: that float sum is the total."""
        doc = json.loads(render("classroom", subs))
        total = 0
        for test in doc["tests"]:
            total += test["score"]  # what notify-classroom.js does
        assert total == sum(cents(f.points) for f in platform_files(subs)) / 100
        assert cents(doc["max_score"]) == sum(cents(f.max_points) for f in platform_files(subs))
        assert all((t["status"] == "pass") == (t["message"] is None) for t in doc["tests"])

    def test_status_says_pass_fail_or_error(self):
        assert json.loads(render("classroom", single_students()[4]))["status"] == "pass"
        assert json.loads(render("classroom", one_student()))["status"] == "fail"
        assert json.loads(render("classroom", single_students()[3]))["status"] == "error"

    def test_many_splits_still_add_up(self):
        """Seeded random classes of files: every split of max_points adds up exactly."""
        rng = random.Random(7)
        for _ in range(300):
            files = []
            for i in range(rng.randint(1, 10)):
                n = rng.randint(1, 30)
                results = [Result("f", str(k), rng.random() < 0.6, {}) for k in range(n)]
                results = [r._replace(details=None) if r.passed else r for r in results]
                report = Report(EXERCISES[i], results, None, "")
                max_points = rng.choice([10, 5, 20, 3.33, 7.5, 100])
                files.append(file_report("ex%02d.py" % (i + 1), report, max_points))
            subs = [Submission("s", files, [], None)]
            doc = json.loads(render("classroom", subs))
            total = 0
            for test in doc["tests"]:
                total += test["score"]
            assert total == sum(cents(f.points) for f in files) / 100
            grades = json.loads(render("gradescope", subs))
            assert cents(grades["score"]) == sum(cents(t["score"]) for t in grades["tests"])


# ----- the real readers (skipped when not installed; .ci/run installs them) -----------------

# Gradescope's results.json, transcribed from the "Output format" section of
# https://gradescope-autograders.readthedocs.io/en/latest/specs/ (every field optional; a
# score on the top level or on each test; status "passed"/"failed"; the format and
# visibility names listed there).
_FORMAT = {"enum": ["text", "simple_format", "html", "md", "ansi"]}
_VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
GRADESCOPE_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "score": {"type": "number"}, "execution_time": {"type": "number"}, "output": {"type": "string"},
        "output_format": _FORMAT, "test_output_format": _FORMAT, "test_name_format": _FORMAT,
        "visibility": _VISIBILITY, "stdout_visibility": _VISIBILITY, "extra_data": {"type": "object"},
        "leaderboard": {"type": "array"},
        "tests": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "properties": {"score": {"type": "number"}, "max_score": {"type": "number"},
                           "status": {"enum": ["passed", "failed"]}, "name": {"type": "string"},
                           "name_format": _FORMAT, "number": {"type": "string"}, "output": {"type": "string"},
                           "output_format": _FORMAT, "tags": {"type": "array", "items": {"type": "string"}},
                           "visibility": _VISIBILITY, "extra_data": {"type": "object"}}}}},
    "anyOf": [{"required": ["score"]},
              {"required": ["tests"], "properties": {"tests": {"items": {"required": ["score"]}}}}]}

# GitHub Classroom's result JSON, transcribed from what reads it, the autograding-grading-reporter
# (https://github.com/classroom-resources/autograding-grading-reporter: src/main.js,
# src/notify-classroom.js, src/console-results.js, __tests__/aggregate-results.test.js), and
# what writes it, autograding-command-grader's src/main.js and autograding-python-grader: a
# version, a status, max_score (without it no grade is sent), and tests with a name, a status
# and a numeric score (the reporter adds them; a missing one makes the total NaN).
_STATUS = {"enum": ["pass", "fail", "error"]}
CLASSROOM_SCHEMA = {
    "type": "object", "required": ["version", "status", "max_score", "tests"],
    "properties": {
        "version": {"const": 1}, "status": _STATUS, "message": {"type": ["string", "null"]},
        "max_score": {"type": "number", "minimum": 0},
        "tests": {"type": "array", "items": {
            "type": "object", "required": ["name", "status", "score"], "additionalProperties": False,
            "properties": {"name": {"type": "string"}, "status": _STATUS,
                           "message": {"type": ["string", "null"]}, "line_no": {"type": ["integer", "null"]},
                           "execution_time": {"type": ["string", "null"]}, "score": {"type": "number"},
                           "filename": {"type": "string"}, "test_code": {"type": "string"},
                           "duration": {"type": "number"}, "output": {"type": "string"},
                           "task_id": {"type": "integer"}}}}}}


def test_junit_external_reader():
    """junitparser reads the XML, and its counts are the suites' and the checks'."""
    junitparser = pytest.importorskip("junitparser")
    for subs in [a_class()] + single_students():
        xml = junitparser.JUnitXml.fromstring(render("junit", subs))
        suites = list(xml)
        assert suites and xml.tests == sum(s.tests for s in suites)
        for suite in suites:
            cases = list(suite)
            assert suite.tests == len(cases)
            kinds = [type(r) for c in cases for r in c.result]
            assert suite.failures == kinds.count(junitparser.Failure)
            assert suite.errors == kinds.count(junitparser.Error)
        failures = sum(1 for s in suites for c in s for r in c.result if isinstance(r, junitparser.Failure))
        assert failures == failing_results(subs)


def test_json_schema_external_reader():
    """jsonschema validates the gradescope and classroom documents against the published shapes."""
    jsonschema = pytest.importorskip("jsonschema")
    for subs in single_students():
        jsonschema.validate(json.loads(render("gradescope", subs)), GRADESCOPE_SCHEMA)
        jsonschema.validate(json.loads(render("classroom", subs)), CLASSROOM_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):  # the schemas do catch a wrong document
        jsonschema.validate({"tests": [{"name": "x", "status": "ok"}]}, GRADESCOPE_SCHEMA)


def test_tap_external_reader():
    """tap.py reads the stream: version 13, the plan, no bail-out, ok and not ok as counted."""
    parser = pytest.importorskip("tap.parser")
    for subs in [a_class(), one_student(), []]:
        lines = list(parser.Parser().parse_text(render("tap", subs)))
        kinds = [line.category for line in lines]
        assert kinds[:2] == ["version", "plan"] and "bail" not in kinds and "unknown" not in kinds
        results = [line for line in lines if line.category == "test"]
        assert lines[1].expected_tests == len(results)
        assert not any(r.skip or r.todo for r in results)
        failing = failing_results(subs) + sum(1 for s in subs for f in s.files if f.report.problem)
        failing += sum(1 for s in subs if s.error)
        assert sum(not r.ok for r in results) == failing
        for result in results:
            if not result.ok and parser.ENABLE_VERSION_13:  # with PyYAML: each YAML block parses
                assert isinstance(result.yaml_block, dict) and "message" in result.yaml_block
