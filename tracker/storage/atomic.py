"""A TinyDB storage that never leaves a half-written database behind.

TinyDB's own ``JSONStorage`` rewrites the file in place: a crash, a full disk or a power cut in the
middle of a save leaves a truncated file and every plan in it is lost. Here each save writes a
complete new file next to the old one and renames it over the old one, so the file on disk is always
either the whole old database or the whole new one.

Files are JSON in UTF-8 with Thai written as itself (no ``\\u0e..`` escapes), so that a person can
read and diff them.

Permissions: a database that already exists keeps its permission bits (and its group where the
operating system allows us to set it). A database created here gets ``0o600`` (read and write for
its owner only), the mode :func:`tempfile.mkstemp` gives; the owner may ``chmod`` it afterwards and
later saves keep that choice. We do not derive the mode from the umask because reading the umask
means changing it for a moment, which is not safe while other threads create files.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from typing import Any

import orjson
from tinydb.storages import Storage

_StatKey = tuple[int, int, int, int]


class NotDurableError(OSError):
    """The new file is in place but its folder could not be flushed to disk.

    The rename has happened, so readers see the new content; only survival of a power cut right now
    is not confirmed.
    """


def decode_json(raw: bytes) -> Any:
    """Parse strict JSON from UTF-8 bytes.

    Raises :class:`UnicodeDecodeError` for bytes that are not UTF-8 and :class:`ValueError` (a
    :class:`json.JSONDecodeError` where the JSON itself is broken) otherwise. ``NaN`` and
    ``Infinity``, which Python's json module accepts but JSON does not, are refused.

    orjson parses (several times faster than the json module on a large file); when it refuses,
    the json module parses again only to say where the file is broken in its familiar words.
    """
    return decode_json_strictly(raw)[0]


def decode_json_strictly(raw: bytes) -> tuple[Any, bool]:
    """:func:`decode_json`, and whether orjson parsed the bytes (rather than the json module).

    What orjson parsed, orjson can write again: its strings are UTF-8 without lone surrogates and
    its integers fit in 64 bits (larger ones it reads as floats). What only the json module accepts
    (a lone surrogate written as ``\\ud800``, a 30-digit integer) may not be writable.
    """
    try:
        return orjson.loads(raw), True  # checks the UTF-8 too, without a decoded copy of the whole file
    except orjson.JSONDecodeError:
        text = raw.decode("utf-8")  # UnicodeDecodeError (with the offset) for bytes that are not UTF-8
        return json.loads(text, parse_constant=_refuse_constant), False


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"non-standard JSON value {name}")


def encode_json(data: Any, *, indent: bool = True) -> bytes:
    """Serialize ``data`` as readable UTF-8 JSON (Thai kept literal, two-space indent) ending in a newline.

    orjson serializes the whole file several times faster than the json module: a save of a large
    database is bound by this step. Raises :class:`UnicodeEncodeError` for text with lone surrogates
    and :class:`ValueError` for data JSON cannot hold, before any file is touched. (The store holds
    no floats: amounts are decimal strings, so orjson's writing of a NaN float as null never applies.)
    """
    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
    try:
        return orjson.dumps(data, option=option)
    except orjson.JSONEncodeError as exc:
        if "surrogate" in str(exc) or "UTF-8" in str(exc):
            raise UnicodeEncodeError("utf-8", "", 0, 1, str(exc)) from exc
        raise ValueError(str(exc)) from exc


def stat_key(st: os.stat_result) -> _StatKey:
    """What identifies one version of a file: it changes whenever the file is replaced or rewritten."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def write_atomic(path: str | os.PathLike[str], payload: bytes) -> os.stat_result:
    """Replace the file at ``path`` with ``payload`` so that no reader or crash sees a partial file.

    The bytes go to a hidden temporary file in the same folder (a rename is atomic only within one
    file system), are flushed to the disk, get the old file's permission bits, and the temporary
    file is renamed over the target; then the folder is flushed so that the rename itself survives
    a power cut. If anything fails before the rename, the temporary file is removed and the
    original file is untouched; the error is raised as it came (an :class:`OSError`, e.g. ENOSPC).

    A target that exists but is not writable for us is refused with :class:`PermissionError`:
    renaming would otherwise silently defeat a read-only file (the rename needs only the folder's
    permission).

    Returns the status of the new file, taken before the rename (the rename keeps inode and mtime).
    """
    target = os.path.abspath(os.fspath(path))
    folder, name = os.path.split(target)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None and not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", target)

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        try:
            _write_all(fd, payload)
            if old is not None:
                _copy_permissions(fd, tmp, old)
            os.fsync(fd)
            new = os.fstat(fd)
        finally:
            # close() can report a delayed write error (NFS, quotas): it counts as a failed save.
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        # BaseException: a KeyboardInterrupt mid-save must not leave the temporary file either.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        _fsync_folder(folder)
    except OSError as exc:
        raise NotDurableError(
            exc.errno, f"saved, but the folder could not be flushed: {exc.strerror}", folder
        ) from exc
    return new


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _copy_permissions(fd: int, tmp: str, old: os.stat_result) -> None:
    """Give the new file the old one's group (best effort) and permission bits."""
    if hasattr(os, "fchown") and old.st_gid != os.fstat(fd).st_gid:
        # Only possible when we belong to the group; otherwise the folder's default stays.
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, old.st_gid)
    mode = stat.S_IMODE(old.st_mode)
    # chown may clear set-id bits, so the mode is set after it.
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows before Python 3.13: only the read-only flag exists anyway.
        os.chmod(tmp, mode)


