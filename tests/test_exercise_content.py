"""The exercises' content: hints for the usual mistakes, texts, progressive hints, and ``solution``.

The wrong attempts in tests/exercises are run in this process (their functions
called directly, as the library's own references are), so each hint is
checked without the separate process a student's file runs in.
"""

import ast
import inspect
import re
from pathlib import Path

import pytest

from nnscratch.exercises.catalog import EXERCISES, by_number, solution_source
from nnscratch.exercises.checking import Checker, LocalFunctions
from nnscratch.exercises.part4_improvements import (adam_step_with_paper_epsilon, momentum_step_as_pytorch,
                                                    ref_adam_step, ref_momentum_step)
from nnscratch.reading import vector

ATTEMPTS = Path(__file__).resolve().parent / "exercises"


def _expected_hint(path):
    """The text after "Expected hint:" in the attempt's docstring, or None (a loading problem)."""
    found = re.search(r"Expected hint: (.+)", path.read_text().split('"""')[1], flags=re.S)
    return " ".join(found.group(1).split()) if found else None


#: The wrong attempts whose failure carries a hint (the others are about loading the file).
HINTED = sorted(p for p in ATTEMPTS.glob("ex*.py") if _expected_hint(p))
assert len(HINTED) >= 20, "the wrong attempts with a hint are missing"


def run_attempt(path, seed=None):
    """Check the attempt at path in this process; return its results."""
    namespace = {"__name__": "student"}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    with Checker(LocalFunctions(namespace, str(path)), seed=seed) as checker:
        by_number(int(path.name[2:4])).check(checker)
    return checker.results


def failures_text(results):
    """Every failure's case, reason and hint, as one line of words."""
    parts = []
    for r in results:
        if not r.passed:
            parts += [r.function, r.case] + [str(r.details.get(k, "")) for k in ("reason", "hint")]
    return " ".join(" ".join(parts).split())


def hints_of(results, function):
    return [r.details.get("hint") for r in results if r.function == function and not r.passed]


class TestHints:
    @pytest.mark.parametrize("seed", [None, "alice"])
    @pytest.mark.parametrize("attempt", HINTED, ids=lambda p: p.name)
    def test_each_wrong_attempt_gets_its_hint(self, attempt, seed):
        """A wrong attempt fails, with its documented hint, on the usual cases and on a student's own."""
        results = run_attempt(attempt, seed)
        assert not all(r.passed for r in results)
        assert _expected_hint(attempt) in failures_text(results), failures_text(results)

    def test_a_vec_add_returning_a_tuple_is_told_the_kind_not_that_it_subtracted(self):
        """Only the kind is wrong: the reason says so, and no value hint (such as "you subtracted") comes."""
        results = [r for r in run_attempt(ATTEMPTS / "ex01_vec_add_tuple.py") if r.function == "vec_add"]
        assert results and not any(r.passed for r in results)
        assert all("should return a list of numbers" in r.details["reason"] for r in results)
        assert "you subtracted" not in failures_text(results)

    def test_a_vec_add_that_subtracts_is_still_told(self):
        functions = {"dot": vector.dot, "scalar_mul": vector.scalar_mul,
                     "vec_add": lambda u, v: [a - b for a, b in zip(u, v)]}
        with Checker(functions) as checker:
            by_number(1).check(checker)
        empty = [r for r in checker.results if r.function == "vec_add" and r.case == "edge: empty"]
        assert empty[0].passed  # [] - [] is [] + []: nothing to hint at
        assert "you subtracted" in failures_text(checker.results)

    def test_the_sigmoid_applied_twice_is_named_in_forward_pass_and_the_gradients(self):
        results = run_attempt(ATTEMPTS / "ex03_sigmoid_twice.py")
        assert any("sigma(sigma(w . x + b))" in (h or "") for h in hints_of(results, "forward_pass"))
        for name in ("grad_w", "grad_b"):
            assert any("pred has the sigmoid applied twice" in (h or "") for h in hints_of(results, name))

    def test_the_slope_of_pred_is_named_in_both_gradients(self):
        results = run_attempt(ATTEMPTS / "ex03_slope_of_pred.py")
        assert all(r.passed for r in results if r.function == "forward_pass")
        for name in ("grad_w", "grad_b"):
            assert any("sigmoid_prime(pred)" in (h or "") for h in hints_of(results, name))

    def test_pytorchs_momentum_moves_w_as_the_library_from_rest_but_not_v(self):
        """From a velocity of 0 PyTorch's form gives the same w and another v, so only v tells them apart."""
        args = ([1.0, -2.0], [0.5, 0.25], [0.0, 0.0], 0.1, 0.9)
        (w, v), (w_torch, v_torch) = ref_momentum_step(*args), momentum_step_as_pytorch(*args)
        assert w_torch == pytest.approx(w) and v_torch == pytest.approx([0.5, 0.25]) != v
        moving = ([1.0], [1.0], [-0.1], 0.1, 0.9)
        assert momentum_step_as_pytorch(*moving)[0] != pytest.approx(ref_momentum_step(*moving)[0])

    def test_the_adam_papers_efficient_form_differs_beyond_the_checks_tolerance(self):
        """The efficient form differs by about 1e-8 relative: the text says where epsilon goes, a hint names it."""
        args = ([1.0], [4.0], [0.0], [0.0], 1, 0.1, 0.9, 0.999, 1e-8)
        relative = abs(adam_step_with_paper_epsilon(*args)[0][0] / ref_adam_step(*args)[0][0] - 1)
        assert 1e-9 < relative < 1e-7
        assert "(sqrt(v_hat) + epsilon)" in " ".join(by_number(8).text.split())

    def test_a_read_csv_failure_shows_the_file(self):
        with Checker({"read_csv": lambda path, n_labels: ([], [])}) as checker:
            by_number(10).check(checker)
        first = checker.results[0]
        assert not first.passed and first.details["input"] == "read_csv('iris3.csv', 3)"
        assert "a,b,c,d,setosa,virginica,versicolor\n0.1,0.2" in first.details["file"]


