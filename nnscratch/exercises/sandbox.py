"""The process that runs a student's file: it only computes, and the checker judges elsewhere.

The checking process starts this file as a script (``python -I -S sandbox.py
ROOT FILE LIMITS``), never as part of the package: nothing of nnscratch is
loaded here, so neither the reference answers nor the checker are within the
student's reach. It speaks JSON lines on its standard input and output:

    -> {"ready": true}                          the guards are up
    -> {"loaded": true} | {"problem": {...}}    the student's file ran, or why not (a syntax
                                                error, a forbidden import, what it raised)
    <- {"call": NAME, "args": [...]}            call a function of the file
    -> {"value": ...} | {"error": {...}}        what it returned, or what it raised

Values cross as plain data (``encode``/``decode``, also used by the checker):
numbers, strings, None, lists, tuples, and for anything else only its type's
name. What the student's code prints goes to standard error, which the
checker reads with a bound.

The guards, before the student's file runs:

- run as root, a jail: the process locks itself into ROOT (chroot) as a user
  id of its own, which may have no process (``_enter_jail``);
- resource limits: CPU time, memory, file size, core files, processes;
- an audit hook that refuses imports not loaded beforehand (nnscratch and
  the libraries that would do the work are never loaded), writing files,
  reading or listing outside ROOT and the standard library, processes,
  sockets, signals, and the ways to frames and to the hook's own state
  (``_install_guard``);
- where audit events are missing (PyPy raises few), a second line: those
  functions removed from ``os``, modules dropped, no fresh builtin modules.
"""

import ast
import json
import os
import re
import sys
import types

__all__ = ["encode", "decode", "Unreadable", "FORBIDDEN", "DOING_THE_WORK", "main"]

#: Libraries that would do the work, and nnscratch itself (its reference answers).
DOING_THE_WORK = ("numpy", "scipy", "torch", "tensorflow", "jax", "sklearn", "pandas", "nnscratch")
#: Imports refused by name, with the reason: those, and modules that reach outside the process.
FORBIDDEN = frozenset(DOING_THE_WORK + (
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
    "ctypes.dlsym", "ctypes.cdata", "winreg.OpenKey", "sys.remote_exec", "sys._getframe",
    "sys._current_frames", "sys._current_exceptions", "sys.settrace", "sys.setprofile",
    "sys.monitoring.register_callback", "_thread.start_new_thread", "object.__getattr__",
    "gc.get_objects", "gc.get_referrers", "gc.get_referents", "os.mkfifo", "os.mknod",
))
REFUSED_PREFIXES = ("socket.", "ctypes.", "_winapi.", "winreg.", "sqlite3.", "gc.")
#: Functions of os removed before the student's code runs (where audit events are missing).
REMOVED = ("system", "fork", "forkpty", "execv", "execve", "execl", "execle", "execlp", "execlpe",
           "execvp", "execvpe", "spawnv", "spawnve", "spawnl", "spawnle", "spawnlp", "spawnlpe",
           "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp", "popen", "kill", "killpg", "setsid",
           "setpgid", "remove", "unlink", "rename", "replace", "rmdir", "removedirs", "mkdir",
           "makedirs", "chmod", "fchmod", "chown", "fchown", "lchown", "link", "symlink", "truncate",
           "ftruncate", "utime", "putenv", "unsetenv", "chdir", "fchdir", "chroot", "register_at_fork",
           "pidfd_open", "mkfifo", "mknod", "setuid", "setgid", "setgroups", "seteuid", "setegid",
           "setreuid", "setregid", "openpty", "posix_openpt", "sched_setaffinity", "nice", "setpriority")
#: Modules dropped from sys.modules before the student's code runs: importing them again is refused.
DROPPED = ("_signal", "signal", "gc", "_thread", "__pypy__", "_rawffi", "_rawffi.alt", "_posixsubprocess")
#: Modules a student may use, loaded before the guards go up (their files are then never opened;
#: jailed, they are the only ones there are).
PRELOADED = ("math", "random", "csv", "io", "functools", "itertools", "operator", "statistics",
             "collections", "copy", "string", "re", "fractions", "decimal", "bisect", "heapq",
             "traceback", "linecache", "codecs", "encodings.utf_8", "encodings.latin_1", "encodings.ascii",
             "encodings.utf_8_sig", "json", "sysconfig", "importlib", "importlib.util", "typing",
             "dataclasses", "enum", "numbers", "array", "datetime", "textwrap", "pathlib", "struct",
             "types", "weakref", "contextlib", "warnings", "glob", "fnmatch", "pprint")

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


def decode(data, depth=0):
    """The value encode gave data for: tuples restored, anything else (or deeper) an Unreadable.

    >>> decode({"tuple": [1.0, [2, None]]})
    (1.0, [2, None])
    """
    if depth > MAX_DEPTH:
        return Unreadable("value nested too deep to check")
    if isinstance(data, list):
        return [decode(v, depth + 1) for v in data]
    if isinstance(data, dict):
        if "tuple" in data and isinstance(data["tuple"], list):
            return tuple(decode(v, depth + 1) for v in data["tuple"])
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