def _fsync_folder(folder: str) -> None:
    """Flush the folder entry so that a rename survives a power cut (POSIX only)."""
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows cannot open folders; NTFS journals the rename itself.
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (certain network and FUSE ones) cannot fsync a folder at all.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage on a JSON file that is replaced atomically on every write.

    Use it as ``TinyDB(path, storage=AtomicJSONStorage)``. Unlike ``JSONStorage`` it creates no file
    when constructed and keeps no file open: the file appears with the first write, and a missing
    file on read is an error (:class:`FileNotFoundError`), never an empty database, so that a
    vanished file cannot be silently replaced by an empty one.

    TinyDB reads the whole database before every operation. To spare re-parsing an unchanged file,
    the parsed data is kept in memory keyed on the file's device, inode, size and modification
    time; any change of the file by another program changes that key (an atomic replace gives a
    new inode; an in-place edit changes the modification time). TinyDB edits the data it reads in
    place before writing it back, so the cache is dropped whenever a write fails; a caller that lets
    an exception escape between a read and the matching write must call :meth:`invalidate`.

    Not thread-safe, and not a lock: two programs saving the same file at once each write a whole
    file, and the last rename wins.
    """

    def __init__(self, path: str | os.PathLike[str], *, indent: bool = True) -> None:
        """Use the file at ``path``; nothing is read or written yet."""
        super().__init__()
        self.path = os.path.abspath(os.fspath(path))
        self._indent = indent
        self._cache: tuple[_StatKey, dict[str, Any]] | None = None

    def read(self) -> dict[str, Any] | None:
        """The whole database as parsed JSON (from memory when the file has not changed)."""
        with open(self.path, "rb") as handle:
            # fstat on the open handle: the key and the bytes belong to the same file version.
            key = stat_key(os.fstat(handle.fileno()))
            if self._cache is not None and self._cache[0] == key:
                return self._cache[1]
            raw = handle.read()
        data = decode_json(raw)
        if not isinstance(data, dict):
            raise ValueError(f"{self.path} does not hold a JSON object")
        self._cache = (key, data)
        return data

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with ``data`` (see :func:`write_atomic`); on failure it is unchanged."""
        self._cache = None  # until the write is known to have succeeded
        new = write_atomic(self.path, encode_json(data, indent=self._indent))
        self._cache = (stat_key(new), data)

    def prime(self, st: os.stat_result, data: dict[str, Any]) -> None:
        """Seed the cache with data the caller has just read and checked from the file with ``st``."""
        self._cache = (stat_key(st), data)

    def invalidate(self) -> None:
        """Forget the cached data; the next read parses the file again."""
        self._cache = None

    def close(self) -> None:
        """Nothing is held open; only the cache is dropped."""
        self._cache = None
