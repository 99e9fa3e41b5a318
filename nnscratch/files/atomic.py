"""Writing files so that a crash never leaves a half-written one behind."""

import os
import tempfile
from pathlib import Path


def write_text_atomic(path, text):
    """Write text (UTF-8, "\\n" line ends) to path atomically; see ``write_bytes_atomic``."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path, data):
    """Write bytes to path atomically: a temp file in the same folder, fsync, then rename.

    If the process dies midway, path still holds its old content (or does not
    exist); a reader never sees half a file.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777  # keep the old file's permissions
    except OSError:
        mode = 0o644  # mkstemp's 0o600 would hide a new file from other users
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, str(path))
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(path.parent)


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
