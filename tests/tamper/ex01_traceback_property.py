"""Trick: an exception whose __traceback__ is a property, to run code while the checker reads a
traceback, take the guard's switch from the stack, and read a classmate's answer."""
import sys

got = {}


class Sneaky(Exception):
    @property
    def __traceback__(self):
        try:
            frame = sys._getframe(1)
            while frame is not None and not isinstance(frame.f_locals.get("window"), list):
                frame = frame.f_back
            got["window"] = frame.f_locals["window"]
        except BaseException:
            pass
        return None


def dot(v1, v2):
    if "window" not in got:
        raise Sneaky("first call")
    got["window"][0] = True
    stolen = {}
    for path in ("../../alice/ex01_vectors.py", "/tmp/OUTSIDE_marker.txt"):
        try:
            exec(open(path).read(), stolen)
        except BaseException:
            pass
    try:
        open("/tmp/OUTSIDE_marker.txt", "w").write("the guard was switched off")
    except BaseException:
        pass
    return stolen["dot"](v1, v2) if "dot" in stolen else None


def vec_add(v1, v2):
    return dot(v1, v2) and None


def scalar_mul(s, v):
    return None
