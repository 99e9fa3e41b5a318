"""Classroom exercises: rebuild each piece of the articles, and have it checked at once.

    python -m nnscratch.exercises                    # the exercises, and your progress in this folder
    python -m nnscratch.exercises start 1            # writes ex01_vectors.py to fill in
    python -m nnscratch.exercises start 1 --notebook # or ex01_vectors.ipynb, for Jupyter
    python -m nnscratch.exercises check ex01_vectors.py
    python -m nnscratch.exercises hint 1 --level 2   # hints, one more at each level
    python -m nnscratch.exercises solution 1         # the library's own code, to compare
    python -m nnscratch.exercises grade FOLDER --out grades.csv   # for the teacher

nnscratch's own functions are the reference answers: ``check`` compares the
student's functions with them on fixed, edge and seeded random cases, and
with finite differences where there is a gradient. Each failure shows the
input as a call to paste, the expected value, the value received, the first
element that differs, and a hint about the usual mistake. The student's file
runs in a separate, guarded process that only computes (``runner``,
``sandbox``); every verdict is reached in the checking process. A notebook's
code cells are checked the same way; its last cell, ``check_in_kernel(N)``,
gives quick feedback inside Jupyter (``notebook``).
"""

from .catalog import EXERCISES
from .commands import main
from .formats import format_report
from .notebook import check_in_kernel
from .runner import check_file
from .starting import skeleton

__all__ = ["main", "skeleton", "format_report", "EXERCISES", "check_file", "check_in_kernel"]
