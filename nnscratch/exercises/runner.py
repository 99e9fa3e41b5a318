"""Checking a student's file: read it here, run it in a guarded process, judge every answer here.

``check_file`` reports a syntax error or an import of a forbidden module
itself, with the line. Then it copies the file into a scratch folder and
starts ``sandbox.py`` there, a process that loads the file and only computes:
it receives a function's name and arguments, and returns the value. Every
expected value, comparison, count and verdict stays in this process, which
the student's code cannot reach; a check whose answer never came is a
failure, and the number of checks is the exercise's, whatever the file does.

Each function has its own time limit: a loop that never ends fails that
function, the process is killed (its whole process group), and a fresh one
checks the next function. What the student's code prints is kept, up to a
bound, and shown.
"""

import json
import os
import queue
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from ..errors import NNScratchError
from ..files.ipynb import MAX_NOTEBOOK_BYTES
from .catalog import EXERCISES, UnknownExerciseError, by_number
from .checking import Checker, NotWritten, StudentError
from .notebook import place, python_of_notebook
from .results import Report
from . import sandbox

__all__ = ["FORBIDDEN", "Report", "check_file", "check_files", "exercise_of", "TIME_LIMIT",
           "CheckerFailure", "MAX_FILE_BYTES", "copy_submission"]

#: Modules the exercises are to be written without: the point is to write the maths by hand.
FORBIDDEN = sandbox.DOING_THE_WORK
#: Seconds each function of a student's file may run, over all its checks (and the file to load).
TIME_LIMIT = 10.0
#: Bytes a student's file may have; a bigger one is not copied or run.
MAX_FILE_BYTES = 1 << 20
#: Characters of the student's printed output kept and shown.
MAX_OUTPUT = 4000
#: Bytes of one answer from the student's process (the largest true answer is a few kilobytes).
MAX_ANSWER = 1 << 20
#: Bytes of memory the student's process may map (POSIX).
MEMORY_LIMIT = 2 << 30
SANDBOX = str(Path(sandbox.__file__).resolve())
#: Seconds the guarded process may take to start, before its guards are up (a busy machine).
START_LIMIT = 60.0


class CheckerFailure(NNScratchError):
    """The checking itself failed (the guarded process would not start): not the student's doing."""


#: What names an exercise's file: "ex", then its number (ex01, ex1, Ex02...), then anything.
_EXERCISE_NAME = re.compile(r"ex0*(\d{1,3})(?!\d)", re.IGNORECASE)


def exercise_of(path):
    """The exercise a file is for, from its name ``exNN_...py`` or ``.ipynb`` (any case); else None.

    >>> exercise_of("Ex02_mine.py").number, exercise_of("ex1_vectors.py").number, exercise_of("ex11.py")
    (2, 1, None)
    """
    match = _EXERCISE_NAME.match(Path(path).name)
    if match:
        try:
            return by_number(int(match.group(1)))
        except UnknownExerciseError:
            return None
    return None


def read_submission(path):
    """(source, problem): a student's file read safely, never a device, a FIFO or a huge file.

    A notebook (``.ipynb``) gives the Python of its code cells (``notebook.python_of_notebook``).
    """
    name = Path(path).name
    notebook = name.lower().endswith(".ipynb")
    limit = MAX_NOTEBOOK_BYTES if notebook else MAX_FILE_BYTES
    try:
        info = os.lstat(str(path))
    except OSError as e:
        return None, "cannot read %s: %s" % (name, e.strerror or e)
    if not stat.S_ISREG(info.st_mode):
        return None, "%s is not a regular file (a link, a folder, a pipe or a device): not run" % name
    if info.st_size > limit:
        return None, "%s has %d bytes, more than the %d a file may have: not run" % (
            name, info.st_size, limit)
    try:
        with open(str(path), "rb") as f:
            data = f.read(limit + 1)
        text = data.decode("utf-8-sig")  # a BOM, as some editors write, is not the student's code
    except UnicodeDecodeError as e:
        return None, "%s is not UTF-8 text (byte %d): save it as UTF-8" % (name, e.start)
    except OSError as e:
        return None, "cannot read %s: %s" % (name, e.strerror or e)
    if len(data) > limit:
        return None, "%s has more than the %d bytes a file may have: not run" % (name, limit)
    if not notebook:
        return text, None
    source, problem = python_of_notebook(text, name)
    if source is not None and len(source.encode("utf-8")) > MAX_FILE_BYTES:
        return None, "%s has more than %d bytes of code: not run" % (name, MAX_FILE_BYTES)
    return source, problem


