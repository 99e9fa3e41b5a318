"""The starting file of an exercise: its explanation, the Go it mirrors, the maths, functions to fill in."""

__all__ = ["skeleton"]


def skeleton(exercise):
    """The text of an exercise's starting file: its explanation, then functions to fill in."""
    lines = ['"""Exercise %d: %s' % (exercise.number, exercise.title), ""]
    lines += _wrap(exercise.text) + [""]
    lines += ["The Go it mirrors:"] + ["    " + l for l in _wrap(exercise.go, 76)] + [""]
    lines += ["The maths:", "    " + exercise.maths, ""]
    lines += ["Check your work with:", "    python -m nnscratch.exercises check %s" % exercise.filename,
              "Use only plain Python: lists, loops and the math module.", '"""', "", "import math", ""]
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
