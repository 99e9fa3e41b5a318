"""Wrong: numpy imported where the file's text does not show it.
Expected problem: loading your file failed at line 6: ImportError: numpy is not allowed"""

import importlib

np = importlib.import_module("num" + "py")


def dot(v1, v2):
    return float(np.dot(v1, v2))
