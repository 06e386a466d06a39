"""Putting report files in place: an exclusive lock on the folder, and a publish that leaves all files or none."""

from __future__ import annotations

import os
import secrets
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from auditor.errors import AuditError

LOCK_NAME = ".auditor.lock"
_held: set[Path] = set()  # folders this process has locked: write_reports inside the CLI's lock locks nothing again


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on folder (created if missing, and removed again if the audit leaves it empty).

    AuditError at once when another process holds it, or when the folder cannot be created or written.
    """
    key = folder.absolute()
    if key in _held:
        yield
        return
    created = _missing_ancestors(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = _lock(folder / LOCK_NAME)
    except OSError as exc:
        _remove_empty(created)
        raise AuditError(f"cannot write reports here ({exc.strerror or exc})", str(folder)) from None
    _held.add(key)
    try:
        with _sigterm_unwinds():
            yield
    finally:
        _held.discard(key)
        (folder / LOCK_NAME).unlink(missing_ok=True)  # while still locked, so no one locks the old file meanwhile
        os.close(fd)
        _remove_empty(created)


def _lock(path: Path) -> int:
    """An open, flock-ed descriptor of path; AuditError when another audit holds it."""
    import fcntl  # POSIX; imported here so that the views can be rendered anywhere

    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AuditError("another audit is writing into this folder; wait for it to finish or choose another "
                             "--out", str(path.parent)) from None
        with suppress(FileNotFoundError):
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        os.close(fd)  # the holder we waited behind removed this lock file; lock the one that now stands there


def _missing_ancestors(folder: Path) -> list[Path]:
    """folder and those of its parents that do not exist yet, innermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty: reports (or someone's files) are in it


def publish(texts: dict[Path, str], pending: Path | None = None) -> None:
    """Write every text to a temporary file beside its target, then rename them all into place, in order.

    SIGINT and SIGTERM wait until this is done, so an interrupt neither leaves a temporary file nor a half set. When
    pending is given the last text is staged under that name: while it exists, the folder is being set to it.
    """
    for final in texts:
        if final.is_dir():  # found before anything is written, so nothing is left half-published
            raise IsADirectoryError(f"{final} is a directory")
    *others, last = texts
    staged = [(final.with_name(f".{final.name}.{secrets.token_hex(4)}.tmp"), final) for final in others]
    staged.append((pending or last.with_name(f".{last.name}.{secrets.token_hex(4)}.tmp"), last))
    renamed = 0
    with _signals_held():
        try:
            for tmp, final in staged:
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    fh.write(texts[final])
            for tmp, final in staged:
                os.replace(tmp, final)
                renamed += 1
        except BaseException:
            for tmp, _ in staged[renamed:]:
                if not (renamed and tmp == pending):  # a set half in place keeps the mark of whose it is
                    tmp.unlink(missing_ok=True)
            raise


def _exit_on_sigterm(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While held, a SIGTERM that would end the process outright raises SystemExit, so the cleanups above run."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then deliver them (handlers can be set in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    numbers = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda n, _frame: caught.append(n)) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if caught:
            signal.raise_signal(caught[0])
