"""Reading a user's file, with one clear line when it cannot be read."""

from __future__ import annotations

from pathlib import Path

from checker.errors import CheckerError


def read_bytes(path: Path, error: type[CheckerError] = CheckerError, *, expected: str = "a file") -> bytes:
    """The file's bytes; `error` naming the path (and what was expected there) if it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise error(f"{path} is a folder; give the path of {expected}.") from None
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror}).") from None
