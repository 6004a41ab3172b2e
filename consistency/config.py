"""Settings that change verdicts (tolerances, how sure the aligner must be) and configuration files."""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

from consistency.corpus import STORY_SOURCES, glob_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


#: The values each setting accepts: (lowest, highest, is the highest allowed). A NaN or an infinity never is:
#: a gate with ``min-score = nan`` would pass everything, a tolerance of 1 or more would make any two counts agree.
LIMITS: dict[str, tuple[float, float, bool]] = {
    "quantity_tolerance": (0.0, 1.0, False),
    "date_tolerance_days": (0, 3650, True),
    "min_score": (0.0, 100.0, True),
    "time_budget": (0.1, 3600.0, True),
}


def setting_problem(name: str, value: object) -> str | None:
    """Why ``value`` cannot be setting ``name`` (a field of :class:`Settings`), or None when it can.

    >>> setting_problem("min_score", float("nan")), setting_problem("min_score", 100)
    ('must be a number from 0 to 100', None)
    >>> setting_problem("quantity_tolerance", 1.0), setting_problem("date_tolerance_days", 2.5)
    ('must be a number from 0 to less than 1', 'must be a whole number of days from 0 to 3650')
    """
    low, high, closed = LIMITS[name]
    if name == "date_tolerance_days":
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"must be a whole number of days from {low:g} to {high:g}"
    ok = (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value
        and (value <= high if closed else value < high)
    )
    return None if ok else f"must be a number from {low:g} to {'' if closed else 'less than '}{high:g}"


@dataclass(frozen=True)
class Settings:
    """Knobs of the align and compare stages; out-of-range values raise ``ValueError`` (see :data:`LIMITS`).

    >>> Settings().with_overrides({"quantity_tolerance": "0.05"}).quantity_tolerance
    0.05
    >>> Settings().with_overrides({"min_score": "nan"})
    Traceback (most recent call last):
    ValueError: setting 'min_score' must be a number from 0 to 100, got 'nan'
    >>> Settings(quantity_tolerance=float("inf"))
    Traceback (most recent call last):
    ValueError: setting 'quantity_tolerance' must be a number from 0 to less than 1, got inf
    """

    #: Two single quantities agree when they differ by at most this fraction of the larger one.
    quantity_tolerance: float = 0.0
    #: Two single days agree when they are at most this many days apart.
    date_tolerance_days: int = 0
    #: Minimum alignment score (0-100) for two facts to count as the same claim.
    min_score: float = 40.0
    #: Seconds per MB (at least 2 s) a document may take to extract before it is skipped with a warning.
    #: Ordinary news takes about 1 s per MB; nothing should come near.
    time_budget: float = 10.0

    def __post_init__(self) -> None:
        for name in LIMITS:
            value = getattr(self, name)
            problem = setting_problem(name, value)
            if problem:
                raise ValueError(f"setting {name!r} {problem}, got {value!r}")

    def with_overrides(self, values: dict[str, str]) -> Settings:
        """Return a copy with ``name=value`` overrides parsed to each field's type.

        Raises ``ValueError`` naming the field when a name or value is wrong.
        """
        known = {f.name: f for f in fields(self)}
        changes: dict[str, float | int] = {}
        for name, raw in values.items():
            key = name.replace("-", "_")
            if key not in known:
                raise ValueError(f"unknown setting {name!r} (known: {', '.join(sorted(known))})")
            caster = int if known[key].type in ("int", int) else float
            try:
                value = caster(raw)
            except (ValueError, OverflowError):  # int() of a 5,000-digit string is a ValueError too
                raise ValueError(f"setting {name!r} needs a number, got {_shown(raw)}") from None
            problem = setting_problem(key, value)
            if problem:
                raise ValueError(f"setting {name!r} {problem}, got {_shown(raw)}")
            changes[key] = value
        return replace(self, **changes)  # type: ignore[arg-type]


# --- configuration files ---------------------------------------------------------------------------------

#: Configuration files looked for in the working directory and the folders above it (see :func:`find_config`);
#: in one folder, the first that exists and configures us wins.
CONFIG_FILES = (".consistency.toml", "pyproject.toml")

#: Every key a configuration file may set, with the type it must have. Keys are the long CLI flags.
CONFIG_KEYS: dict[str, type] = {
    "paths": list,
    "format": str,
    "fail-on": str,
    "exit-zero": bool,
    "baseline": str,
    "strict-baseline": bool,
    "report-dir": str,
    "output-file": str,
    "quantity-tolerance": float,
    "date-tolerance": int,
    "min-score": float,
    "time-budget": float,
    "published": dict,
    "exclude": list,
    "stories": str,
}

#: Keys whose values are paths: a relative one is relative to the configuration file's folder, wherever the
#: command runs (``exclude`` patterns are too, but stay patterns: pass the folder as ``globs_root``).
PATH_KEYS = ("paths", "baseline", "report-dir", "output-file")


#: Configuration keys that are settings, and the :class:`Settings` field each sets.
SETTING_KEYS = {
    "quantity-tolerance": "quantity_tolerance",
    "date-tolerance": "date_tolerance_days",
    "min-score": "min_score",
    "time-budget": "time_budget",
}


