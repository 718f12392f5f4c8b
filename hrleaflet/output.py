"""Write files atomically: a reader never sees half a PDF, a failure leaves nothing behind."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from hrleaflet.errors import OutputError


def ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: exists and is not a folder; choose another --out") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror}") from None


# Asked for when creating a file; the kernel takes the umask (and a folder's default ACL)
# off it, so an output gets the mode a plain open() would give (0o644 under umask 022).
NEW_FILE_MODE = 0o666
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, unique temporary file in the target's folder.

    Not tempfile.mkstemp: it always makes 0o600 files, which people sharing a folder cannot
    read.  O_EXCL makes the name ours alone (and refuses a planted symlink), as mkstemp does.
    """
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
        try:
            return os.open(tmp, _CREATE, NEW_FILE_MODE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename; every file we write comes here."""
    ensure_folder(path.parent)
    tmp: Path | None = None
    try:
        fd, tmp = _create_beside(path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
        tmp = None
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = "the folder is not writable"
        raise OutputError(f"{path}: cannot write: {reason}") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
