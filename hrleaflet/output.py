"""Write files atomically: a reader never sees half a PDF, a failure leaves nothing behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from hrleaflet.errors import OutputError


def ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: exists and is not a folder; choose another --out") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror}") from None


def write_atomically(path: Path, data: bytes) -> None:
    ensure_folder(path.parent)
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp_name).replace(path)
        tmp_name = None
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = "the folder is not writable"
        raise OutputError(f"{path}: cannot write: {reason}") from None
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