def copy_submission(files):
    """Copy {name: source} into a new scratch folder; return (root, work): the student's code runs in work."""
    root = tempfile.mkdtemp(prefix="nnscratch-check-")
    work = os.path.join(root, "work")
    os.mkdir(work)
    os.mkdir(os.path.join(root, "data"))
    for name, source in files.items():
        with open(os.path.join(work, name), "w", encoding="utf-8") as f:
            f.write(source)
    return root, work


def check_file(path, exercise=None, time_limit=TIME_LIMIT, seed=None):
    """Check one student's file; return a Report. Never raises for anything in the student's code.

    The file is copied, with the other ``ex*.py`` files beside it (a file may
    import an earlier exercise), into a scratch folder that is removed after.
    """
    path = Path(path)
    exercise = exercise or exercise_of(path)
    source, problem = read_submission(path)
    siblings = {}
    if source is not None:
        for other in sorted(path.resolve().parent.glob("ex*.py"))[:50]:
            if other.name != path.name and exercise_of(other):
                text, _ = read_submission(other)
                if text is not None:
                    siblings[other.name] = text
    return check_files({path.name: source}, {path.name: (exercise, problem)}, siblings,
                       time_limit, seed)[path.name]


def check_files(sources, plan, extra=None, time_limit=TIME_LIMIT, seed=None):
    """Check a student's files, {name: source}; plan maps name -> (exercise, problem read earlier).

    Returns {name: Report}. Every file runs in its own guarded process, in one
    scratch folder of the student's files (and ``extra`` ones), removed after.
    """
    files = dict(extra or {})
    files.update({name: text for name, text in sources.items() if text is not None})
    root, work = copy_submission(files)
    try:
        jail = _jail(root)
        return {name: _check_one(name, sources.get(name), exercise, problem, root, work, time_limit,
                                 seed, jail)
                for name, (exercise, problem) in plan.items()}
    finally:
        shutil.rmtree(root, ignore_errors=True)


#: Whether the checker runs as root on POSIX: then each student's process is also jailed.
PRIVILEGED = os.name == "posix" and hasattr(os, "chroot") and os.geteuid() == 0


def _jail(root):
    """{"uid", "gid"}: a fresh user id for the student's process when running as root; else None.

    The process then locks itself into the scratch folder (chroot) and becomes that user, who
    owns nothing there: it can read its files, and write none, reach no other file, and start
    or signal no process (that user may have none). The ids are drawn at random from a range no
    account uses.
    """
    if not PRIVILEGED:
        return None
    for here, dirs, files in os.walk(root):
        os.chmod(here, 0o755)
        for name in files:
            os.chmod(os.path.join(here, name), 0o644)
    os.chmod(root, 0o711)  # its / : the process may pass through, not list it
    ids = random.SystemRandom().randrange(2_000_000_000, 2_100_000_000)
    return {"uid": ids, "gid": ids}


def _check_one(name, source, exercise, problem, root, work, time_limit, seed, jail=None):
    if exercise is None:
        why = ("%s: the name does not say which exercise it is (expected exNN_...py or .ipynb, NN from 1 "
               "to %d; or give check --exercise NN)" % (name, len(EXERCISES)))
        return Report(None, [], why, "")
    functions = _Unrunnable()
    if not problem:
        functions = SandboxedFunctions(os.path.join(work, name), root, exercise, time_limit, jail,
                                       partial(place, source))
        problem = functions.start()
    data = tempfile.mkdtemp(prefix="case-", dir=os.path.join(root, "data"))
    if jail:
        os.chmod(data, 0o755)
    try:
        with Checker(_Unrunnable() if problem else functions, seed=seed, workdir=data) as checker:
            exercise.check(checker)  # every check is counted, run or not
        return Report(exercise, checker.results, problem, functions.output())
    finally:
        functions.stop()


class _Unrunnable:
    """The functions of a file that could not run: every check fails, and says so."""

    def call(self, name, args):
        raise StudentError("not checked: the file could not run (see the problem)",
                           stops_function="the file could not run (see the problem)")

    def stop(self):
        pass

    def output(self):
        return ""


