"""What an import did, or why it did nothing: counts per kind, columns left out, and reasons by line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Counts:
    """Records created, updated and found unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    """The outcome of one file; nothing was written when `errors` is not empty."""

    kind: str
    source: str
    encoding: str = "utf-8"
    counts: dict[str, Counts] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    summary: str | None = None  # one line in place of the counts (deals: new, updated, won, lost, open)

    @property
    def ok(self) -> bool:
        """True when the file was imported."""
        return not self.errors

    def count(self, kind: str) -> Counts:
        """The counters of one kind of record, created on first use."""
        return self.counts.setdefault(kind, Counts())

    def lines(self) -> list[str]:
        """The report as the CLI prints it."""
        if self.errors:
            head = [f"{self.source}: nothing imported, {len(self.errors)} problem(s):"]
            return head + [f"  {e}" for e in self.errors]
        out = [f"{self.source}: imported {self.kind} ({self.encoding})"]
        out += [f"  {self.summary}"] if self.summary else [
            f"  {k}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged" for k, c in self.counts.items()]
        if self.ignored:
            out.append("  ignored columns: " + ", ".join(self.ignored))
        if self.dropped:
            out.append("  dropped columns (identity numbers are never stored): " + ", ".join(self.dropped))
        return out + [f"  {n}" for n in self.notes]
