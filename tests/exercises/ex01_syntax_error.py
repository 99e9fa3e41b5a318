"""Wrong: a syntax error. Expected problem: line 4: Python cannot read this line"""


def dot(v1, v2)
    return sum(a * b for a, b in zip(v1, v2))
