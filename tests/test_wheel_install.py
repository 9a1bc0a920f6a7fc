"""tracker built as a wheel and installed into a fresh virtual environment, as pip or pipx do (issue 17).

The wheel is built from a copy of the project's files (the build writes ``build/`` and ``*.egg-info``
beside its sources, never in the checkout) and installed with pip into a new virtual environment.
The commands then run from an empty folder outside the checkout, with their own ``HOME`` and
``XDG_DATA_HOME``: they must give exactly what the checkout gives on a new database, keep the database
in the user's data folder, put exports in the current folder, and write nothing into the environment.

No network: the environment's dependencies are the ones the project's own ``.venv`` has installed, and
only those the wheel declares (its ``Requires-Dist``, followed through each dependency's own), each
linked into a folder the new environment reads through a ``.pth`` file. A module the code imports
without declaring it is therefore missing here, as it would be after ``pip install tracker``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the environment's layout and XDG_DATA_HOME are Linux's; see the README"
)


def _requirements(dist: metadata.Distribution | Path) -> list[Requirement]:
    """The requirements a distribution (or a wheel's METADATA file) declares for a plain install."""
    lines = dist.read_text(encoding="utf-8").splitlines() if isinstance(dist, Path) else None
    declared = (
        [line.split(":", 1)[1].strip() for line in lines if line.startswith("Requires-Dist:")]
        if lines is not None
        else dist.requires or []
    )
    wanted = []
    for text in declared:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            wanted.append(req)
    return wanted


def _closure(roots: list[Requirement]) -> dict[str, metadata.Distribution]:
    """Every installed distribution the requirements need, each checked against its version range."""
    found: dict[str, metadata.Distribution] = {}
    todo = list(roots)
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        dist = metadata.distribution(req.name)  # PackageNotFoundError: declared but not installed
        assert req.specifier.contains(dist.version, prereleases=True), f"{req} but {dist.version} is installed"
        if name in found:
            continue
        found[name] = dist
        todo.extend(_requirements(dist))
    return found


def _link_dependencies(dists: dict[str, metadata.Distribution], folder: Path) -> None:
    """Link the top-level files and folders of each distribution into ``folder``."""
    folder.mkdir()
    for dist in dists.values():
        tops = {Path(str(f)).parts[0] for f in dist.files or []}
        for top in tops - {".."}:  # "..": scripts in bin/, not importable
            source = Path(str(dist.locate_file(top)))
            target = folder / top
            if source.exists() and not target.exists():
                target.symlink_to(source)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (links not followed) with its size and modification time."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            out[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the project's files."""
    base = tmp_path_factory.mktemp("build")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "tracker", source / "tracker", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = base / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(wheels),
                            str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (built_wheel,) = wheels.glob("tracker-*.whl")
    return built_wheel


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new virtual environment with the wheel installed in it."""
    base = tmp_path_factory.mktemp("venv")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    env_dir = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=120)
    python = env_dir / "bin" / "python"
    installed = subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (dist_info,) = site.glob("tracker-*.dist-info")
    _link_dependencies(_closure(_requirements(dist_info / "METADATA")), base / "dependencies")
    (site / "_tracker_test_dependencies.pth").write_text(f"{base / 'dependencies'}\n", encoding="utf-8")
    yield env_dir


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    assert wheel.name == f"tracker-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        held = set(archive.namelist())
    package = {str(p.relative_to(ROOT)) for p in (ROOT / "tracker").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    # The default plan and its seed, the PDF font and its licence, the app's styles, every module.
    assert {"tracker/importer/seed/default-plan.json", "tracker/reports/fonts/Sarabun-Regular.ttf",
            "tracker/ui/tracker.tcss"} <= package
    assert package - held == set()


@pytest.fixture
def user(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment and an empty working folder for a user who has never run tracker."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "TRACKER_DB", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"), COLUMNS="120")
    work = tmp_path / "work"
    work.mkdir()
    return env, work


def _run(program: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(program, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_installed_command_works_from_any_folder_and_writes_nothing_into_the_environment(
    venv: Path, user: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    env, work = user
    tracker = [str(venv / "bin" / "tracker")]
    before = _snapshot(venv)

    version = _run([*tracker, "--version"], env, work)
    assert version.returncode == 0, version.stderr
    assert VERSION in version.stdout
    as_module = _run([str(venv / "bin" / "python"), "-m", "tracker", "--version"], env, work)
    assert as_module.stdout == version.stdout

    # The package imported is the installed one, not the checkout.
    where = _run([str(venv / "bin" / "python"), "-c", "import tracker; print(tracker.__file__)"], env, work)
    assert where.stdout.strip().startswith(sysconfig.get_path("purelib", vars={"base": str(venv)}))

    summary = _run([*tracker, "summary", "--digits", "arabic"], env, work)
    assert summary.returncode == 0, summary.stderr
    database = Path(env["XDG_DATA_HOME"]) / "tracker" / "tracker.json"
    assert database.is_file()
    assert str(database) in summary.stderr  # said where it was created, the first time only
    for figure in ("องค์การบริหารส่วนตำบลบางเตย", "งบประมาณรวม 180,000.00 บาท", "ร้อยละ 85.00"):
        assert figure in summary.stdout

    exported = _run([*tracker, "export", "--format", "md", "--digits", "arabic"], env, work)
    assert exported.returncode == 0, exported.stderr
    (report,) = (work / "exports").glob("*.md")
    check = _run([*tracker, "check", "--digits", "arabic"], env, work)
    assert check.returncode == 1, check.stderr  # the real report's own mistake is found: exit 1
    assert re.search(r"รวม \d+ รายการ: ข้อผิดพลาด \(error\) 1", check.stdout)
    again = _run([*tracker, "summary", "--digits", "arabic"], env, work)
    assert str(database) not in again.stderr

    # The same figures, words and findings as the checkout gives on a new database.
    checkout = {**env, "TRACKER_DB": str(tmp_path / "checkout.json")}
    ours = [sys.executable, "-m", "tracker"]
    assert _run([*ours, "summary", "--digits", "arabic"], checkout, ROOT).stdout == summary.stdout
    assert _run([*ours, "check", "--digits", "arabic"], checkout, ROOT).stdout == check.stdout
    theirs = tmp_path / "checkout.md"
    _run([*ours, "export", "--format", "md", "--digits", "arabic", "-o", str(theirs)], checkout, ROOT)
    assert report.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")

    assert _snapshot(venv) == before  # nothing written into the environment (site-packages included)