class SandboxedFunctions:
    """A student's functions, called in a guarded process with a time budget per function."""

    def __init__(self, path, root, exercise, time_limit, jail=None, where=lambda line: "line %d" % line):
        self.path, self.root, self.time_limit, self.jail = path, root, float(time_limit), jail
        self.where = where  # a line number of the file, as the student finds it
        self.starts_left = len(exercise.functions) + 1
        self.spent = {}
        self.process = None
        self.printed = _BoundedText(MAX_OUTPUT)
        self.load_problem = None

    def start(self):
        """Start the process and load the file; the problem loading it met, or None."""
        self.starts_left -= 1
        self.process = _StudentProcess(self.path, self.root, self.time_limit, self.printed, self.jail)
        self.load_problem = self.process.load(self.time_limit, self.where)
        if self.load_problem:
            self.stop()
        return self.load_problem

    def call(self, name, args):
        if self.process is None:
            if self.load_problem or self.starts_left <= 0:
                raise StudentError("not checked: the process running your file was stopped too often",
                                   stops_function="stopped too often")
            if self.start():
                raise StudentError("not checked: %s" % self.load_problem, stops_function="it did not load")
        budget = self.time_limit - self.spent.get(name, 0.0)
        if self.jail:
            args = [self._in_jail(a) for a in args]
        began = time.monotonic()
        try:
            answer = self.process.call(name, args, budget)
        except _Stopped as e:
            self.stop()
            raise StudentError(str(e), stops_function=e.stops) from None
        finally:
            self.spent[name] = self.spent.get(name, 0.0) + time.monotonic() - began
        return _value(name, answer, self.where)

    def _in_jail(self, value):
        """A data file's path as the jailed process sees it (its folder is its /); readable."""
        prefix = self.root + os.sep
        if isinstance(value, str) and value.startswith(prefix) and os.path.isfile(value):
            os.chmod(value, 0o644)
            return "/" + value[len(prefix):]
        return value

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process = None

    def output(self):
        return self.printed.text()


def _value(name, answer, place_of):
    """The value in the answer to a call of name, or the error the answer reports, raised here."""
    if "value" in answer:
        return sandbox.decode(answer["value"])
    error = answer.get("error") if isinstance(answer.get("error"), dict) else {}
    kind, line = error.get("kind"), error.get("line")
    where = " (%s of your file)" % place_of(line) if isinstance(line, int) else ""
    if kind == "not_written":
        raise NotWritten(where)
    if kind == "missing":
        raise StudentError("your file defines no function %s" % name,
                           stops_function="your file defines no function %s" % name)
    if kind == "recursion":
        raise StudentError("it recursed without end%s" % where)
    if kind == "exit":
        raise StudentError("it called exit() (a SystemExit)%s: return a value instead" % where)
    if kind == "memory":
        raise StudentError("it ran out of memory%s" % where)
    if kind == "raised":
        message = _one_line(error.get("message", ""), 2000)
        raise StudentError("it raised %s: %s%s" % (_one_line(error.get("type"), 100), message, where))
    raise StudentError("its answer could not be read (it returned something that is not data)")


class _Stopped(Exception):
    """The process did not answer: it ran out of time, ended, or sent something unreadable."""

    def __init__(self, message, stops):
        super().__init__(message)
        self.stops = stops


class _BoundedText:
    """The first ``limit`` characters of a stream, and a count of the bytes left out."""

    def __init__(self, limit):
        self.limit, self.parts, self.kept, self.dropped = limit, [], 0, 0
        self.lock = threading.Lock()

    def add(self, data):
        with self.lock:
            room = max(0, self.limit - self.kept)
            self.parts.append(data[:room])
            self.kept += len(data[:room])
            self.dropped += len(data) - len(data[:room])

    def text(self):
        with self.lock:
            out = b"".join(self.parts).decode("utf-8", "replace")
            if self.dropped:
                out += "\n... (%d more bytes not shown)" % self.dropped
            return out


