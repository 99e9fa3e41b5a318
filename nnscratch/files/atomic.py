"""Writing files so that a crash never leaves a half-written one, nor replaces what was not a file.

Every file nnscratch writes goes through ``write_bytes_atomic``:

- it writes a temp file in the same folder, named
  ``.<name>.nnscratch-<pid>-<random>.tmp``, flushes it to disk, then renames it
  over the path in one step. A reader sees the old file or the new one, never
  half of one. If the write fails, the temp file is removed. Only a hard kill
  (``kill -9``, a power cut) in the middle can leave a temp file behind; any
  file with that name is safe to delete when no nnscratch process is writing.
  The next write of the same path removes those whose process is gone (on
  systems with process ids, and only when older than a minute).
- it refuses a path that exists and is not a regular file (a folder, a
  device such as ``/dev/null``, a FIFO, a socket), instead of replacing it.
- a symlink is written through: the file it points to is replaced
  atomically and the link stays, as ``sed -i --follow-symlinks`` does.

``check_output`` makes the same checks, and proves the folder writable,
before any work, so that a command can refuse a bad output path before it
trains for an hour. ``check_distinct`` refuses an output that is the same
file as an input or another output.

Errors are ``OSError``\\ s whose ``filename`` is the path the user gave,
never the temp file.
"""

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from ..errors import ArgumentTypeError

__all__ = ["check_output", "check_distinct", "check_outputs", "write_text_atomic", "write_bytes_atomic",
           "TEMP_MARK"]

#: Part of every temp file's name, so a stray one left by a hard kill is recognisable.
TEMP_MARK = ".nnscratch-"
#: A dead process's temp file is removed by the next write only when at least this old.
STALE_AFTER_SECONDS = 60.0


def write_text_atomic(path, text):
    """Write text (UTF-8, "\\n" line ends) to path atomically; see ``write_bytes_atomic``."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path, data):
    """Write bytes to path atomically: a temp file in the same folder, fsync, then rename.

    If the process dies midway, path still holds its old content (or does not
    exist); a reader never sees half a file. Raises ``OSError`` naming path
    when path is not a regular file or its folder cannot be written.
    """
    target = check_output(path, probe=False)
    path = os.fsdecode(path)
    try:
        mode = target.stat().st_mode & 0o777  # keep the old file's permissions
    except OSError:
        mode = 0o644  # mkstemp's 0o600 would hide a new file from other users
    _remove_stale(target)
    with _named(path):
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=str(target.parent))
    try:
        with _named(path), os.fdopen(fd, "wb") as f:  # a full disk, say, is named by the user's path
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        with _named(path):
            os.replace(tmp, str(target))
    except BaseException:
        _remove(tmp)
        raise
    _fsync_folder(target.parent)


def check_output(path, probe=True):
    """Return the file path really names (symlinks followed), or raise OSError naming path.

    Refused: an existing path that is not a regular file, a missing or
    unwritable folder. With ``probe``, the folder is proved writable by
    creating and removing a temp file in it, which is what the write will do.
    A path must be a str, bytes or ``os.PathLike``: anything else raises
    ArgumentTypeError, where ``str(None)`` would have written a file "None".
    """
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise ArgumentTypeError("a file name must be a str or a path, got %s" % type(path).__name__)
    path = os.fsdecode(path)
    if not path:
        raise _error(errno.ENOENT, "the file name is empty", path)
    if path.endswith(("/", os.sep)):  # realpath would drop the slash and write a file
        raise _error(errno.EISDIR, "ends with a slash, so it names a folder; give a file name", path)
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise _error(e.errno, e.strerror, path) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise _error(errno.EISDIR, "is a folder; give a file name to write", path)
    if mode is not None and not stat.S_ISREG(mode):
        raise _error(errno.EINVAL, "exists and is %s, not a regular file; refusing to replace it"
                     % _kind(mode), path)
    folder = target.parent
    if not folder.is_dir():
        raise _error(errno.ENOENT, "the folder %s does not exist" % folder, path)
    if probe:
        with _named(path):
            fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=str(folder))
        os.close(fd)
        _remove(tmp)
    return target


def check_distinct(outputs, inputs):
    """Raise OSError if an output is the same file as an input or as another output.

    ``outputs`` and ``inputs`` map a role (such as "--out") to a path, or to
    None when not given. Paths are compared after following symlinks, and by
    device and inode when both exist, so a link or a hard link is caught too.
    """
    given_outputs = [(role, path) for role, path in outputs.items() if path]
    given = given_outputs + [(role, path) for role, path in inputs.items() if path]
    for i, (role, path) in enumerate(given_outputs):
        for other_role, other in given[i + 1:]:  # the later outputs, then every input
            if _same_file(path, other):
                raise _error(errno.EINVAL, "%s is the same file as %s (%s); refusing to overwrite it"
                             % (role, other_role, other), path)


def check_outputs(outputs, inputs):
    """Refuse, before any work, an output that would replace an input, another output or a non-file.

    ``outputs`` and ``inputs`` map a role to a path or None, as for ``check_distinct``; every
    given output passes ``check_output`` too. Raises OSError naming the path.
    """
    check_distinct(outputs, inputs)
    for path in outputs.values():
        if path is not None:
            check_output(path)


def _same_file(a, b):
    if os.path.realpath(str(a)) == os.path.realpath(str(b)):
        return True
    try:
        return os.path.samefile(str(a), str(b))
    except OSError:  # one of them does not exist yet
        return False


def _kind(mode):
    for test, name in ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _temp_prefix(target, pid=None):
    return _temp_start(target) + "%d-" % (os.getpid() if pid is None else pid)


def _temp_start(target):
    """".NAME.nnscratch-", with NAME cut short when the temp name would pass the usual 255-byte limit."""
    name = target.name
    if len(os.fsencode(name)) > 200:
        name = name[:40] + "~"
    return "." + name + TEMP_MARK


def _remove_stale(target, min_age=STALE_AFTER_SECONDS):
    """Remove the temp files a killed process left for target: its process is gone, and they are old."""
    if os.name != "posix":  # elsewhere os.kill(pid, 0) is not a harmless "is it alive?"
        return
    prefix = _temp_start(target)
    try:
        names = [n for n in os.listdir(str(target.parent)) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    now = time.time()
    for name in names:
        pid = name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        path = target.parent / name
        try:
            if now - path.lstat().st_mtime >= min_age:
                path.unlink()
        except OSError:
            pass


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: alive, another user's; or not a pid at all
        return True
    return True


class _named:
    """Re-raise an OSError from the body as the same kind of error, naming the user's path."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, OSError):
            raise _error(error.errno, error.strerror or str(error), self.path) from None
        return False


def _error(code, message, path):
    """An OSError of the class that matches code (FileNotFoundError for ENOENT, ...), naming path."""
    return OSError(code, message, str(path))


def _remove(tmp):
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _fsync_folder(folder):
    """Flush the folder entry of a rename to disk, where the system allows it."""
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return  # e.g. Windows, where folders cannot be opened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
