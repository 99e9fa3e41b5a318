"""Every way ``check`` and ``grade`` write what they found: text, JSON, JUnit XML, TAP, and the JSON
that GitHub Classroom's and Gradescope's autograders read.

``render(fmt, submissions)`` draws each format from ``Submission`` records alone (see
``results``); ``format_report`` gives the lines ``check`` prints for one file.

    text        what a person reads: PASS/FAIL per check, the details of each failure, points
    json        nnscratch's own document, below
    junit       JUnit XML: a <testsuite> per student's file, a <testcase> per check
    tap         TAP version 13: "ok N - ..." per check, a YAML block per failure
    classroom   one student: the result JSON of GitHub Classroom's autograding actions
    gradescope  one student: Gradescope's results.json

The JSON document (``"format": "nnscratch-check"``; ``version`` grows when a field changes
meaning or goes away, not when one is added)::

    {"format": "nnscratch-check", "version": 1,
     "students": [                              # one per Submission, in the order given
       {"student": "alice",                     # "" for check's single file
        "score": 16.67, "max_score": 20.0,      # the sums of the files' points, to 2 decimals
        "warnings": ["..."], "error": null,     # error: why the student could not be graded
        "files": [
          {"path": "alice/ex01_vectors.py",     # as the teacher named it
           "exercise": 1, "title": "Vector helpers: ...",  # null, null: the name says none
           "points": 6.67, "max_points": 10.0,
           "passed": 10, "checks": 15,          # how many checks passed, of how many
           "problem": null,                     # what stopped the checks, if anything did
           "output": "",                        # what the student's code printed (bounded)
           "results": [
             {"function": "dot", "case": "fixed", "passed": true, "details": null},
             {"function": "dot", "case": "edge: empty", "passed": false,
              "details": {"input": "dot([], [])", "expected": "0.0", "received": "1.0"}}]}]}]}

``details`` keys are those of ``results.Result``; a ``reason`` that starts with "not checked:"
marks a check that could not run (a failure: it earns nothing).

Scores. A file's ``max_points`` is shared between its checks, in hundredths of a point, so
that the checks that passed add up to exactly the file's ``points``; Gradescope is also given
the total at the top, and GitHub Classroom's reporter adds the scores up itself. Every string
an outside reader gets is made safe for it: text that cannot be encoded (lone surrogates,
from file names that are not UTF-8) is written as ``\\xNN``, and the text-like formats also
show control characters that way.
"""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import PurePath

from ..text import printable
from .results import earning, format_points

__all__ = ["FORMATS", "PER_STUDENT", "render", "format_report"]

#: Every name ``--format`` takes.
FORMATS = ("text", "json", "junit", "tap", "classroom", "gradescope")
#: The formats that hold one student's submission only (each platform grades one at a time).
PER_STUDENT = ("classroom", "gradescope")

JSON_FORMAT, JSON_VERSION = "nnscratch-check", 1
NOT_CHECKED = "not checked:"
#: The detail keys of a failure, in the order they are shown.
DETAIL_KEYS = ("input", "expected", "received", "difference", "reason", "hint", "file")
#: A JUnit failure's message attribute is one short line; the full details are its text.
MESSAGE_LIMIT = 200

_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(text):
    """text with every control character written as an escape, tabs and newlines kept."""
    return printable(text, keep="\n\t")


def _encodable(text):
    """text with lone surrogates written as escapes, so that it encodes as UTF-8."""
    return _SURROGATE.sub(lambda match: printable(match.group()), str(text))


def _one_line(text):
    return _visible(text).replace("\n", "\\n").replace("\t", " ")


def _not_checked(result):
    return str((result.details or {}).get("reason") or "").startswith(NOT_CHECKED)


def _details(result):
    """A failure's details with the empty ones left out, in the order they are shown."""
    details = {k: str(v) for k, v in (result.details or {}).items() if v not in (None, "")}
    order = [k for k in DETAIL_KEYS if k in details] + sorted(set(details) - set(DETAIL_KEYS))
    return {k: details[k] for k in order}


def _detail_lines(details, indent=""):
    """The details as lines: "key: value", a difference as "first difference:", a file indented."""
    lines = []
    for key, value in details.items():
        if key == "file":
            lines.append(indent + "file:")
            lines += [indent + "    " + line for line in _lines(value)]
        else:
            label = "first difference:" if key == "difference" else "%-9s" % (key + ":")
            lines.append("%s%s %s" % (indent, label, value))
    return lines


