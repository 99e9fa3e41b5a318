"""The process that runs a student's file: it only computes, and the checker judges elsewhere.

The checking process starts this file as a script (``python -I -S sandbox.py
ROOT FILE LIMITS``), never as part of the package: nothing of nnscratch is
loaded here, so neither the reference answers nor the checker are within the
student's reach. It speaks JSON lines on its standard input and output:

    -> {"ready": true}                          the guards are up
    -> {"loaded": true} | {"problem": {...}}    the student's file ran, or why not
    <- {"call": NAME, "args": [...]}            call a function of the file
    -> {"value": ...} | {"error": {...}}        what it returned, or what it raised

Values cross as plain data (``encode``/``decode``, also used by the checker):
numbers, strings, None, lists, tuples, and for anything else only its type's
name. What the student's code prints goes to standard error, which the
checker reads with a bound.

The guards, before the student's file runs: resource limits (CPU time,
memory, file size, core files, processes), and an audit hook that refuses
imports of nnscratch and of libraries that would do the work or reach
outside, opening files for writing or outside ROOT and the standard library,
listing folders outside ROOT, and creating processes, sockets, links or
signals. A second line for interpreters whose audit events are incomplete
(PyPy raises few): those functions are also removed from ``os``.
"""

import json
import os
import sys

__all__ = ["encode", "decode", "Unreadable", "FORBIDDEN", "main"]

#: Imports refused in a student's file: libraries that would do the work, nnscratch itself (the
#: reference answers), and modules that reach outside the process.
FORBIDDEN = frozenset((
    "numpy", "scipy", "torch", "tensorflow", "jax", "sklearn", "pandas", "nnscratch",
    "ctypes", "_ctypes", "cffi", "_cffi_backend", "subprocess", "_posixsubprocess", "multiprocessing",
    "_multiprocessing", "socket", "_socket", "ssl", "_ssl", "asyncio", "resource", "signal", "pty",
    "urllib", "http", "ftplib", "smtplib", "webbrowser", "shutil", "tempfile", "_winapi", "msvcrt",
))
#: Audit events refused outright (the prefix before the first dot, or the whole name).
REFUSED_EVENTS = frozenset((
    "os.system", "os.exec", "os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.startfile",
    "subprocess.Popen", "os.kill", "os.killpg", "os.remove", "os.rename", "os.rmdir", "os.mkdir",
    "os.chmod", "os.chown", "os.chflags", "os.link", "os.symlink", "os.truncate", "os.utime",
    "os.putenv", "os.unsetenv", "os.setxattr", "os.removexattr", "os.chdir", "resource.setrlimit",
    "resource.prlimit", "shutil.copyfile", "shutil.copymode", "shutil.copystat", "shutil.copytree",
    "shutil.move", "shutil.rmtree", "shutil.make_archive", "shutil.unpack_archive", "ctypes.dlopen",
    "ctypes.dlsym", "ctypes.cdata", "winreg.OpenKey", "sys.remote_exec",
))
REFUSED_PREFIXES = ("socket.", "ctypes.", "_winapi.", "winreg.")
#: Functions of os removed before the student's code runs (where audit events are missing).
REMOVED = ("system", "fork", "forkpty", "execv", "execve", "execl", "execle", "execlp", "execlpe",
           "execvp", "execvpe", "spawnv", "spawnve", "spawnl", "spawnle", "spawnlp", "spawnlpe",
           "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp", "popen", "kill", "killpg", "setsid",
           "setpgid", "remove", "unlink", "rename", "replace", "rmdir", "removedirs", "mkdir",
           "makedirs", "chmod", "fchmod", "chown", "fchown", "lchown", "link", "symlink", "truncate",
           "ftruncate", "utime", "putenv", "unsetenv", "chdir", "fchdir", "chroot", "register_at_fork")
#: Modules a student may use, loaded before the guards go up (their files are then never opened).
PRELOADED = ("math", "random", "csv", "io", "functools", "itertools", "operator", "statistics",
             "collections", "copy", "string", "re", "fractions", "decimal", "bisect", "heapq",
             "traceback", "linecache", "codecs", "encodings.utf_8", "encodings.latin_1", "json")

MAX_ITEMS = 1_000_000  # numbers and strings in one value: more is refused, not sent
MAX_DEPTH = 60
MAX_TEXT = 10_000  # characters of one string or message
MAX_INT_BITS = 4096


