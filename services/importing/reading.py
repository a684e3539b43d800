"""Reading a CSV file as exported by Excel, Salesforce or HubSpot: encoding, delimiter, line numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

DELIMITERS = ",;\t"


class UnreadableFile(ValueError):
    """The file is not a CSV Rapport can read (encoding, no header)."""


@dataclass(frozen=True)
class Table:
    """A header and its rows, each row with the line it starts on in the file (the header is line 1)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8 (BOM or not), else GB18030 (Excel in China)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312, so one fallback covers all three.
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        raise UnreadableFile(f"the file is neither UTF-8 nor GB18030 (byte {e.start})") from e


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon (European Excel) or tab: whichever splits the header line into the most columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=lambda d: (len(next(csv.reader([first], delimiter=d), [])), d == ","))


def read_table(data: bytes) -> Table:
    """Parse the file; blank lines are skipped, short rows padded so every row has the header's width."""
    text, encoding = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    start = 1
    for record in reader:
        cells = tuple(c.strip() for c in record)
        if any(cells):
            if header is None:
                header = cells
            else:
                rows.append((start, cells + ("",) * (len(header) - len(cells))))
        start = reader.line_num + 1  # a quoted cell may span lines: the next record starts after this one
    if header is None:
        raise UnreadableFile("the file is empty: a CSV needs a header line")
    return Table(header, tuple(rows), encoding)
