"""Trick: start processes that outlive the check (forks in a new session, and a detached sleep)."""
import os
import sys

MARKER = os.environ.get("MARKER", "/tmp/nnscratch-tamper-child-alive")
for _ in range(20):
    try:
        if os.fork() == 0:
            os.setsid()
            import time
            time.sleep(3)
            with open(MARKER, "w") as f:
                f.write("a child of a student's file outlived the check")
            os._exit(0)
    except BaseException:
        break
try:
    import subprocess
    subprocess.Popen(["sleep", "30"], start_new_session=True)
except BaseException:
    pass


def dot(v1, v2):
    return None


def vec_add(v1, v2):
    return None


def scalar_mul(s, v):
    return None
