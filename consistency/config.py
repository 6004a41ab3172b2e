"""Settings that change verdicts: tolerances and how sure the aligner must be."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Settings:
    """Knobs of the align and compare stages.

    >>> Settings().with_overrides({"quantity_tolerance": "0.05"}).quantity_tolerance
    0.05
    """

    #: Two single quantities agree when they differ by at most this fraction of the larger one.
    quantity_tolerance: float = 0.0
    #: Two single days agree when they are at most this many days apart.
    date_tolerance_days: int = 0
    #: Minimum alignment score (0-100) for two facts to count as the same claim.
    min_score: float = 40.0

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
            except ValueError:
                raise ValueError(f"setting {name!r} needs a number, got {raw!r}") from None
            if value < 0:
                raise ValueError(f"setting {name!r} must not be negative, got {raw!r}")
            changes[key] = value
        return replace(self, **changes)  # type: ignore[arg-type]
