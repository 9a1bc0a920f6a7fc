"""Files the store must refuse: each gives one StoreError line naming the file, and is left as it was."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.model import plan_to_dict
from tracker.storage import schema as schema_module
from tracker.storage.schema import SCHEMA_VERSION
from tracker.storage.store import Store, StoreError

from .plans import thai_plan

ADVICE = "restore it from a backup or choose another file with --db"


def good_data() -> dict[str, Any]:
    """What a healthy database file holds."""
    return {
        "meta": {"1": {"app": "tracker", "schema_version": SCHEMA_VERSION}},
        "plans": {"1": plan_to_dict(thai_plan())},
    }


def as_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def edited(change: Callable[[dict[str, Any]], None]) -> bytes:
    data = good_data()
    change(data)
    return as_bytes(data)


def without_organization(data: dict[str, Any]) -> None:
    del data["plans"]["1"]["organization"]


def bad_amount(data: dict[str, Any]) -> None:
    data["plans"]["1"]["projects"][0]["budget"] = "ห้าหมื่นบาท"


def bad_status(data: dict[str, Any]) -> None:
    data["plans"]["1"]["projects"][0]["results"]["12"]["status"] = "done?"


def narrative_not_object(data: dict[str, Any]) -> None:
    data["plans"]["1"]["narratives"] = {"12": "ข้อความ"}


def numeric_plan_id(data: dict[str, Any]) -> None:
    data["plans"]["1"]["plan_id"] = 2567


def duplicate_plan(data: dict[str, Any]) -> None:
    data["plans"]["2"] = data["plans"]["1"]


def table_not_object(data: dict[str, Any]) -> None:
    data["plans"] = [data["plans"]["1"]]


def document_id_not_number(data: dict[str, Any]) -> None:
    data["plans"] = {"first": data["plans"]["1"]}


def other_app(data: dict[str, Any]) -> None:
    data["meta"]["1"]["app"] = "budget-tool"


def no_meta(data: dict[str, Any]) -> None:
    del data["meta"]


def newer(data: dict[str, Any]) -> None:
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1


def version_text(data: dict[str, Any]) -> None:
    data["meta"]["1"]["schema_version"] = "1"


def two_meta_records(data: dict[str, Any]) -> None:
    data["meta"]["2"] = dict(data["meta"]["1"])


GOOD = as_bytes(good_data())

# (case id, file bytes, words the English part of the message must contain)
DAMAGED: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty, 0 bytes"),
    ("whitespace", b" \n\t\r\n  ", "only blank space"),
    ("zero-bytes", b"\x00" * 4096, "only zero bytes"),
    ("truncated", GOOD[: len(GOOD) // 2], "cut short"),
    ("truncated-in-string", GOOD[: GOOD.index("บางเตย".encode()) + 3], "cut short"),
    ("truncated-in-character", GOOD[: GOOD.index("บางเตย".encode()) + 1], "cut short"),
    ("not-utf8", "{\"meta\": \"บางเตย\"}".encode("cp874"), "not UTF-8"),
    ("utf16", GOOD.decode("utf-8").encode("utf-16"), "not UTF-8"),
    ("not-json", b"ORGANIZATION,YEAR\nBang Toei,2567\n", "not valid JSON"),
    ("trailing-garbage", GOOD + b"\n}\n", "not valid JSON"),
    ("nan", b'{"meta": {"1": {"app": "tracker", "schema_version": NaN}}}', "not valid JSON"),
    ("deeply-nested", b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ("json-list", b"[1, 2, 3]", "holds an array, not an object"),
    ("json-string", b'"tracker"', "holds a string, not an object"),
    ("other-program", b'{"name": "tracker", "version": "1.0.0", "dependencies": {}}', "another program"),
    ("tinydb-of-other-app", edited(other_app), "another program"),
    ("no-meta", edited(no_meta), "another program"),
    ("newer-version", edited(newer), "made by a newer version"),
    ("version-not-number", edited(version_text), "schema_version is damaged"),
    ("two-meta-records", edited(two_meta_records), "damaged"),
    ("table-not-object", edited(table_not_object), "table 'plans' is damaged"),
    ("document-id-not-number", edited(document_id_not_number), "table 'plans' is damaged"),
    ("plan-missing-field", edited(without_organization), "missing field 'organization'"),
    ("plan-bad-amount", edited(bad_amount), "plan document 1 cannot be read: project 1 (number 1), field 'budget': is not a valid amount or number"),
    ("plan-bad-status", edited(bad_status), "plan document 1 cannot be read"),
    ("plan-narrative-not-object", edited(narrative_not_object), "plan document 1 cannot be read"),
    ("plan-id-not-text", edited(numeric_plan_id), "plan_id is int"),
    ("plan-id-twice", edited(duplicate_plan), "a second plan with the id"),
]


def assert_refused(path: Path, expected: str, shown: Path | None = None) -> str:
    """Open ``path``, expect a StoreError naming it and saying ``expected``; return the message."""
    with pytest.raises(StoreError) as caught:
        Store.open(path, initial_plans=[thai_plan()])
    message = str(caught.value)
    assert str(shown or path) in message
    assert expected in message
    assert "\n" not in message
    # Thai first, then English in parentheses at the end.
    assert message.endswith(")")
    return message


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in DAMAGED], ids=[c[0] for c in DAMAGED])
def test_damaged_file_is_refused_and_left_unchanged(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "tracker.json"
    path.write_bytes(content)
    path.chmod(0o640)
    before = os.stat(path)
    message = assert_refused(path, expected)
    if "newer version" in expected:
        assert "use a newer version of the program or choose another file with --db" in message
    else:
        assert ADVICE in message
    after = os.stat(path)
    assert path.read_bytes() == content
    assert (after.st_ino, after.st_mtime_ns, after.st_mode) == (before.st_ino, before.st_mtime_ns, before.st_mode)
    # Nothing is added but the writer lock's (empty) file: no backup, no temporary file.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tracker.json.lock", "tracker.json"]


def test_the_good_file_of_these_tests_opens(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    path.write_bytes(GOOD)
    with Store.open(path) as store:
        assert store.load_plan(thai_plan().plan_id) == thai_plan()
    assert path.read_bytes() == GOOD  # opening alone does not rewrite the file


def test_folder_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    path.mkdir()
    assert "choose another file with --db" in assert_refused(path, "a folder, not a file")
    assert path.is_dir() and list(path.iterdir()) == []


def test_pipe_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    os.mkfifo(path)  # reading it would block forever
    assert_refused(path, "not a regular file")


def test_parent_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("บันทึก", encoding="utf-8")
    path = blocker / "sub" / "tracker.json"
    message = assert_refused(path, "is a file, not a folder")
    assert f"{blocker} is a file" in message
    assert blocker.read_text(encoding="utf-8") == "บันทึก"


def test_parent_is_a_file_directly(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_bytes(b"x")
    assert_refused(blocker / "tracker.json", f"{blocker} is a file, not a folder")
    assert blocker.read_bytes() == b"x"


def test_broken_link(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    path.symlink_to(tmp_path / "gone.json")
    assert_refused(path, "does not exist")
    assert path.is_symlink() and not (tmp_path / "gone.json").exists()


def test_file_without_read_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.json"
    path.write_bytes(GOOD)
    path.chmod(0o200)
    if os.geteuid() == 0:
        # Root reads every file regardless of its mode: make the opening fail as it would for a user.
        real_open = open

        def refusing_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(schema_module, "open", refusing_open, raising=False)
    assert_refused(path, "no permission to read the file")
    path.chmod(0o600)
    assert path.read_bytes() == GOOD


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_module, "MAX_FILE_BYTES", 100)
    path = tmp_path / "tracker.json"
    path.write_bytes(GOOD)
    assert_refused(path, "too large")
    assert path.read_bytes() == GOOD


def test_file_with_a_control_character_in_its_name(tmp_path: Path) -> None:
    path = tmp_path / "bad\nname.json"
    path.write_bytes(b"")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "\n" not in str(caught.value)
    assert repr(str(path)) in str(caught.value)


AT_ONCE = ("plan-id-not-text", "plan-id-twice", "plan-missing-field")  # what listing the plans reads
PLAN_DAMAGE = [c for c in DAMAGED if c[0].startswith("plan-") and c[0] not in AT_ONCE]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in PLAN_DAMAGE], ids=[c[0] for c in PLAN_DAMAGE])
def test_read_only_refuses_a_damaged_plan_when_it_is_read(tmp_path: Path, content: bytes, expected: str) -> None:
    """A read-only store checks plans as they are read (opening a large file stays cheap): same refusal."""
    path = tmp_path / "tracker.json"
    path.write_bytes(content)
    with Store.open(path, read_only=True) as store:
        assert [p.plan_id for p in store.list_plans()] == [thai_plan().plan_id]
        with pytest.raises(StoreError) as caught:
            store.load_plan(thai_plan().plan_id)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message and expected in message  # the refusal a writer gives
    assert path.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["tracker.json"]


@pytest.mark.parametrize("case", AT_ONCE)
def test_read_only_refuses_what_listing_needs_at_once(tmp_path: Path, case: str) -> None:
    content, expected = next(c[1:] for c in DAMAGED if c[0] == case)
    path = tmp_path / "tracker.json"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=expected.replace("(", r"\(")):
        Store.open(path, read_only=True)


def _set_project(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["plans"]["1"]["projects"][0][key] = value
    return change


def _set_plan(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["plans"]["1"][key] = value
    return change


def _project_is_text(data: dict[str, Any]) -> None:
    data["plans"]["1"]["projects"][0] = "โครงการ"


WHERE_IT_IS_WRONG = [
    ("amount", _set_project("budget", "abc"), "project 1 (number 1), field 'budget': is not a valid amount"),
    ("project not an object", _project_is_text, "project 1 is not a JSON object"),
    ("results not an object", _set_project("results", "x"), "field 'results': holds the wrong kind of value"),
    ("number missing", _set_project("number", None), "project 1, field 'number'"),
    ("dimension not a number", _set_project("dimension", "x"), "field 'dimension': holds a value that is not valid"),
    ("settings not an object", _set_plan("settings", [1]), "field 'settings'"),
    ("import findings not a list", _set_plan("import_findings", "x"), "field 'import_findings'"),
]
PYTHON_TEXT = ("Error(", "Error:", "<class", "InvalidOperation", "Traceback", "string indices", "object has no")


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "read-only"])
@pytest.mark.parametrize(
    ("change", "expected"), [c[1:] for c in WHERE_IT_IS_WRONG], ids=[c[0] for c in WHERE_IT_IS_WRONG]
)
def test_a_damaged_plan_is_described_in_words_never_as_a_python_error(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], expected: str, read_only: bool
) -> None:
    """Was "the data is damaged: InvalidOperation([<class 'decimal.ConversionSyntax'>])" and the like."""
    path = tmp_path / "tracker.json"
    path.write_bytes(edited(change))
    with pytest.raises(StoreError) as caught:
        if read_only:
            with Store.open(path, read_only=True) as store:
                store.load_plan(thai_plan().plan_id)
        else:
            Store.open(path).close()
    message = str(caught.value)
    assert expected in message and "plan document 1 cannot be read" in message and ADVICE in message
    assert not [text for text in PYTHON_TEXT if text in message], message
