"""Wrong: the file fails when loaded. Expected problem: loading your file failed at line 3: ZeroDivisionError"""

RATE = 1 / 0


def dot(v1, v2):
    return sum(a * b for a, b in zip(v1, v2))
