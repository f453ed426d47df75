"""What can go wrong with a backup, said so that the person at the terminal knows what to do."""

from __future__ import annotations

import errno
from pathlib import Path


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why and what to do."""


def no_space(where: Path) -> BackupError:
    return BackupError(
        f"There is not enough free disk space for {where}: free some space, or use another disk."
    )


def writing_failed(error: OSError, path: Path) -> BackupError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return no_space(path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BackupError(
            f"Repattern may not write {path}: choose a folder it may write to, "
            "or change the folder's permissions."
        )
    return BackupError(f"Could not write {path}: {error.strerror or error}.")
