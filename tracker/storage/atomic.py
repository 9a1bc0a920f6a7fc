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
import sys
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


class DocumentBytes:
    """The bytes :func:`encode_json` gave documents of a TinyDB database, to write them again unchanged.

    A save changes one plan of many: the others are written from the bytes kept here instead of being
    serialized again (a tenth of a 10,000-project save). A document is known by identity, so this is
    only for tables whose documents are replaced when they change, never edited in place (the store's
    plans and history): an edited document would be written as it was.
    """

    def __init__(self, tables: frozenset[str]) -> None:
        self.tables = tables
        self._kept: dict[int, tuple[object, bytes]] = {}

    def encode(self, data: Any) -> bytes:
        """Exactly ``encode_json(data)``; documents of :attr:`tables` seen in the previous call reused."""
        if not data or type(data) is not dict or not all(
            type(name) is str and type(table) is dict and all(type(k) is str for k in table)
            for name, table in data.items()
        ):
            self._kept = {}
            return encode_json(data)
        kept: dict[int, tuple[object, bytes]] = {}
        out = [b"{"]  # joined once at the end: the kept bytes are copied once, into the file's bytes
        for t, (name, table) in enumerate(data.items()):
            out += (b",\n  " if t else b"\n  ", _dumped(name), b": ")
            if name not in self.tables:
                # Two levels in: every line of the table's own indented form moves right by two spaces.
                out.append(_dumped(table).replace(b"\n", b"\n  "))
                continue
            if not table:
                out.append(b"{}")
                continue
            out.append(b"{")
            for d, (doc_id, doc) in enumerate(table.items()):
                known = self._kept.get(id(doc))
                if known is not None and known[0] is doc:
                    piece = known[1]
                else:
                    piece = _dumped(doc).replace(b"\n", b"\n    ")  # three levels in
                kept[id(doc)] = (doc, piece)
                out += (b",\n    " if d else b"\n    ", _dumped(doc_id), b": ", piece)
            out.append(b"\n  }")
        out.append(b"\n}\n")
        self._kept = kept
        return b"".join(out)

    def forget(self) -> None:
        self._kept = {}


def _dumped(value: Any) -> bytes:
    """One value as :func:`encode_json` writes it at the top level, without the final newline."""
    return encode_json(value)[:-1]


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

    import tempfile  # here: commands that only read never write a file, and tempfile loads random

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
        _replace(tmp, target)
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


REPLACE_TRIES = 20
"""How many times a rename refused on Windows is tried (50 ms apart: one second in all)."""


_WINDOWS = sys.platform == "win32"


def _replace(tmp: str, target: str) -> None:
    """Rename ``tmp`` over ``target``; on Windows, again for a moment while another program holds it open.

    Windows refuses to replace a file that any program has open without sharing its deletion: another
    tracker reading the database that instant, a virus scanner or the search indexer looking at the new
    file. Such a hold lasts milliseconds, so the rename is tried again before the save is given up as
    failed (the error then is the last refusal). POSIX replaces an open file; its refusals are final.
    """
    if not _WINDOWS:
        os.replace(tmp, target)
        return
    import time

    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(0.05)


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

    def __init__(
        self, path: str | os.PathLike[str], *, indent: bool = True, replaced_only: frozenset[str] = frozenset()
    ) -> None:
        """Use the file at ``path``; nothing is read or written yet.

        ``replaced_only``: tables whose documents are replaced when they change, never edited in place;
        a save writes their unchanged documents from the bytes it wrote before (:class:`DocumentBytes`).
        TinyDB's own ``update`` edits documents in place: only a caller that never uses it may name any.
        """
        super().__init__()
        self.path = os.path.abspath(os.fspath(path))
        self._indent = indent
        self._cache: tuple[_StatKey, dict[str, Any]] | None = None
        self._bytes = DocumentBytes(replaced_only) if replaced_only and indent else None

    def read(self) -> dict[str, Any] | None:
        """The whole database as parsed JSON (from memory when the file has not changed)."""
        with open(self.path, "rb") as handle:
            # fstat on the open handle: the key and the bytes belong to the same file version.
            key = stat_key(os.fstat(handle.fileno()))
            if self._cache is not None and self._cache[0] == key:
                return self._cache[1]
            raw = handle.read()
        self._forget_bytes()  # another version of the file: its documents are new objects
        data = decode_json(raw)
        if not isinstance(data, dict):
            raise ValueError(f"{self.path} does not hold a JSON object")
        self._cache = (key, data)
        return data

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with ``data`` (see :func:`write_atomic`); on failure it is unchanged."""
        self._cache = None  # until the write is known to have succeeded
        payload = encode_json(data, indent=self._indent) if self._bytes is None else self._bytes.encode(data)
        new = write_atomic(self.path, payload)
        self._cache = (stat_key(new), data)

    def prime(self, st: os.stat_result, data: dict[str, Any]) -> None:
        """Seed the cache with data the caller has just read and checked from the file with ``st``."""
        self._cache = (stat_key(st), data)
        self._forget_bytes()

    def invalidate(self) -> None:
        """Forget the cached data; the next read parses the file again."""
        self._cache = None
        self._forget_bytes()

    def close(self) -> None:
        """Nothing is held open; only the cache is dropped."""
        self._cache = None
        self._forget_bytes()

    def _forget_bytes(self) -> None:
        if self._bytes is not None:
            self._bytes.forget()