class Unreadable:
    """A value that does not cross as data (a dict, an object...): only its kind is known.

    >>> decode(encode({"a": 1}))
    <a dict>
    """

    def __init__(self, kind):
        self.kind = str(kind)[:200]

    def __repr__(self):
        return "<%s>" % self.kind

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__


def encode(value, depth=0, budget=None):
    """value as JSON data: numbers, None, strings, lists, tuples as {"tuple": [...]}, else its kind.

    Subclasses are read through their base type's own methods, so a student's
    class cannot change what is sent.

    >>> encode([1, 2.5, (True, None), "a"])
    [1, 2.5, {'tuple': [True, None]}, 'a']
    """
    budget = [MAX_ITEMS] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        return {"unreadable": "a value too large or too deep to check"}
    if isinstance(value, bool):
        return bool.__bool__(value) if type(value) is bool else bool(int.__index__(value))
    if isinstance(value, int):
        value = int.__index__(value)
        return value if value.bit_length() <= MAX_INT_BITS else {"unreadable": "an int of %d bits" %
                                                                 value.bit_length()}
    if isinstance(value, float):
        return float.__float__(value)
    if value is None:
        return None
    if isinstance(value, str):
        return str.__str__(value)[:MAX_TEXT]
    if isinstance(value, list):
        return [encode(v, depth + 1, budget) for v in list.__iter__(value)]
    if isinstance(value, tuple):
        return {"tuple": [encode(v, depth + 1, budget) for v in tuple.__iter__(value)]}
    return {"unreadable": "a " + _type_name(value)}


def decode(data):
    """The value encode gave data for: tuples restored, anything else an Unreadable.

    >>> decode({"tuple": [1.0, [2, None]]})
    (1.0, [2, None])
    """
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict):
        if "tuple" in data and isinstance(data["tuple"], list):
            return tuple(decode(v) for v in data["tuple"])
        return Unreadable(data.get("unreadable", "value that could not be read"))
    return data


def _type_name(value):
    try:
        return type.__getattribute__(type(value), "__name__")
    except Exception:
        return "object"


# ----- the guards ------------------------------------------------------------------------------

def _limit_resources(limits):
    """CPU seconds, bytes of memory, bytes per file written, no core files, no new processes."""
    try:
        import resource
    except ImportError:  # not POSIX: the time limit and the audit hook remain
        return
    wanted = [("RLIMIT_CPU", limits.get("cpu")), ("RLIMIT_AS", limits.get("memory")),
              ("RLIMIT_FSIZE", 1 << 20), ("RLIMIT_CORE", 0), ("RLIMIT_NPROC", limits.get("processes"))]
    for name, value in wanted:
        if value is None or not hasattr(resource, name):
            continue
        which = getattr(resource, name)
        soft, hard = resource.getrlimit(which)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):  # a limit this system does not allow lowering: leave it
            pass


def _read_roots():
    """Folders the student's code may read: the standard library's, not its installed packages."""
    import sysconfig

    paths = sysconfig.get_paths()
    allowed = {os.path.realpath(paths[k]) for k in ("stdlib", "platstdlib") if k in paths}
    allowed.update(os.path.realpath(p) for p in sys.path if p and os.path.isdir(p))
    packages = {os.path.realpath(paths[k]) for k in ("purelib", "platlib") if k in paths}
    packages.update(os.path.realpath(p) for p in sys.path if "-packages" in p)
    return tuple(sorted(allowed - packages)), tuple(sorted(packages))


def _inside(path, roots):
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


class _Blocker:
    """A meta-path finder that refuses the forbidden modules first, with the plain reason.

    A file may remove it from sys.meta_path; the audit hook, which cannot be
    removed, still refuses the import where the interpreter raises the event.
    """

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in FORBIDDEN:
            raise ImportError("%s is not allowed in the exercises: use lists, loops and the math module"
                              % name.split(".")[0])
        return None