class TestTexts:
    @pytest.mark.parametrize("number", [5, 6])
    def test_the_network_exercises_say_the_biases_are_flat_lists(self, number):
        assert "flat lists, one number per neuron" in " ".join(by_number(number).text.split())

    @pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
    def test_only_exercises_7_8_and_9_say_no_article_has_their_go(self, exercise):
        assert exercise.go.startswith("No article has Go for this.") == (exercise.number in (7, 8, 9))


def _code_lines(source):
    """The code lines of source, stripped: no docstring, comment or blank line."""
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None:
            docstrings.update(range(node.body[0].lineno, node.body[0].end_lineno + 1))
    lines = (line.split("#")[0].strip() for i, line in enumerate(source.splitlines(), 1)
             if i not in docstrings)
    return [line for line in lines if len(line) >= 8]


class TestProgressiveHints:
    @pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
    def test_three_or_more_hints_that_never_give_code(self, exercise):
        """At least 3 different hints; none has a def or a code line of the printed solution."""
        hints = exercise.hints
        assert isinstance(hints, tuple) and len(hints) >= 3 and len(set(hints)) == len(hints)
        assert all(isinstance(h, str) and h.strip() for h in hints)
        code = {line for _, _, source in solution_source(exercise) for line in _code_lines(source)}
        for hint in hints:
            assert "def " not in hint
            assert not [line for line in code if line in hint], hint


class TestSolution:
    @pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
    def test_the_solution_has_the_students_functions(self, exercise):
        """For each function to write, the printed text defines it with exactly its name and parameters."""
        text = "".join(source for _, _, source in solution_source(exercise))
        for fn in exercise.functions:
            assert "def %s(%s):" % (fn.name, fn.params) in text
            params = list(inspect.signature(exercise.reference[fn.name]).parameters)
            assert ", ".join(params) == fn.params

    @pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
    def test_a_renamed_reference_never_seems_to_call_itself(self, exercise):
        """Printed under the student's name, a reference calls no bare function of that name."""
        renamed = solution_source(exercise)[-len(exercise.functions):]  # the student's names come last
        for fn, (_, _, source) in zip(exercise.functions, renamed):
            assert source.startswith("def %s(" % fn.name), source
            calls = [node.func.id for node in ast.walk(ast.parse(source))
                     if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
            assert fn.name not in calls, source

    @pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.filename)
    def test_the_solution_is_the_packages_own_code(self, exercise):
        """Every printed line is the line of the file it names, the def line's name aside."""
        for name, where, source in solution_source(exercise):
            path, line = where.rsplit(":", 1)
            real = Path(path).read_text().splitlines()[int(line) - 1:]
            printed = source.splitlines()
            assert printed and all(p.strip() == r.strip() for p, r in zip(printed[1:], real[1:])), name
            assert re.sub(r"def \w+\(", "def (", printed[0]) == re.sub(r"def \w+\(", "def (", real[0].strip())