class _StudentProcess:
    """One guarded process: started in its own session, read by two threads, killed as a group."""

    def __init__(self, path, root, time_limit, printed, jail=None):
        limits = {"cpu": int(time_limit * 12) + 10, "memory": MEMORY_LIMIT, "processes": 0, "jail": jail}
        env = {"PATH": os.defpath, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}
        if os.name == "nt":
            env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
        try:
            self.popen = subprocess.Popen(
                [sys.executable, "-I", "-S", SANDBOX, root, path, json.dumps(limits)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=os.path.dirname(path),
                env=env, start_new_session=os.name == "posix")
        except OSError as e:
            raise CheckerFailure("could not start %s to run a student's file: %s" % (sys.executable, e)) \
                from None
        self.answers = queue.Queue()
        self.readers = [threading.Thread(target=self._read_answers, daemon=True),
                        threading.Thread(target=self._read_printed, args=(printed,), daemon=True)]
        for reader in self.readers:
            reader.start()

    def _read_answers(self):
        """Parse each answer line; stop at one that is too long, or when answers come unasked."""
        stream = self.popen.stdout
        try:
            while self.answers.qsize() < 3:  # the checker asks one call at a time: more is a flood
                line = stream.readline(MAX_ANSWER + 1)
                if not line:
                    break
                if len(line) > MAX_ANSWER:
                    self.answers.put({"too_long": True})
                    return
                try:
                    answer = json.loads(line.decode("utf-8"))
                except Exception:  # not JSON, or nested deeper than the parser goes
                    answer = {"garbled": True}
                self.answers.put(answer if isinstance(answer, dict) else {"garbled": True})
            else:
                self.answers.put({"garbled": True})
                return
        except (OSError, ValueError):
            pass
        self.answers.put(None)

    def _read_printed(self, printed):
        try:
            for chunk in iter(lambda: self.popen.stderr.read1(65536), b""):
                printed.add(chunk)  # read all of it, keep the first part: the process never blocks
        except (OSError, ValueError):
            pass

    def _next(self, seconds, what):
        try:
            answer = self.answers.get(timeout=max(0.0, seconds))
        except queue.Empty:
            raise _Stopped("it did not return within %g s%s (a loop that never ends?)" % (seconds, what),
                           "an earlier check did not return in time") from None
        if answer is None:
            code = self.popen.poll()
            if code is None:
                try:
                    code = self.popen.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    code = None
            raise _Stopped("the process running your code ended %s" % _ending(code),
                           "the process running your code ended")
        if answer.get("too_long") or answer.get("garbled"):
            raise _Stopped("its answer could not be read (too large, or not the checker's format: did "
                           "your code write to the checker's pipe?)", "its answer could not be read")
        return answer

    def load(self, time_limit, place_of):
        """The problem loading the file met (a str), or None once it is loaded; place_of(line) says
        where a line is."""
        try:
            ready = self._next(START_LIMIT, "")
        except _Stopped as e:
            raise CheckerFailure("the process for a student's file did not start: %s" % e) from None
        if not ready.get("ready"):
            raise CheckerFailure("the process for a student's file did not start properly")
        try:
            loaded = self._next(time_limit, " while loading the file")
        except _Stopped as e:
            return "loading your file failed: %s" % e
        if loaded.get("loaded"):
            return None
        if not isinstance(loaded.get("problem"), dict):
            return ("loading your file failed: the checker could not read what the process answered "
                    "(did your file write to the checker's pipe?)")
        problem = loaded["problem"]
        line = problem.get("line")
        where = " at %s" % place_of(line) if isinstance(line, int) else ""
        if problem.get("kind") in ("syntax", "forbidden"):
            return _read_problem(problem, place_of(line) if isinstance(line, int) else "somewhere")
        if problem.get("kind") == "exit":
            return ("your file called exit() while loading%s: remove it (or put it under "
                    "if __name__ == \"__main__\":)" % where)
        return "loading your file failed%s: %s: %s" % (where, _one_line(problem.get("type"), 100),
                                                      _one_line(problem.get("message", ""), 2000))

    def call(self, name, args, seconds):
        try:
            self.popen.stdin.write((json.dumps({"call": name, "args": sandbox.encode(list(args))})
                                    + "\n").encode("utf-8"))
            self.popen.stdin.flush()
        except (OSError, ValueError):
            pass  # it has ended: the answer queue says how
        return self._next(seconds, "")

    def kill(self):
        """Kill the process and everything it started, then reap it and close the pipes."""
        try:
            if os.name == "posix":
                os.killpg(self.popen.pid, signal.SIGKILL)
            else:
                self.popen.kill()
        except OSError:
            pass  # already gone
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for reader in self.readers:
            reader.join(timeout=2)
        if any(reader.is_alive() for reader in self.readers):
            return  # a process that escaped the group holds a pipe: closing would wait for it
        for stream in (self.popen.stdin, self.popen.stdout, self.popen.stderr):
            try:
                stream.close()
            except OSError:
                pass


def _read_problem(problem, where):
    """A syntax error or a forbidden import the guarded process found, in plain words with the line."""
    message = _one_line(problem.get("message", ""), 2000)
    if problem["kind"] == "forbidden":
        return ("%s: imports %s, which the exercises are to be written without: use lists, loops and the "
                "math module" % (where, message[:100]))
    code = _one_line(problem.get("text", ""), 2000)
    return "%s: Python cannot read this line: %s%s" % (where, message, " (%s)" % code if code else "")


def _one_line(text, limit):
    """Text from the student's process on one line, cut to limit: a message of several lines could
    pass for lines of the report (a fake PASS).

    >>> _one_line("bad\\nPASS  dot: fixed", 100)
    'bad | PASS  dot: fixed'
    """
    return " | ".join(str(text)[:limit].splitlines())


def _ending(code):
    if code is None:
        return "without a word"
    if code < 0:
        names = {getattr(signal, "SIGXCPU", None): " (it used all the CPU time allowed)",
                 signal.SIGKILL: " (killed: out of memory?)", signal.SIGSEGV: " (a crash)"}
        return "with signal %d%s" % (-code, names.get(-code, ""))
    return "with status %d (did your code call os._exit or exit?)" % code