class _Guard:
    """The audit hook: refuses what a computing function never needs, with a plain reason."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.readable, self.packages = _read_roots()
        self.active = True

    def __call__(self, event, args):
        if not self.active:
            return
        if event in REFUSED_EVENTS or event.startswith(REFUSED_PREFIXES) or \
                event.split(".")[0] == "os" and event.startswith(("os.exec", "os.spawn")):
            raise PermissionError("the checker does not allow %s in the exercises" % event)
        if event == "import":
            top = str(args[0]).split(".")[0]
            if top in FORBIDDEN:
                raise ImportError("%s is not allowed in the exercises: use lists, loops and the math "
                                  "module" % top)
        elif event == "open":
            self._check_open(*args[:3])
        elif event in ("os.listdir", "os.scandir") and args and args[0] is not None:
            self._check_path(args[0], "list folders")

    def _check_open(self, path, mode, flags):
        if isinstance(path, int):
            return  # an open file descriptor: it was opened before, and checked then
        writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                (mode is None and isinstance(flags, int) and flags & writes):
            raise PermissionError("the exercises may not write files (%s)" % _text(path))
        self._check_path(path, "read files")

    def _check_path(self, path, what):
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            raise PermissionError("the checker could not read the path %r" % (path,)) from None
        if _inside(real, (self.root,)):
            return
        if _inside(real, self.readable) and not _inside(real, self.packages):
            return
        raise PermissionError("the exercises may only %s in your own folder (%s)" % (what, _text(path)))


def _text(path):
    try:
        return os.fsdecode(path)[:200]
    except (TypeError, ValueError):
        return repr(path)[:200]


def _remove_os_functions():
    import posix

    for module in (os, posix):
        for name in REMOVED:
            if hasattr(module, name):
                try:
                    delattr(module, name)
                except AttributeError:
                    pass


# ----- loading and calling ---------------------------------------------------------------------

def _student_line(error, path):
    import traceback

    try:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == path]
    except Exception:
        return None
    return frames[-1].lineno if frames else None


def _describe(error, path):
    """What the student's code raised, as data: its kind, type name, message and line."""
    if isinstance(error, NotImplementedError):
        kind = "not_written"
    elif isinstance(error, RecursionError):
        kind = "recursion"
    elif isinstance(error, SystemExit):
        kind = "exit"
    elif isinstance(error, MemoryError):
        kind = "memory"
    else:
        kind = "raised"
    try:
        message = str(error)[:MAX_TEXT]
    except BaseException:  # a message that raises: the type still says something
        message = ""
    return {"kind": kind, "type": _type_name(error), "message": message,
            "line": _student_line(error, path)}


def _load(path, namespace):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    exec(compile(source, path, "exec"), namespace)


def _serve(path, requests, reply):
    """Load the file, then answer calls until the checker closes the pipe."""
    namespace = {"__name__": "student", "__file__": path, "__builtins__": __builtins__}
    try:
        _load(path, namespace)
    except BaseException as e:  # exit(), KeyboardInterrupt...: all the student's
        reply({"problem": _describe(e, path)})
        return
    reply({"loaded": True})
    for line in requests:
        try:
            request = json.loads(line)
            function = namespace.get(request["call"])
            args = decode(request["args"])
        except Exception:
            return  # not the checker's request: stop, and the checker sees the pipe close
        if not callable(function):
            reply({"error": {"kind": "missing", "type": "", "message": "", "line": None}})
            continue
        try:
            value = function(*args)
        except BaseException as e:
            reply({"error": _describe(e, path)})
            continue
        try:
            reply({"value": encode(value)})
        except BaseException as e:  # a value whose base methods still fail (a recursion...)
            reply({"error": {"kind": "unreadable", "type": _type_name(e), "message": "", "line": None}})


def main(argv):
    """python -I -S sandbox.py ROOT FILE LIMITS_JSON: guard, load FILE, answer calls."""
    root, path, limits = argv[0], argv[1], json.loads(argv[2])
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # the student's prints go where the checker reads them with a bound
    sys.stdin = os.fdopen(0, "r")

    def reply(item):
        for stream in (sys.stdout, sys.stderr):  # what was printed so far, before the answer
            try:
                stream.flush()
            except BaseException:  # a stream the student's code replaced or closed
                pass
        answers.write(json.dumps(item, allow_nan=True) + "\n")
        answers.flush()

    for name in PRELOADED:
        __import__(name)
    import builtins

    builtins.exit = builtins.quit = sys.exit  # -S leaves them out; a file may still call them
    sys.path[:0] = [os.path.dirname(path)]
    _limit_resources(limits)
    sys.setrecursionlimit(max(200, min(sys.getrecursionlimit(), 3000)))
    guard = _Guard(root)  # reads sysconfig, which imports modules the blocker refuses
    sys.meta_path.insert(0, _Blocker())
    sys.addaudithook(guard)
    _remove_os_functions()
    reply({"ready": True})
    _serve(path, requests, reply)
    answers.close()
    os._exit(0)  # no clean-up code of the student's (atexit, __del__) runs after the last answer


if __name__ == "__main__":
    main(sys.argv[1:])
