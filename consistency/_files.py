"""Write files whole or not at all: each to a temporary file beside its target, renamed into place last."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

Writer = Callable[[TextIO], object]


def write_atomically(files: Mapping[Path, Writer]) -> list[Path]:
    """Write every file through its writer; only when all are written are they moved over their targets.

    On any error the temporary files are removed and the targets are left as they were.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for target, writer in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                writer(handle)
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [target for _, target in staged]


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write one text file atomically."""
    return write_atomically({Path(path): lambda handle: handle.write(text)})[0]
