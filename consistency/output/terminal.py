"""The short summary a person sees in the terminal after a run (every document value through ``log_line``)."""

from __future__ import annotations

from tabulate import tabulate

from consistency._escape import log_line
from consistency.pipeline import Result


def summary_table(result: Result, limit: int = 10) -> str:
    """Headline counts, then the first ``limit`` conflicts with their evidence."""
    counts = result.counts()
    lines = [tabulate([[k.replace("_", " "), v] for k, v in counts.items()], tablefmt="simple", disable_numparse=True)]
    conflicts = result.comparisons[result.comparisons["verdict"] == "conflict"]
    if not conflicts.empty:
        rows = [
            [
                log_line(r.kind),
                _short(r.subject, width=None),
                log_line(f"{r.doc_a}:{r.line_a}"),
                _short(r.text_a),
                log_line(f"{r.doc_b}:{r.line_b}"),
                _short(r.text_b),
            ]
            for r in conflicts.head(limit).itertuples()
        ]
        lines.append("")
        lines.append(
            tabulate(
                rows,
                headers=["conflict", "subject", "where", "says", "where", "says"],
                tablefmt="simple",
                disable_numparse=True,
            )
        )
        if len(conflicts) > limit:
            lines.append(f"... and {len(conflicts) - limit} more conflicting pairs in the report")
    return "\n".join(lines)


def _short(text: object, width: int | None = 40) -> str:
    """One safe line of at most ``width`` characters (line breaks in a sentence read as spaces)."""
    s = log_line(" ".join(str(text).split()))
    return s if width is None or len(s) <= width else s[: width - 1] + "…"
