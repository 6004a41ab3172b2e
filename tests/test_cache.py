"""The place table kept on disk between runs (``consistency._cache``): read back equal, built again whenever its
inputs changed or its file is damaged, and never needed for a run to work."""

from __future__ import annotations

import filecmp
import marshal
import subprocess
import sys
from pathlib import Path

import pytest

from consistency._cache import CACHE_ENV, cache_dir, cached_table
from consistency.extract.places import _Gazetteer, _geonames_version, find_places

ROOT = Path(__file__).resolve().parent.parent


class _Builds:
    """A table of three numbers that counts how often it was built."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> list[int]:
        self.count += 1
        return [1, 2, 3]


def _table(build: _Builds, made_from: tuple[str, ...] = ()) -> list[int]:
    return cached_table("numbers", build, tuple, list, made_from)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_table_is_built_once_then_read(folder: Path) -> None:
    build = _Builds()
    assert _table(build) == [1, 2, 3]
    assert _table(build) == [1, 2, 3]
    assert build.count == 1
    assert len(list(folder.glob("numbers-*.marshal"))) == 1


def test_other_inputs_build_again_and_replace_the_old_file(folder: Path) -> None:
    build = _Builds()
    _table(build, ("data 1.0",))
    first = list(folder.glob("numbers-*.marshal"))
    (folder / "gazetteer-0123.marshal").write_bytes(b"another table's file")
    _table(build, ("data 2.0",))
    assert build.count == 2
    second = list(folder.glob("numbers-*.marshal"))
    assert len(second) == 1 and second != first
    assert (folder / "gazetteer-0123.marshal").exists()  # not this table's to remove


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", marshal.dumps((1, 2))[:3], marshal.dumps({"a": 1})])
def test_a_damaged_file_is_built_again_and_rewritten(folder: Path, damage: bytes) -> None:
    build = _Builds()
    _table(build)
    (path,) = folder.glob("numbers-*.marshal")
    path.write_bytes(damage)
    loads: list[object] = []

    def load(values: object) -> list[int]:
        loads.append(values)
        if not isinstance(values, tuple):
            raise TypeError("not this table")
        return list(values)

    assert cached_table("numbers", build, tuple, load) == [1, 2, 3]
    assert build.count == 2
    assert marshal.loads(path.read_bytes()) == (1, 2, 3)


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for off in ("off", "", "OFF"):
        monkeypatch.setenv(CACHE_ENV, off)
        assert cache_dir() is None
        build = _Builds()
        _table(build)
        _table(build)
        assert build.count == 2
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "consistency"


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    build = _Builds()
    assert _table(build) == [1, 2, 3]
    assert _table(build) == [1, 2, 3]
    assert build.count == 2
    assert blocker.read_text() == "not a folder"


def test_the_place_table_reads_back_equal(folder: Path) -> None:
    built = _Gazetteer.built()
    read = _Gazetteer.load(marshal.loads(marshal.dumps(built.dump())))
    assert list(read.index.items()) == list(built.index.items())
    assert list(read.by_id.items()) == list(built.by_id.items())
    # One object per place, as built: the index and the ids hold the same ones.
    assert all(read.by_id[e.place.geonameid] is e.place for e in read.index.values() if e.place.geonameid > 0)
    assert len(built.index) > 30_000 and "geneva" in read.index


def test_the_place_table_depends_on_the_geonames_data() -> None:
    version = _geonames_version()
    assert version[0] and any(part.startswith("cities15000.json:") for part in version[1:])


def test_a_run_reads_the_same_places_from_the_cache(tmp_path: Path) -> None:
    """The same report whether the place table was built in the run, read from the cache, or the cache is off."""
    code = "import sys; from consistency.cli import main; main()"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), CACHE_ENV: str(tmp_path / "cache")}
    outs = []
    for n, cache in enumerate([str(tmp_path / "cache"), str(tmp_path / "cache"), "off"]):
        out = tmp_path / f"out{n}"
        subprocess.run(
            [sys.executable, "-c", code, "report", str(ROOT / "seeds"), "--out", str(out), "--jobs", "1"],
            env={**env, CACHE_ENV: cache},
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )
        outs.append(out)
    assert len(list((tmp_path / "cache").glob("gazetteer-*.marshal"))) == 1
    for other in outs[1:]:
        same, different, errors = filecmp.cmpfiles(outs[0], other, [p.name for p in outs[0].iterdir()], shallow=False)
        assert not different and not errors and len(same) == 5
    assert [p.name for p in find_places("Talks resume in Geneva.")] == ["Geneva"]


def test_the_file_name_changes_with_the_package_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other code builds the table again: its file name digests the package's sources (or, installed without
    them, its compiled files)."""
    import consistency._cache as cache

    package = tmp_path / "consistency"
    (package / "extract").mkdir(parents=True)
    monkeypatch.setattr(cache, "_PACKAGE", package)
    (package / "extract" / "places.py").write_text("TABLE = 1\n")
    first = cache._digest("gazetteer", ["geonames 3.0"])
    assert cache._digest("gazetteer", ["geonames 3.0"]) == first
    (package / "extract" / "places.py").write_text("TABLE = 2\n")
    second = cache._digest("gazetteer", ["geonames 3.0"])
    assert second != first
    assert cache._digest("gazetteer", ["geonames 3.1"]) != second
    (package / "extract" / "places.py").unlink()
    (package / "extract" / "places.pyc").write_bytes(b"compiled 1")
    third = cache._digest("gazetteer", ["geonames 3.0"])
    (package / "extract" / "places.pyc").write_bytes(b"compiled 2")
    assert cache._digest("gazetteer", ["geonames 3.0"]) not in (third, second)