def _lines(text):
    """text's lines, split at newlines only: a carriage return or form feed stays, to be shown."""
    text = str(text)
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def _label(student, path):
    """A file as one name: "alice/ex01_vectors.py", or the path alone for check."""
    path = str(path)
    if not student or path.startswith(str(student) + "/"):
        return path
    return "%s/%s" % (student, path)


def _short(path):
    return PurePath(str(path)).name or str(path)


# ----- scores ----------------------------------------------------------------------------


def _cents(x):
    return int(round(float(x) * 100))


def _split(total, parts):
    """total (an int) in `parts` near-equal ints that add up to it, the larger ones first."""
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _shares(file_report):
    """(score, max) of each check in hundredths: the earning passes add up to the file's points.

    The passes that earn (``results.earning``) share the points and the other checks share
    what is left of max_points, so a passing check's score is its whole max and the sums are
    exact; with every check passed,
    any rest (points below max_points) stays unearned on the passes' max.
    """
    results = file_report.report.results
    earns = {id(r) for r in earning(file_report.report)}  # a pass earns only beside a drawn case
    passed = [i for i, r in enumerate(results) if id(r) in earns]
    failed = [i for i, r in enumerate(results) if id(r) not in earns]
    top = max(_cents(file_report.max_points), 0)
    earned = min(max(_cents(file_report.points), 0), top) if passed else 0
    shares = [[0, 0] for _ in results]
    for i, cents in zip(passed, _split(earned, len(passed))):
        shares[i] = [cents, cents]
    rest = _split(top - earned, len(failed) or len(passed))
    for i, cents in zip(failed or passed, rest):
        shares[i][1] += cents
    return [tuple(s) for s in shares]


def _total(submission, field):
    return sum(_cents(getattr(f, field)) for f in submission.files) / 100


# ----- text ------------------------------------------------------------------------------


def format_report(path, report, verbose=True):
    """The lines ``check`` prints for one file's Report: a PASS or FAIL line per check, and more.

    Under a FAIL come its details (input, expected, received, first difference, reason, hint,
    a data file's text); checks that could not run are counted per function; then a problem
    that stopped the checks, what the code printed, and how many checks passed. With
    ``verbose=False`` the passes are left out.
    """
    out = []
    if report.exercise is not None:
        out.append("%s: exercise %d, %s" % (_short(path), report.exercise.number, report.exercise.title))
    else:
        out.append(_short(path))
    not_run = {}  # (function, why) -> how many checks were not run
    for r in report.results:
        if r.passed:
            if verbose:
                out.append("PASS  %s: %s" % (r.function, r.case))
        elif _not_checked(r):
            why = r.details["reason"][len(NOT_CHECKED):].strip()
            not_run[r.function, why] = not_run.get((r.function, why), 0) + 1
        else:
            out.append("FAIL  %s: %s" % (r.function, r.case))
            out += _detail_lines(_details(r), " " * 8)
    if report.problem:  # first: it is why the checks below did not run
        out.append("PROBLEM  %s" % str(report.problem).replace("\n", "\n         "))
    for (function, why), count in not_run.items():
        out.append("      (%d check%s of %s not run: %s)" % (count, "s" if count > 1 else "", function, why))
    if report.output:
        out.append("your code printed:")
        out += ["    " + line for line in _lines(report.output)]
    passed, total = sum(1 for r in report.results if r.passed), len(report.results)
    if not total:
        out.append("no check could run")
    elif report.problem or passed < total:
        out.append("%d of %d checks passed" % (passed, total))
    else:
        out.append("all %d checks passed" % total)
    return [_visible(line) for line in "\n".join(out).split("\n")]


def _text(submissions, verbose):
    """Each student: a heading, warnings, then each file's report and its points."""
    lines = []
    for sub in submissions:
        if sub.student:
            lines.append("== %s: %s of %s points" % (sub.student, format_points(_total(sub, "points")),
                                                   format_points(_total(sub, "max_points"))))
        lines += ["warning: %s" % w for w in sub.warnings]
        if sub.error:
            lines.append("ERROR  not graded: %s" % sub.error)
        for fr in sub.files:
            lines += format_report(fr.path, fr.report, verbose)
            lines.append("points: %s of %s" % (format_points(fr.points), format_points(fr.max_points)))
            lines.append("")
        if len(sub.files) > 1 and not sub.student:
            lines.append("total: %s of %s points"
                         % (format_points(_total(sub, "points")), format_points(_total(sub, "max_points"))))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(_visible(line) for line in lines) + "\n"


