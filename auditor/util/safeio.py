"""Reading input files without blocking, and writing reports without losing the old one.

`read_regular` reads only regular files: a FIFO, socket or device named as a document, rule
pack or config file would block a run forever (or read without end), so it is refused with an
`OSError` whose `strerror` says what the path is. The file is opened with O_NONBLOCK and
checked again with `fstat` on the open descriptor, so a path swapped for a FIFO between the
check and the open cannot block either.

`AtomicWriter` (and `report_stream`, the block both engines' CLI write a report in) writes a
report to a temporary file beside the target and renames it over the target only when the
report is complete: an interrupted or failed run leaves the previous report as it was. A
target that exists and is not a regular file (`/dev/null`, `/dev/full`, a pipe) cannot be
replaced by a rename and is written directly.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from ..core.errors import OutputError

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISDIR, "a folder"))


def describe_mode(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _not_regular(path, mode: int) -> OSError:
    return OSError(errno.EINVAL, f"{describe_mode(mode)}, not a regular file; not read", str(path))


def check_regular(path: str | os.PathLike) -> os.stat_result:
    """`os.stat(path)`, or OSError when it is not a regular file (symlinks are followed)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(path, st.st_mode)
    return st


def read_regular(path: str | os.PathLike, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file; OSError for anything else (never blocks).
    `max_bytes`: larger files raise OSError(EFBIG) without being read."""
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        if max_bytes is not None and st.st_size > max_bytes:
            raise OSError(errno.EFBIG, f"file larger than {_size(max_bytes)}; not read", str(path))
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:  # it grew while we read it
        raise OSError(errno.EFBIG, f"file larger than {_size(max_bytes)}; not read", str(path))
    return data


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n} bytes"


class AtomicWriter:
    """A text stream for a report: `commit()` renames the finished temporary file over the
    target, `abort()` removes it. Use as a context manager: commit on success, abort on error.
    Any failure to create, write or rename raises `OutputError` naming the target and the
    reason (e.g. "No space left on device" for /dev/full), never a bare OSError."""

    def __init__(self, target: str | os.PathLike) -> None:
        self.target = Path(target)
        self._tmp: str | None = None
        with self._errors():
            try:
                st = os.stat(self.target)
            except FileNotFoundError:
                st = None
            if st is not None and not stat.S_ISREG(st.st_mode):
                # /dev/null, /dev/full, a pipe: nothing to replace, nothing to keep
                self._file = open(self.target, "w", encoding="utf-8")  # noqa: SIM115
            else:
                self._file = self._temporary(st)
        self.stream = _GuardedStream(self._file, self._errors)

    def _temporary(self, st: os.stat_result | None):
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp",
                                         dir=self.target.parent)
        try:  # the previous report's permissions, else what open() would give a new file
            if st is not None:
                mode = stat.S_IMODE(st.st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(fd, mode)
        except OSError:
            pass
        return os.fdopen(fd, "w", encoding="utf-8")

    @contextlib.contextmanager
    def _errors(self):
        try:
            yield
        except OSError as exc:
            raise OutputError(f"{self.target}: cannot write the report: "
                              f"{exc.strerror or exc}") from None

    def commit(self) -> None:
        with self._errors():
            self._file.flush()
            if self._tmp is not None:
                os.fsync(self._file.fileno())
            self._file.close()
            if self._tmp is not None:
                os.replace(self._tmp, self.target)
                self._tmp = None

    def abort(self) -> None:
        try:
            self._file.close()
        except OSError:
            pass
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None

    def __enter__(self):
        return self.stream

    def __exit__(self, exc_type, *rest) -> None:
        if exc_type is None:
            try:
                self.commit()
            except BaseException:
                self.abort()
                raise
        else:
            self.abort()


@contextlib.contextmanager
def report_stream(target: str | os.PathLike | None, default):
    """Where a report goes: `default` (standard output) when there is no `target`, else an
    AtomicWriter's stream, renamed over the target when the block ends normally and removed
    when it raises (an interrupted or failed run leaves the previous report as it was)."""
    if target is None:
        yield default
        return
    with AtomicWriter(target) as stream:
        yield stream


class _GuardedStream:
    """The report file as reporters see it: a write error becomes OutputError."""

    def __init__(self, file, errors) -> None:
        self._file, self._guard = file, errors

    def write(self, text: str) -> int:
        with self._guard():
            return self._file.write(text)

    def flush(self) -> None:
        with self._guard():
            self._file.flush()

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name):
        return getattr(self._file, name)


def replace_file_bytes(target: str | os.PathLike, data: bytes) -> None:
    """Replace the contents of the regular file `target` atomically: write a temporary file
    beside it with the file's permissions, fsync, rename it over the file. A symbolic link is
    followed (its target is replaced, the link kept). Used by `auditor check --fix`; failures
    raise OutputError naming the file."""
    real = Path(os.path.realpath(target))
    try:
        st = check_regular(real)
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write the fix: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            with contextlib.suppress(OSError):
                os.chmod(fh.fileno(), stat.S_IMODE(st.st_mode))
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, real)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{target}: cannot write the fix: {exc.strerror or exc}") from None
