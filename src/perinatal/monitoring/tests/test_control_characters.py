"""Control characters and UTF-16 in a submission (issue 17): a NUL or another control
character is an error at its line and column, a UTF-16 file with a byte order mark is read,
one without is refused at line 1, and the refused upload is kept (its error list stored as
JSON, which PostgreSQL refuses with a raw \\u0000 in it)."""

import codecs

import pytest
import time_machine

from ..models import RejectedSubmission, Submission
from ..submissions.decoding import DecodedLines, Utf16WithoutBom
from .builders import csv_bytes, row
from .test_api_submissions import post_csv, refusal, service_api, stored  # noqa: F401
from .upload_support import IMPORTS, START

pytestmark = IMPORTS


def errors_of(found: dict) -> list[tuple[int, str, str, str]]:
    assert found["code"] == "invalid_submission", found
    return [(e["line"], e["column"], e["value"], e["code"]) for e in found["errors"]]


@pytest.mark.parametrize(
    ("char", "shown"), [("\x00", "\\x00"), ("\x01", "\\x01"), ("\x1b", "\\x1b"), ("\x7f", "\\x7f")]
)
def test_a_control_character_is_an_error_at_its_line_and_column(service_api, char, shown):  # noqa: F811
    data = csv_bytes([row(), row(family_id=f"F{char}9"), row()])
    with time_machine.travel(START, tick=False):
        found = refusal(service_api, post_csv(service_api, data, name="nul.csv"))
    assert errors_of(found) == [(3, "family_id", f"F{shown}9", "control_character")]
    [error] = found["errors"]
    assert f"U+{ord(char):04X}" in error["message"] and "position 2" in error["message"]
    rejection = RejectedSubmission.objects.get()  # the refused upload is kept
    assert rejection.errors[0]["value"] == f"F{shown}9"
    assert not Submission.objects.exists()


def test_a_control_character_in_a_row_found_in_the_cache_is_still_found(service_api):  # noqa: F811
    """The reader checks a row like one it has seen only in part: the control character is
    in the dossier, which the cache does not hold."""
    rows = [row(dossier_id=f"D{n}") for n in range(5)] + [row(dossier_id="D\x005")]
    with time_machine.travel(START, tick=False):
        found = refusal(service_api, post_csv(service_api, csv_bytes(rows)))
    assert errors_of(found) == [(7, "dossier_id", "D\\x005", "control_character")]


def test_a_control_character_in_the_header_is_named(service_api):  # noqa: F811
    data = csv_bytes([row()]).replace(b"hours", b"ho\x00urs", 1)
    with time_machine.travel(START, tick=False):
        found = refusal(service_api, post_csv(service_api, data))
    assert errors_of(found) == [(1, "ho\\x00urs", "ho\\x00urs", "control_character")]
    assert RejectedSubmission.objects.exists()


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_a_utf16_file_with_a_byte_order_mark_is_read(service_api, bom):  # noqa: F811
    name = "Dienst gezinszorg Ève"
    text = csv_bytes([row(service_name=name), row(service_name=name)]).decode("utf-8")
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    with time_machine.travel(START, tick=False):
        found = stored(service_api, post_csv(service_api, bom + text.encode(codec)))
    assert found and Submission.objects.get().service_name == name


def test_a_utf16_file_without_a_byte_order_mark_is_refused_clearly_and_kept(service_api):  # noqa: F811
    data = csv_bytes([row()]).decode("utf-8").encode("utf-16-le")
    with time_machine.travel(START, tick=False):
        found = refusal(service_api, post_csv(service_api, data, name="excel.csv"))
    assert errors_of(found) == [(1, "", "", "utf16_without_bom")]
    assert "UTF-16" in found["errors"][0]["message"]
    assert RejectedSubmission.objects.get().errors[0]["code"] == "utf16_without_bom"


class Stream:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        head, self.data = self.data[:size], self.data[size:]
        return head

    def close(self) -> None:
        pass


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 20])
def test_utf16_is_decoded_whatever_the_chunks(chunk):
    text = "a;b\r\nÉé;ĊĀ\n€;x\n"
    lines = DecodedLines(Stream(codecs.BOM_UTF16_LE + text.encode("utf-16-le")), chunk)
    assert "".join(lines) == text
    assert lines.encoding == "utf-16" and not lines.has_control


def test_utf16_without_a_bom_is_refused_by_the_decoder():
    with pytest.raises(Utf16WithoutBom):
        list(DecodedLines(Stream("year;x\n".encode("utf-16-be"))))


@pytest.mark.parametrize("chunk", [1, 5, 1 << 20])
def test_the_decoder_says_whether_it_read_a_control_character(chunk):
    clean = DecodedLines(Stream(b"a;b\r\n\tc;d\n"), chunk)
    list(clean)
    assert not clean.has_control
    dirty = DecodedLines(Stream(b"a;b\nc;\x00d\n"), chunk)
    list(dirty)
    assert dirty.has_control
