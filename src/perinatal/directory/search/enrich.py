"""What the index adds to a document's text beyond the words a reader sees.

- A token per need of the service, in the keywords (weight B, above the description):
  `need_token("perinatal_grief")` -> "needperinatalgrief0". A synonym that means a need asks
  for its token, so "doodgeboren" finds exactly the services for perinatal grief, ranked as a
  keyword, above a word that only occurs somewhere in a long description; a service with
  fewer needs has its tokens more often (`need_tokens`), so among the services with a need,
  those about little else come first. The trailing digit
  makes it one word that neither database stems (PostgreSQL's parser reads letters with
  digits as `numword`, mapped to the `simple` dictionary; text.stems() leaves such words
  alone too) and that no other token starts with.
- The later parts of Dutch compounds (compounds.index_parts), in the column of the compound:
  "kinderopvang" brings "opvang".

These are index text only: the documents' text columns are never shown to readers.
"""

from collections.abc import Iterable

from . import compounds, text

SPECIFIC = 2  # a service with this many needs or more has each token once
NEED_TOKEN_PREFIX = "need"  # noqa: S105 (a word of the index, not a secret)


def need_token(code: str) -> str:
    return f"{NEED_TOKEN_PREFIX}{code.replace('_', '').replace('-', '').lower()}0"


def need_tokens(code: str, of: int) -> list[str]:
    """The token of one of a service's `of` needs, written once per need it has fewer than
    SPECIFIC: a service about one thing is more about it than a service about seven, as a word
    weighs more in a short field (both databases count repeats with diminishing returns)."""
    return [need_token(code)] * max(1, SPECIFIC + 1 - of)


def columns(values: dict[str, str], *, lang: str, needs: Iterable[str]) -> dict[str, str]:
    """The document's text columns with the need tokens and compound parts added."""
    needs = list(needs)
    enriched = {}
    for column, value in values.items():
        extra = compounds.index_parts(text.content_words(value, lang)) if value else []
        if column == "keywords":
            extra += [token for code in needs for token in need_tokens(code, len(needs))]
        enriched[column] = f"{value}\n{' '.join(extra)}" if extra else value
    return enriched
