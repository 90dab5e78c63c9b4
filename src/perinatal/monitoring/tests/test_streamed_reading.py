"""A submission file is read a chunk at a time, whatever its size: the lines are the ones the
whole text would give (line ends of any kind, split anywhere between chunks, characters split
between chunks), in the encoding a reading of the whole file would choose; a byte that does
not fit names its line. Its records and their line numbers are those of the csv module."""

import codecs
import csv
import io

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ..submissions.decoding import CP1252, UTF8, UTF8_BOM, DecodedLines, EncodingError
from ..submissions.records import csv_records
from .builders import csv_bytes, read, row

# Text that both encodings can write, with the line ends a file may have.
LINE = st.text(alphabet="abc,;é€ Ç\"'", max_size=12)
ENDING = st.sampled_from(["\n", "\r\n", "\r"])


def _lines(data: bytes, chunk_bytes: int) -> tuple[list[str], str]:
    lines = DecodedLines(io.BytesIO(data), chunk_bytes=chunk_bytes)
    return list(lines), lines.encoding


def _whole(data: bytes) -> tuple[str, str] | None:
    """The text and encoding a reading of the whole file chooses (decision 0010)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), UTF8_BOM
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), CP1252
        except UnicodeDecodeError:
            return None


def _starts_as_utf8(data: bytes) -> bool:
    """Whether the first character beyond ASCII is a whole UTF-8 one."""
    first = next((i for i, byte in enumerate(data) if byte > 0x7F), None)
    if first is None:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        return any(decoder.decode(data[i : i + 1]) for i in range(first, min(first + 4, len(data))))
    except UnicodeDecodeError:
        return False


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.tuples(LINE, ENDING), max_size=12),
    last=LINE,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    chunk_bytes=st.integers(min_value=1, max_value=9),
)
def test_the_lines_are_those_of_the_whole_text_however_it_is_cut(
    parts, last, encoding, chunk_bytes
):
    data = ("".join(line + end for line, end in parts) + last).encode(encoding)
    whole = _whole(data)
    try:
        lines, found = _lines(data, chunk_bytes)
    except EncodingError:
        # Only a file that reads as UTF-8 beyond ASCII and then not (mixed encodings).
        assert whole is not None and whole[1] == CP1252 and _starts_as_utf8(data)
        return
    assert whole is not None
    text, chosen = whole
    assert "".join(lines) == text
    assert lines == list(io.StringIO(text, newline=""))
    if not text.isascii():
        assert found == chosen


def test_windows_1252_is_chosen_when_the_first_non_ascii_text_comes_late():
    text = "a,b\r\n" * 1000 + "Één,x\r\n"
    lines, found = _lines(text.encode("cp1252"), chunk_bytes=64)
    assert found == CP1252
    assert lines[-1] == "Één,x\r\n"


def test_a_file_that_turns_out_not_to_be_utf8_after_utf8_text_is_an_error_on_its_line():
    data = "é,1\n".encode() + b"a,2\n" * 100 + b"\xe9,3\n"
    with pytest.raises(EncodingError) as error:
        _lines(data, chunk_bytes=16)
    assert (error.value.line, error.value.byte) == (102, 0xE9)


def test_a_character_split_between_two_chunks_is_read_whole():
    data = codecs.BOM_UTF8 + "x€y\n".encode()
    for chunk_bytes in range(1, 9):
        assert _lines(data, chunk_bytes) == (["x€y\n"], UTF8_BOM)


def test_a_long_file_read_in_small_chunks_gives_the_same_rows_as_read_whole():
    rows = [row(service_name="Dienst Één", hours=f"{n % 40}.25") for n in range(2000)]
    data = csv_bytes(rows, style="semicolon", encoding="cp1252")
    found = read(data)
    assert found.errors == [] and found.encoding == CP1252
    assert found.row_count == 2000


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet='ab,;" \r\né', max_size=80), delimiter=st.sampled_from([",", ";"]))
def test_the_records_and_their_lines_are_those_of_the_csv_module(text, delimiter):
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(iter(lines), delimiter=delimiter)
    expected = []
    try:
        expected = [(row, reader.line_num) for row in reader]
    except csv.Error:
        assume(False)
    assert list(csv_records(iter(lines), delimiter)) == expected


def test_a_quoted_value_beyond_the_csv_limit_is_an_error_on_its_line():
    data = csv_bytes([row()]) + b'2016,"' + b"x" * 200_000 + b'"\r\n'

    found = read(data)
    assert [(e.line, e.code) for e in found.errors] == [(3, "unreadable_line")]
