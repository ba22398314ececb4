"""Publishing a finished build over the previous one without ever leaving a half-written site."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_MARK = ".kbgen-staging-"
RETIRED_MARK = ".kbgen-retired-"


def staging_dir(target: Path) -> Path:
    """A fresh folder next to ``target`` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    staged = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING_MARK}", dir=target.parent))
    staged.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
    return staged


def publish(staged: Path, target: Path) -> None:
    """Put ``staged`` in place of ``target`` atomically where the OS allows it."""
    if target.exists() and _exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)  # now holds the previous site
        return
    if target.exists():
        retired = target.with_name(f".{target.name}{RETIRED_MARK}{os.getpid()}")
        os.rename(target, retired)
        os.rename(staged, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staged, target)


def discard(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): both paths swap in one step, so ``b`` never disappears."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _remove_leftovers(target: Path) -> None:
    """Staging folders of builds that were killed, and a site retired by a non-atomic swap."""
    for mark in (STAGING_MARK, RETIRED_MARK):
        for leftover in target.parent.glob(f".{target.name}{mark}*"):
            if mark == RETIRED_MARK and not target.exists():
                os.rename(leftover, target)  # killed between the two renames: restore
            else:
                shutil.rmtree(leftover, ignore_errors=True)