def _enter_jail(root, path, ids):
    """Lock this process into root (its new /) as the user ids, for good; return the new root and path.

    Only root can do this, and nothing undoes it: a process of that user, in that folder, can
    read or write no file outside it, and start or signal no process (its limit is none).
    """
    relative = os.path.relpath(path, root)
    os.chroot(root)
    os.chdir("/" + os.path.dirname(relative))
    os.setgroups([])
    os.setgid(ids["gid"])
    os.setuid(ids["uid"])
    return "/", "/" + relative


def _read_roots():
    """Folders the student's code may read: the standard library's, not its installed packages."""
    import sysconfig

    paths = sysconfig.get_paths()
    allowed = {os.path.realpath(paths[k]) for k in ("stdlib", "platstdlib") if k in paths}
    allowed.update(os.path.realpath(p) for p in sys.path if p and os.path.isdir(p))
    packages = {os.path.realpath(paths[k]) for k in ("purelib", "platlib") if k in paths}
    packages.update(os.path.realpath(p) for p in sys.path if "-packages" in p)
    return tuple(sorted(allowed - packages)), tuple(sorted(packages))


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


def _path_check(roots, packages):
    """A function that raises PermissionError unless a path is inside roots[0], or inside another
    root but no package folder; made of builtins bound when it is made, as the hook is."""

    def check(path, what, whole=False, *, _roots=roots, _packages=packages, _getcwd=os.getcwd,
              _fspath=os.fspath, _isinstance=isinstance, _bytes=bytes, _PermissionError=PermissionError,
              _sep=os.sep):
        try:  # the path as the kernel will read it, from builtins alone: no symlinks can be made
            path = _fspath(path)
            if _isinstance(path, _bytes):
                path = path.decode("utf-8", "surrogateescape")
            if _sep != "/":
                path = path.replace(_sep, "/")
            relative = not path.startswith("/")
            if relative:
                path = _getcwd().replace(_sep, "/") + "/" + path
        except Exception:
            raise _PermissionError("the checker could not read that path") from None
        if relative and whole:  # os.open's dir_fd, which no audit event shows, would move it elsewhere
            raise _PermissionError("the exercises may only give os.open a whole path")
        parts = []
        for part in path.split("/"):
            if part == "..":  # refused, not resolved: relative to a dir_fd it climbs from elsewhere
                raise _PermissionError("the exercises may not use .. in a path")
            if part not in ("", "."):
                parts.append(part)
        path = "/" + "/".join(parts)
        inside = [r for r in _roots if path == r or path.startswith(r.rstrip("/") + "/")]
        if inside and (inside[0] == _roots[0] or not [p for p in _packages if path == p or
                                                      path.startswith(p.rstrip("/") + "/")]):
            return
        raise _PermissionError("the exercises may only %s in your own folder" % what)

    return check


def _install_guard(root, readable, packages, window):
    """Install the audit hook; nothing of it stays in reach of the student's code.

    Everything the hook consults is bound in its keyword defaults when it is made: builtins and
    immutable values only, never a module's global a file could replace. The hook itself is held
    only by the interpreter. The frames that could lead to it are refused (``sys._getframe``,
    a traceback's ``tb_frame``, tracing, ``gc``), except while ``window[0]`` is set: the driver
    opens that window only to read a traceback's line numbers, with no student code running.
    """
    refused_imports = frozenset(FORBIDDEN) | frozenset(["gc", "_signal", "signal", "_thread"])
    allowed_imports = frozenset(sys.modules) - refused_imports
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def hook(event, args, *, _refused=REFUSED_EVENTS, _prefixes=REFUSED_PREFIXES, _window=window,
             _forbidden=refused_imports, _allowed=allowed_imports, _writes=writes,
             _check_path=_path_check((root,) + tuple(readable), tuple(packages)),
             _own=re.compile(r"ex\d+_\w*$", re.IGNORECASE).match, _isinstance=isinstance, _str=str,
             _int=int, _tuple=tuple, _len=len, _PermissionError=PermissionError, _ImportError=ImportError):
        if _window[0]:
            return
        if event in _refused or event.startswith(_prefixes):
            raise _PermissionError("the checker does not allow %s in the exercises" % event)
        if event == "object.__setattr__" and _len(args) > 1 and args[1] in (
                "__code__", "__defaults__", "__kwdefaults__"):
            raise _PermissionError("the checker does not allow replacing a function's %s" % args[1])
        if event == "import":
            name = _str(args[0])
            top = name.split(".")[0]
            if top in _forbidden:
                raise _ImportError("%s is not allowed in the exercises: use lists, loops and the "
                                   "math module" % top)
            if name not in _allowed and not _own(name):
                raise _ImportError("%s is not available in the exercises: use lists, loops and "
                                   "the math module" % name)
            return
        if event == "open":
            path, mode, flags = (_tuple(args) + (None, None, None))[:3]
            if _isinstance(path, _int):
                return  # a file descriptor already open: it was checked when it was opened
            if (_isinstance(mode, _str) and ("w" in mode or "a" in mode or "x" in mode or "+" in mode)) \
                    or (mode is None and _isinstance(flags, _int) and flags & _writes):
                raise _PermissionError("the exercises may not write files")
            _check_path(path, "read files", mode is None)
            return
        elif event in ("os.listdir", "os.scandir") and args and args[0] is not None:
            path, what = args[0], "list folders"
        else:
            return
        _check_path(path, what)

    sys.addaudithook(hook)


