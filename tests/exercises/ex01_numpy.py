"""Wrong: numpy is not allowed. Expected problem: line 3: imports numpy"""

import numpy


def dot(v1, v2):
    return float(numpy.dot(v1, v2))
