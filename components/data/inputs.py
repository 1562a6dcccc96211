"""Reading a file someone names on the command line or uploads by path: regular files only, their size
checked before a byte is read. /dev/zero once read until memory ran out and a FIFO hung every command;
a symlink loop or a FIFO was called "missing".

    data = read_input(path, limit=1_000_000, what="The article")
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class InputRefused(ValueError):
    """A path that is not a readable regular file of a sensible size; the message says which and why
    (`reason` alone, without the path, for a page that must not show server paths; `too_big` for size)."""

    def __init__(self, path: Path, reason: str, too_big: bool = False):
        super().__init__(f"{path}: {reason}")
        self.reason, self.too_big = reason, too_big


def read_input(path: Path | str, limit: int, what: str = "The file") -> bytes:
    path = Path(path)
    _regular(path, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as file:
            data = file.read(limit + 1)
    except OSError as err:
        raise InputRefused(path, f"cannot be read ({err.strerror}).") from None
    if len(data) > limit:  # it grew while being read
        raise InputRefused(path, f"more than the {limit:,} bytes this command reads.", True)
    return data


def open_input(path: Path | str, what: str = "The file"):
    """A regular file opened for reading in binary, for a reader that streams it (any size)."""
    path = Path(path)
    _regular(path, None, what)
    try:
        return os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb")
    except OSError as err:
        raise InputRefused(path, f"cannot be read ({err.strerror}).") from None


def _regular(path: Path, limit: int | None, what: str) -> None:
    try:
        info = os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputRefused(
                path, "a symbolic link that leads back to itself (a loop). Give the file itself."
            ) from None
        if err.errno == errno.ENOENT:
            raise InputRefused(path, "there is no such file.") from None
        raise InputRefused(path, f"cannot be read ({err.strerror}).") from None
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "a pipe (FIFO)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )
        raise InputRefused(path, f"{kind}, not a file. {what} must be a regular file.")
    if limit is not None and info.st_size > limit:
        raise InputRefused(path, f"{info.st_size:,} bytes, more than the {limit:,} this command reads.", True)