# ----- JSON ------------------------------------------------------------------------------


def _json_file(fr):
    report, exercise = fr.report, fr.report.exercise
    return {"path": str(fr.path), "exercise": exercise.number if exercise else None,
            "title": exercise.title if exercise else None,
            "points": fr.points, "max_points": fr.max_points,
            "passed": sum(1 for r in report.results if r.passed), "checks": len(report.results),
            "problem": report.problem, "output": report.output or "",
            "results": [{"function": r.function, "case": r.case, "passed": bool(r.passed),
                         "details": None if r.passed else _details(r)} for r in report.results]}


def _json(submissions, verbose):
    students = [{"student": sub.student or "", "score": _total(sub, "points"),
                 "max_score": _total(sub, "max_points"), "warnings": list(sub.warnings),
                 "error": sub.error, "files": [_json_file(fr) for fr in sub.files]}
                for sub in submissions]
    return _dump({"format": JSON_FORMAT, "version": JSON_VERSION, "students": students})


def _clean(value):
    """A JSON-able value with every string made encodable."""
    if isinstance(value, str):
        return _encodable(value)
    if isinstance(value, dict):
        return {_encodable(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _dump(doc):
    return json.dumps(_clean(doc), indent=2, ensure_ascii=False) + "\n"


# ----- JUnit XML -------------------------------------------------------------------------


def _x(text):
    """text that XML 1.0 can hold: every character it forbids written as an escape."""
    return _visible(text)


def _message(text):
    line = _one_line(text)
    return line if len(line) <= MESSAGE_LIMIT else line[:MESSAGE_LIMIT - 3] + "..."


def _junit_case(classname, name, kind=None, message="", text=""):
    """A <testcase>; kind "failure" or "error" adds that child with a message and the details."""
    case = ET.Element("testcase", classname=_x(classname), name=_x(name))
    if kind:
        child = ET.SubElement(case, kind, message=_message(message),
                              type="not checked" if message.startswith(NOT_CHECKED) else kind)
        child.text = _x(text)
    return case


def _junit_suite(name, cases, properties=(), out="", err=""):
    """A <testsuite> with its counts worked out from its cases."""
    suite = ET.Element("testsuite", name=_x(name), tests=str(len(cases)),
                       failures=str(sum(1 for c in cases if c.find("failure") is not None)),
                       errors=str(sum(1 for c in cases if c.find("error") is not None)), skipped="0")
    if properties:
        props = ET.SubElement(suite, "properties")
        for key, value in properties:
            ET.SubElement(props, "property", name=key, value=_x(value))
    suite.extend(cases)
    if out:
        ET.SubElement(suite, "system-out").text = _x(out)
    if err:
        ET.SubElement(suite, "system-err").text = _x(err)
    return suite


def _junit_file(student, fr):
    """One student's file as a <testsuite>: a "load" error for a problem, then a case per check."""
    report = fr.report
    classname = ".".join(p for p in (student, PurePath(str(fr.path)).stem) if p)
    cases = []
    if report.problem:
        cases.append(_junit_case(classname, "load", "error", report.problem, report.problem))
    for r in report.results:
        if r.passed:
            cases.append(_junit_case(classname, "%s: %s" % (r.function, r.case)))
        else:
            details = _details(r)
            message = details.get("reason") or details.get("difference") or (
                "expected %s, received %s" % (details["expected"], details["received"])
                if "expected" in details and "received" in details else details.get("hint") or "wrong value")
            cases.append(_junit_case(classname, "%s: %s" % (r.function, r.case), "failure", message,
                                     "\n".join(_detail_lines(details))))
    properties = [("points", format_points(fr.points)), ("max_points", format_points(fr.max_points))]
    if report.exercise is not None:
        properties.insert(0, ("exercise", str(report.exercise.number)))
    return _junit_suite(_label(student, fr.path), cases, properties, out=report.output or "")


def _junit(submissions, verbose):
    root = ET.Element("testsuites", name="nnscratch exercises")
    for sub in submissions:
        suites = [_junit_file(sub.student, fr) for fr in sub.files]
        warnings = "\n".join("warning: %s" % w for w in sub.warnings)
        if sub.error or not suites:  # the student as a whole: why they could not be graded
            cases = [_junit_case(sub.student or "submission", "grade", "error", sub.error, sub.error)] \
                if sub.error else []
            suites.insert(0, _junit_suite(sub.student or "submission", cases))
        if warnings:
            ET.SubElement(suites[0], "system-err").text = _x(warnings)
        root.extend(suites)
    for count in ("tests", "failures", "errors", "skipped"):
        root.set(count, str(sum(int(s.get(count)) for s in root)))
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _indent(element, level=0):
    """Indent an element's children two spaces a level (ElementTree.indent is Python 3.9+)."""
    children = list(element)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad if not (element.text or "").strip() else element.text
    for child in children:
        _indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


# ----- TAP -------------------------------------------------------------------------------


def _tap_description(text):
    # The spec's escape for "#" is "\#", but some readers (tap.py) ignore it and would take
    # the rest for a directive ("# SKIP" in a student's name would skip the check), so a "#"
    # in a name becomes the fullwidth sign, which no reader treats specially.
    return _one_line(text).replace("#", "\uff03")


def _tap_entries(sub):
    """(comment lines, ok, description, YAML fields) for each test point of one student."""
    entries, comments = [], ["# student: %s" % sub.student] if sub.student else []
    comments += ["# warning: %s" % w for w in sub.warnings]
    if sub.error:
        entries.append((comments, False, "%s grade" % (sub.student or "submission"),
                        {"message": sub.error, "severity": "error"}))
        comments = []
    for fr in sub.files:
        report, label = fr.report, _label(sub.student, fr.path)
        points = "# points: %s of %s" % (format_points(fr.points), format_points(fr.max_points))
        comments = comments + ["# " + format_report(fr.path, report)[0], points]
        if report.output:
            comments += ["# your code printed:"] + ["#     " + l for l in _lines(report.output)]
        if report.problem:
            entries.append((comments, False, "%s load" % label,
                            {"message": report.problem, "severity": "error"}))
            comments = []
        for r in report.results:
            fields = None if r.passed else dict({"message": "%s: %s" % (r.function, r.case),
                                                 "severity": "fail"}, **_details(r))
            entries.append((comments, bool(r.passed), "%s %s: %s" % (label, r.function, r.case), fields))
            comments = []
    return entries, comments


def _tap(submissions, verbose):
    body, number = [], 0
    for sub in submissions:
        entries, trailing = _tap_entries(sub)
        for comments, ok, description, fields in entries:
            number += 1
            body += [_one_line(c) for c in comments]
            body.append("%s %d - %s" % ("ok" if ok else "not ok", number, _tap_description(description)))
            if fields:
                # A YAML block: each value a double-quoted scalar (JSON's string syntax is YAML's).
                body.append("  ---")
                body += ["  %s: %s" % (k, json.dumps(_visible(v), ensure_ascii=False))
                         for k, v in fields.items()]
                body.append("  ...")
        body += [_one_line(c) for c in trailing]
    return "\n".join(["TAP version 13", "1..%d" % number] + body) + "\n"


# ----- GitHub Classroom and Gradescope ---------------------------------------------------


def _platform_tests(sub):
    """The checks of one student as dicts: name, passed, status, score and max in hundredths, text.

    A file's problem is a "load" test, and a file with no checks one worth its max_points (the
    student earns nothing for it); what the code printed goes with the file's first failure.
    """
    tests = []
    if sub.error:
        tests.append({"name": "grade", "status": "error", "score": 0, "max": 0, "text": sub.error,
                      "number": "0", "filename": ""})
    for index, fr in enumerate(sub.files, 1):
        report, path = fr.report, str(fr.path)
        number = report.exercise.number if report.exercise is not None else index
        mine = []
        if report.problem or not report.results:
            top = 0 if report.results else _cents(fr.max_points)
            mine.append({"name": "%s: load" % path, "status": "error", "score": 0, "max": top,
                         "text": report.problem or "no check could run", "number": "%d.0" % number})
        for i, (r, (score, top)) in enumerate(zip(report.results, _shares(fr)), 1):
            text = "\n".join(_detail_lines(_details(r))) if not r.passed else ""
            mine.append({"name": "%s: %s: %s" % (path, r.function, r.case), "score": score, "max": top,
                         "status": "pass" if r.passed else "fail", "text": text,
                         "number": "%d.%d" % (number, i)})
        failing = [t for t in mine if t["status"] != "pass"]
        if report.output and failing:
            failing[0]["text"] += "\n\nyour code printed:\n" + str(report.output)
        for test in mine:
            test["filename"] = path
        tests += mine
    return tests


def _summary(sub):
    """Gradescope's text for the whole submission: warnings, then each file's line and output."""
    lines = ["not graded: %s" % sub.error] if sub.error else []
    lines += ["warning: %s" % w for w in sub.warnings]
    for fr in sub.files:
        passed = sum(1 for r in fr.report.results if r.passed)
        lines.append("%s: %d of %d checks passed, %s of %s points" % (
            fr.path, passed, len(fr.report.results), format_points(fr.points), format_points(fr.max_points)))
        if fr.report.problem:
            lines.append("    problem: %s" % str(fr.report.problem).replace("\n", "\n             "))
        if fr.report.output:
            lines += ["    your code printed:"] + ["        " + l for l in _lines(fr.report.output)]
    return "\n".join(lines)


def _gradescope(submissions, verbose):
    # The spec: https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format").
    # The top-level score overrides the tests' sum (they agree); every output is shown as plain
    # text ("text"), never as HTML, since it holds what the student's code printed.
    sub = submissions[0]
    tests = [{"name": t["name"], "number": t["number"], "score": t["score"] / 100,
              "max_score": t["max"] / 100, "status": "passed" if t["status"] == "pass" else "failed",
              "output": _visible(t["text"]), "visibility": "visible"} for t in _platform_tests(sub)]
    return _dump({"score": sum(_cents(t["score"]) for t in tests) / 100, "output": _visible(_summary(sub)),
                  "output_format": "text", "test_output_format": "text", "test_name_format": "text",
                  "visibility": "visible", "tests": tests})


def _classroom(submissions, verbose):
    # The result JSON of GitHub Classroom's autograding actions, as read by
    # https://github.com/classroom-resources/autograding-grading-reporter (src/main.js: status
    # "fail" or "error" fails the run; src/notify-classroom.js: the grade is the sum of the
    # tests' scores out of max_score; __tests__/aggregate-results.test.js: the fields), and as
    # written by autograding-command-grader and autograding-python-grader (version 1, tests
    # with name, status "pass"/"fail"/"error", message, line_no, score).
    sub = submissions[0]
    checks = _platform_tests(sub)
    tests, total, earned = [], 0.0, 0
    for t in checks:
        # The reporter adds the scores up in JavaScript, left to right: each score is chosen so
        # that the running float sum lands on the exact total in hundredths (no 9.999999...).
        earned += t["score"]
        score = t["score"] / 100
        if score and total + score != earned / 100:
            score = earned / 100 - total
        total += score
        tests.append({"name": t["name"], "status": t["status"],
                      "message": _visible(t["text"]) if t["status"] != "pass" else None,
                      "filename": t["filename"], "line_no": None, "score": score})
    all_passed = tests and all(t["status"] == "pass" for t in tests)
    status = "error" if sub.error else "pass" if all_passed else "fail"
    top = sum(t["max"] for t in checks) / 100
    return _dump({"version": 1, "status": status, "max_score": top, "tests": tests})


# ----- render ----------------------------------------------------------------------------

_RENDERERS = {"text": _text, "json": _json, "junit": _junit, "tap": _tap,
              "classroom": _classroom, "gradescope": _gradescope}


def render(fmt, submissions, verbose=True):
    """The text of ``submissions`` (a list of Submission) in format ``fmt``, one of FORMATS.

    The PER_STUDENT formats take exactly one submission. ``verbose=False`` leaves the passed
    checks out of the text format (the others always hold every check). The result always
    encodes as UTF-8 and ends with a newline.

    >>> from nnscratch.exercises.results import FileReport, Report, Result, Submission
    >>> report = Report(None, [Result("dot", "fixed", True, None)], None, "")
    >>> print(render("tap", [Submission("", [FileReport("ex01.py", report, 10.0, 10.0)], [], None)]))
    TAP version 13
    1..1
    # ex01.py
    # points: 10 of 10
    ok 1 - ex01.py dot: fixed
    <BLANKLINE>
    """
    if fmt not in _RENDERERS:
        raise ValueError("unknown format %r: it is one of %s" % (fmt, ", ".join(FORMATS)))
    submissions = list(submissions)
    if fmt in PER_STUDENT and len(submissions) != 1:
        raise ValueError("the %s format holds one student's submission, not %d" % (fmt, len(submissions)))
    return _RENDERERS[fmt](submissions, verbose)
