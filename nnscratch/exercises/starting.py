"""The starting file of an exercise: its explanation, the Go it mirrors, the maths, functions to fill in."""

__all__ = ["skeleton", "explanation", "functions_source"]


def skeleton(exercise):
    """The text of an exercise's starting file: its explanation, then functions to fill in."""
    check_with = "python -m nnscratch.exercises check %s" % exercise.filename
    lines = ['"""' + "\n".join(explanation(exercise, check_with)), '"""', "", ""]
    return "\n".join(lines) + functions_source(exercise)


def explanation(exercise, check_with):
    """The lines that explain an exercise: its title, what to write, the Go, the maths, how to check."""
    lines = ["Exercise %d: %s" % (exercise.number, exercise.title), ""]
    lines += _wrap(exercise.text) + [""]
    lines += ["The Go it mirrors:"] + ["    " + l for l in _wrap(exercise.go, 76)] + [""]
    lines += ["The maths:", "    " + exercise.maths, ""]
    lines += ["Check your work with:", "    " + check_with,
              "Use only plain Python: lists, loops and the math module."]
    return lines


def functions_source(exercise):
    """The code to fill in: ``import math``, then each function with its docstring, not written yet."""
    lines = ["import math", ""]
    for fn in exercise.functions:
        lines += ["", "def %s(%s):" % (fn.name, fn.params), '    """%s"""' % fn.doc,
                  '    raise NotImplementedError("not written yet")', ""]
    return "\n".join(lines).rstrip() + "\n"


def _wrap(text, width=80):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = "%s %s" % (line, word) if line else word
    return lines + ([line] if line else [])