def _shown(raw: object, limit: int = 40) -> str:
    """``repr(raw)``, cut short: an error message stays one readable line whatever was typed.

    >>> _shown("9" * 100) == "'" + "9" * 38 + "…"
    True
    """
    text = repr(raw)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ConfigError(Exception):
    """A configuration file cannot be used; str() is one line naming the file and the key."""


def find_config(directory: Path) -> Path | None:
    """The configuration file that applies in ``directory``, found as ruff and sqlfluff find theirs: in
    ``directory``, else in the nearest folder above it that has one. The search stops at the top of a git
    work tree (a folder holding ``.git``) and at the filesystem root. In one folder ``.consistency.toml``
    wins over ``pyproject.toml``, which only counts when it has a ``[tool.consistency]`` table.

    >>> import tempfile, pathlib
    >>> top = pathlib.Path(tempfile.mkdtemp()); (top / ".git").mkdir(); (top / "docs" / "api").mkdir(parents=True)
    >>> _ = (top / "pyproject.toml").write_text('[tool.consistency]\\nfail-on = "compatible"\\n')
    >>> find_config(top / "docs" / "api") == top / "pyproject.toml"
    True
    """
    folder = Path(os.path.abspath(directory))
    while True:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or "[tool.consistency" in _read(candidate)):
                return candidate
        if (folder / ".git").exists() or folder.parent == folder:
            return None  # the top of the repository: a file above it configures some other project
        folder = folder.parent


def load_config(path: Path, cwd: Path | None = None) -> dict[str, object]:
    """Read and check one configuration file; returns its keys (CLI flag names) and values.

    Relative paths (:data:`PATH_KEYS`) are relative to the file's folder; they come back relative to ``cwd``
    (the working folder when None), so a file found above the working folder means what it says:

    >>> import tempfile, pathlib
    >>> top = pathlib.Path(tempfile.mkdtemp()); (top / "sub").mkdir()
    >>> _ = (top / ".consistency.toml").write_text('paths = ["docs/"]\\nbaseline = "ci/baseline.json"\\n')
    >>> load_config(top / ".consistency.toml", cwd=top / "sub")
    {'paths': ['../docs'], 'baseline': '../ci/baseline.json'}
    >>> load_config(top / ".consistency.toml", cwd=top)
    {'paths': ['docs/'], 'baseline': 'ci/baseline.json'}

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / ".consistency.toml"
    >>> _ = f.write_text('fail-on = "conflict"\\nmin-score = 50\\n')
    >>> load_config(f)
    {'fail-on': 'conflict', 'min-score': 50.0}
    >>> _ = f.write_text('min-score = nan\\n')
    >>> load_config(f)
    Traceback (most recent call last):
    consistency.config.ConfigError: ...: key 'min-score' must be a number from 0 to 100, got nan
    >>> _ = f.write_text('fail_on = "conflict"\\n')
    >>> load_config(f)
    Traceback (most recent call last):
    consistency.config.ConfigError: ...: unknown key 'fail_on' (known: ...)
    """
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML ({err})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("consistency", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.consistency] must be a table")
    out: dict[str, object] = {}
    for key, value in data.items():
        if key not in CONFIG_KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(sorted(CONFIG_KEYS))})")
        expected = CONFIG_KEYS[key]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{path}: key {key!r} must be {_type_name(expected)}, got {_shown(value)}")
        if isinstance(value, list) and not all(isinstance(p, str) for p in value):
            raise ConfigError(f"{path}: key {key!r} must be a list of strings")
        if isinstance(value, dict):
            value = {str(k): str(v) for k, v in value.items()}
        if key == "stories" and value not in STORY_SOURCES:
            raise ConfigError(f"{path}: key 'stories' must be one of {', '.join(STORY_SOURCES)}, not {value!r}")
        if key == "exclude":
            for pattern in value:
                problem = glob_problem(pattern)
                if problem:
                    raise ConfigError(f"{path}: key 'exclude': {_shown(pattern)} is {problem}")
        if key in SETTING_KEYS:
            problem = setting_problem(SETTING_KEYS[key], value)
            if problem:
                raise ConfigError(f"{path}: key {key!r} {problem}, got {_shown(value)}")
        out[key] = value
    return _resolved(out, path, cwd)


def _resolved(values: dict[str, object], path: Path, cwd: Path | None) -> dict[str, object]:
    """``values`` with the relative paths of :data:`PATH_KEYS` made relative to ``cwd`` instead of ``path``'s
    folder (left as written when the two are one folder)."""
    folder = os.path.abspath(path.parent)
    here = os.path.abspath(cwd if cwd is not None else os.curdir)
    if folder == here:
        return values

    def moved(value: str) -> str:
        if os.path.isabs(value):
            return value
        return os.path.relpath(os.path.join(folder, value), here)

    out = dict(values)
    for key in PATH_KEYS:
        value = out.get(key)
        if isinstance(value, str):
            out[key] = moved(value)
        elif isinstance(value, list):
            out[key] = [moved(v) for v in value]
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read ({err})") from None


def _type_name(kind: type) -> str:
    return {
        list: "a list",
        str: "a string",
        bool: "true or false",
        float: "a number",
        int: "an integer",
        dict: "a table",
    }[kind]
