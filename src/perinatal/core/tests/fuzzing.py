"""What the fuzz tests of the parsers of outside files share (issue 17, item 5): inputs made
from a valid file by Hypothesis (bytes inserted, deleted, replaced, repeated, cut; the text
re-encoded), arbitrary bytes, the settings that bound the run in time, and the tally a run
prints (`fuzz database=… parser=… inputs=… refused=… accepted=… escapes=…`, shown at the end
of the run by `conftest.py`, quoted in docs/security.md).

A parser passes when every input is either accepted or refused with the project's refusal
(which names the file, the line or record and the field) and a refusal stores nothing; any
other exception is an escape, counted and shown.
"""

import traceback
from dataclasses import dataclass, field
from datetime import timedelta

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# Bytes that parsers of CSV and JSON meet at their edges.
INTERESTING = [
    b"\x00",
    b"\x1b",
    b"\x7f",
    b",",
    b";",
    b'"',
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b"\xef\xbb\xbf",  # a UTF-8 byte order mark
    b"\xff\xfe",  # UTF-16 LE's
    b"\xfe\xff",  # UTF-16 BE's
    b"\xc3",  # half a UTF-8 character
    b"\xe9",  # é in Windows-1252
    b"\xed\xa0\x80",  # a surrogate, encoded (not UTF-8)
    "é".encode(),
    "\u2028".encode(),
    b"{",
    b"}",
    b"[",
    b"]",
    b"null",
    b"true",
    b"1e999",
    b"-1",
    b"0",
    b"9" * 40,
    b"\\u0000",
    b"\\ud800",
    b"2016",
    b"GZ-001",
    b"00000000-0000-0000-0000-000000000000",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


def fuzz_settings(examples: int) -> settings:
    """At most `examples` inputs, each within a deadline, no shrinking, the same inputs on
    every run (derandomised: CI is reproducible; the mutations still cover the file)."""
    return settings(
        max_examples=examples,
        deadline=timedelta(seconds=5),
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` changed in one to five places."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat", "cut"]))
        at = draw(st.integers(0, len(data)))
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(INTERESTING) | st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "replace" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        elif kind == "cut":
            del data[at:]
    return bytes(data)


@st.composite
def reencoded(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed`'s text in another encoding (what it cannot encode replaced)."""
    encoding = draw(st.sampled_from(ENCODINGS))
    return seed.decode("utf-8").encode(encoding, errors="replace")


def inputs(seed: bytes) -> st.SearchStrategy[bytes]:
    """Mutations of a valid file, most of the time; re-encodings and arbitrary bytes too."""
    return st.one_of(
        mutated(seed),
        mutated(seed),
        mutated(seed),
        reencoded(seed),
        st.binary(max_size=2_000),
    )


@dataclass
class FuzzTally:
    parser: str
    inputs: int = 0
    refused: int = 0
    accepted: int = 0
    escapes: list[str] = field(default_factory=list)

    def escaped(self, data: bytes, exc: BaseException) -> None:
        where = "".join(traceback.format_exception(exc)[-3:])
        self.escapes.append(f"{type(exc).__name__} for {data[:120]!r}\n{where}")

    def line(self, database: str) -> str:
        return (
            f"fuzz database={database} parser={self.parser} inputs={self.inputs} "
            f"refused={self.refused} accepted={self.accepted} escapes={len(self.escapes)}"
        )

    def report(self, database: str) -> str:
        return "\n".join([self.line(database), *self.escapes[:5]])