def _refuse(*args, **kwargs):
    raise PermissionError("the checker does not allow this in the exercises")


def _text(path):
    try:
        return os.fsdecode(path)[:200]
    except (TypeError, ValueError):
        return repr(path)[:200]


def _remove_os_functions():
    """Remove what could act outside, where no audit event would say: os functions, and the
    importer's way to make a fresh builtin module (a new posix would have them all back)."""
    import _imp
    import posix

    for name in DROPPED:
        sys.modules.pop(name, None)
    for name in ("_getframe", "_current_frames", "settrace", "setprofile"):  # PyPy audits none
        if hasattr(sys, name):
            setattr(sys, name, _refuse)
    import pathlib

    accessor = getattr(pathlib, "_NormalAccessor", None)  # 3.8 and PyPy 3.9 keep os functions there
    for name in ("unlink", "rmdir", "rename", "replace", "mkdir", "symlink", "link", "link_to", "chmod",
                 "lchmod", "utime", "touch"):
        if accessor is not None and hasattr(accessor, name):
            setattr(accessor, name, _refuse)
    for name in ("create_builtin", "create_dynamic", "exec_builtin", "exec_dynamic", "init_frozen"):
        if hasattr(_imp, name):
            setattr(_imp, name, _refuse)
    for module in (os, posix):
        for name in REMOVED:
            if hasattr(module, name):
                try:
                    delattr(module, name)
                except AttributeError:
                    pass


# ----- loading and calling ---------------------------------------------------------------------

def _student_line(error, path, window, *, _type=type, _int=int, _TB=types.TracebackType,
                  _Frame=types.FrameType, _Code=types.CodeType,
                  _traceback=BaseException.__dict__["__traceback__"].__get__):
    """The last line of the student's file in error's traceback, or None.

    Tracebacks' frames are refused to the student's code; this reads them with the window open,
    touching only the interpreter's own types (bound here, before any student code ran), so that
    no student code runs meanwhile.
    """
    line = None
    window[0] = True
    try:  # BaseException's own slot: a subclass's property named __traceback__ is never called
        tb = _traceback(error)
        while _type(tb) is _TB:
            frame = tb.tb_frame
            if _type(frame) is _Frame and _type(frame.f_code) is _Code and frame.f_code.co_filename == path:
                line = tb.tb_lineno
            tb = tb.tb_next
    except Exception:
        line = None
    finally:
        window[0] = False
    return line if _type(line) is _int else None


def _describe(error, path, window, *, _student_line=_student_line):
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
            "line": _student_line(error, path, window)}


def _read(path):
    """(code, problem): the file compiled, or why it cannot run: a syntax error or a forbidden import.

    Parsed here, not in the checker: a file nested deep enough crashes the parser, and a crash of
    this process costs only this file.
    """
    with open(path, encoding="utf-8") as f:
        source = f.read()
    try:
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as e:
        return None, {"kind": "syntax", "line": getattr(e, "lineno", None),
                      "message": str(getattr(e, "msg", None) or e)[:MAX_TEXT],
                      "text": str(getattr(e, "text", None) or "").strip()[:MAX_TEXT]}
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in DOING_THE_WORK:
                return None, {"kind": "forbidden", "line": node.lineno, "message": name.split(".")[0]}
    return compile(tree, path, "exec"), None


def _serve(path, requests, reply, window, *, _describe=_describe):
    """Load the file, then answer calls until the checker closes the pipe."""
    namespace = {"__name__": "student", "__file__": path, "__builtins__": __builtins__}
    try:
        code, problem = _read(path)
        if problem:
            reply({"problem": problem})
            return
        exec(code, namespace)
    except BaseException as e:  # exit(), KeyboardInterrupt, a MemoryError parsing...: all the student's
        reply({"problem": _describe(e, path, window)})
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
            reply({"error": _describe(e, path, window)})
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
    sys.dont_write_bytecode = True  # importing an earlier exercise of the student's writes no cache
    _limit_resources(limits)
    if limits.get("jail"):
        root, path = _enter_jail(root, path, limits["jail"])
    sys.path[:0] = [os.path.dirname(path)]
    sys.setrecursionlimit(max(200, min(sys.getrecursionlimit(), 3000)))
    readable, packages = ((), ()) if limits.get("jail") else _read_roots()  # jailed: nothing else
    window = [False]
    sys.meta_path.insert(0, _Blocker())
    _remove_os_functions()
    _install_guard(os.path.realpath(root), readable, packages, window)
    reply({"ready": True})
    _serve(path, requests, reply, window)
    answers.close()
    os._exit(0)  # no clean-up code of the student's (atexit, __del__) runs after the last answer


if __name__ == "__main__":
    main(sys.argv[1:])
