"""A submission file's bytes as lines of text, read a chunk at a time (so a file of any size
is held in memory one chunk at a time), in the encoding the file is written in (decision 0010):

- UTF-8 with a BOM (`utf-8-sig`);
- UTF-16 with a BOM (`utf-16`, what Excel writes as "Unicode text"); UTF-16 without one (the
  first bytes of an ASCII header alternate with NULs) is refused at line 1 (`Utf16WithoutBom`);
- else UTF-8, unless the first chunk that holds anything but ASCII is not UTF-8: then
  Windows-1252. Up to that chunk both read the same, so the choice is the one a reading of
  the whole file would make. A file that turns out not to be UTF-8 further on, after UTF-8
  text, is an error at that line (it mixes encodings), as is a byte Windows-1252 leaves
  undefined.

Whether any decoded text held a control character (`has_control`, `core/control_characters.py`)
is known as soon as its chunk is read: the reader then looks for it in each row, to name the
line and column; a file without one costs one search per chunk.

The lines keep their line ends (`\\n`, `\\r\\n` or `\\r`) and are cut only there, as
`io.StringIO(text, newline="")` cuts them, which is what the csv module expects."""

import codecs
import io
from collections.abc import Iterator
from itertools import chain
from typing import Protocol

from perinatal.core.control_characters import CONTROL

CHUNK_BYTES = 1 << 20
# A "line" this long without a line end is handed on as it is (the csv module then refuses
# the record) rather than kept whole in memory.
LONGEST_LINE = 4 * CHUNK_BYTES

UTF8, UTF8_BOM, CP1252, UTF16 = "utf-8", "utf-8-sig", "windows-1252", "utf-16"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class ByteStream(Protocol):
    """What a file is read from: an open file, a file of the storage."""

    def read(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class EncodingError(Exception):
    """A byte that the file's encoding cannot read, on `line` (1 is the header)."""

    def __init__(self, line: int, byte: int) -> None:
        super().__init__(f"line {line}: byte 0x{byte:02x}")
        self.line = line
        self.byte = byte


class Utf16WithoutBom(Exception):
    """The file starts with NULs between ASCII letters: UTF-16 without a byte order mark."""


class DecodedLines:
    """Iterate over the lines of `stream`; `encoding` is known once the first non-ASCII
    chunk is read (UTF-8 until then), `bytes_read` says how far the stream was read."""

    def __init__(self, stream: ByteStream, chunk_bytes: int = CHUNK_BYTES) -> None:
        self.stream = stream
        self.chunk_bytes = chunk_bytes
        self.encoding = UTF8
        self.bytes_read = 0
        self._decided = False
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._newlines = 0  # "\n" in the text decoded before the current chunk
        self.has_control = False  # a control character was read

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self._blocks())

    def _read(self) -> bytes:
        data = self.stream.read(self.chunk_bytes)
        self.bytes_read += len(data)
        return data

    def _blocks(self) -> Iterator[io.StringIO]:
        data = self._read()
        while len(data) < len(codecs.BOM_UTF8) and (more := self._read()):
            data += more
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :] or self._read()
            self.encoding, self._decided = UTF8_BOM, True
        elif data.startswith(UTF16_BOMS):
            self.encoding, self._decided = UTF16, True
            self._decoder = codecs.getincrementaldecoder("utf-16")()  # reads and drops the BOM
        elif len(data) >= 2 and (data[0] == 0) != (data[1] == 0):
            raise Utf16WithoutBom
        leftover = ""
        while data:
            new = self._decode(data, final=False)
            if not self.has_control and CONTROL.search(new):
                self.has_control = True
            text = leftover + new
            self._newlines += new.count("\n")
            # Cut after the last line end; a "\r" at the very end may be the start of "\r\n".
            cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
            if cut == 0 and len(text) > LONGEST_LINE:
                cut = len(text)
            leftover = text[cut:]
            if cut:
                yield io.StringIO(text[:cut], newline="")
            data = self._read()
        new = self._decode(b"", final=True)
        if not self.has_control and CONTROL.search(new):
            self.has_control = True
        text = leftover + new
        if text:
            yield io.StringIO(text, newline="")

    def _decode(self, data: bytes, *, final: bool) -> str:
        if not self._decided:
            held = self._decoder.getstate()[0]
            if not held and data.isascii():
                return data.decode("ascii")
            try:
                text = self._decoder.decode(data, final)
            except UnicodeDecodeError:
                self.encoding, self._decided = CP1252, True
                data = held + data  # bytes held back, waiting for the rest of a character
            else:
                # Decided once a whole character beyond ASCII was read (not when the chunk
                # only ends with the start of one).
                self._decided = not text.isascii()
                return text
        if self.encoding == CP1252:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise self._error(data, exc.start) from None
        pending = len(self._decoder.getstate()[0])
        try:
            return self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            start = max(exc.start - pending, 0)
            raise self._error(data, start) from None

    def _error(self, data: bytes, start: int) -> EncodingError:
        before = data[:start]
        newlines = (
            before.decode(UTF16, errors="replace").count("\n")
            if self.encoding == UTF16
            else before.count(b"\n")
        )
        line = self._newlines + newlines + 1
        return EncodingError(line, data[start] if start < len(data) else 0)
