"""Matching a question against the index, once for PostgreSQL and once for SQLite.

Both receive the question as groups of folded words: a document must hold a word of every
group (or of any group, for the lenient last try), each word as a prefix of the stem of a
document word. An alternative of a group may itself be a tuple (all of its operands: a
compound's parts, a synonym's other words) or a list (any of them), nested (query.py's
lenient tries).

Both rank name hits first, then keywords (needs, phases, organisation, and the need tokens of
enrich.py), then the description, then places, and break ties by name. PostgreSQL's ts_rank
weighs 1.0 : 0.4 : 0.2 : 0.05. SQLite's bm25 multiplies a word's count by its column's weight
before saturating it (k1 = 1.2), and adds the word's rarity (IDF): with large weights every
hit saturates and a word in the description counted nearly as much as one in the name (the
first weights, 20 : 8 : 4 : 1, did that); small ones, 2.0 : 0.5 : 0.2 : 0.05, keep the order,
the name four times a keyword so that a rare need token does not outrank a name. With a place,
ties go first to the services located there, then to those whose areas name it (`tiers`).

Only words made of letters and digits reach the SQL, always as parameters; the table and
configuration names come from fixed lists.
"""

import json
import logging
from typing import Literal, NamedTuple, overload
from uuid import UUID

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet

from perinatal.directory.constants import PUBLIC_STATUSES, ServiceStatus

from . import text
from .models import SearchDocument, SearchTerm

logger = logging.getLogger(__name__)

# A word; a tuple: all of its operands; a list: any of them (nested as deep as needed).
Operand = str | tuple["Operand", ...] | list["Operand"]

PREFIX_MIN_LENGTH = 3  # shorter words must match a whole stem
CANDIDATES = 50  # vocabulary words fetched per unknown word before scoring them
PLAIN_MARGIN = 50  # extra ranked hits fetched in case some of the best are hidden documents
# Bounded ranking (docs/decisions/0022-search-at-scale.md): a question matching more than
# RANK_CAP documents ranks the best candidates only (those naming it first, then the first
# others found, RANK_CAP of each), and past COUNT_CAP matches the count is an estimate.
RANK_CAP = 300
COUNT_CAP = 2000
SAMPLE_ROWS = 3000  # PostgreSQL: documents read to estimate a count past COUNT_CAP


# Plain questions (query._is_plain) see the public statuses; the others are hidden.
HIDDEN_STATUSES = tuple(s for s in ServiceStatus.values if s not in PUBLIC_STATUSES)


class Matches(NamedTuple):
    total: int  # matching documents (an estimate when `estimated`)
    ids: list[UUID]  # the first `limit` service ids, best first
    estimated: bool = False


def _uuid(value) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


def _where(documents: QuerySet) -> tuple[str, list]:
    """The WHERE clause of a queryset of documents, to embed in the full-text SQL."""
    query = documents.query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, list(params)


def _fetch(sql: str, params: list) -> list[tuple]:
    """Run a read; a database error is logged and read as "nothing found"."""
    try:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            with transaction.atomic(), connection.cursor() as cursor:  # a savepoint
                cursor.execute(sql, params)
                return cursor.fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    except DatabaseError:
        if getattr(settings, "DIRECTORY_SEARCH_RAISE_ERRORS", False):  # the tests' choice
            raise
        logger.warning("search query failed", exc_info=True)
        return []


Tiers = tuple[list[str], list[str]] | None  # (located in any of, areas name any of)


def _tier(table: str, tiers: Tiers) -> tuple[str, list]:
    """SQL for a document's place tier: 0 located there, 1 its areas name it, 2 otherwise."""
    if not tiers:
        return "", []
    located, named = tiers
    like = connection.ops.quote_name

    def any_of(column: str, codes: list[str]) -> str:
        return " OR ".join([f"{table}.{like(column)} LIKE %s"] * len(codes)) or "FALSE"

    sql = (
        f"CASE WHEN ({any_of('municipalities', located)}) THEN 0 "
        f"WHEN ({any_of('served', named)}) THEN 1 ELSE 2 END"
    )
    return sql, [f"%|{c}|%" for c in located] + [f"%|{c}|%" for c in named]


def _prime_at_least(n: int) -> int:
    """The smallest prime >= max(n, 5) (a sampling step that no period of 2 or 3 divides)."""
    n = max(n, 5)
    while any(n % d == 0 for d in range(2, int(n**0.5) + 1)):
        n += 1
    return n


class Backend:
    @property
    def doc_table(self) -> str:
        return connection.ops.quote_name(SearchDocument._meta.db_table)

    @property
    def term_table(self) -> str:
        return connection.ops.quote_name(SearchTerm._meta.db_table)

    def match(
        self,
        documents: QuerySet,
        lang: str,
        groups: list[list[Operand]],
        every: bool,
        limit: int,
        plain: bool = False,
        tiers: Tiers = None,
    ) -> Matches:
        """The number of matching documents and the first `limit` service ids, best first.

        `plain`: the documents are only restricted to the language and the public statuses,
        which lets a backend rank inside its full-text index before joining. `tiers`: break
        ties of rank by place (`_tier`). Past RANK_CAP matches only the best candidates are
        ranked (when `limit` stays within them), past COUNT_CAP the count is estimated."""
        if lang not in text.LANGUAGES:
            raise ValueError(lang)
        try:
            where, where_params = _where(documents)
        except EmptyResultSet:
            return Matches(0, [])
        limit = max(limit, 1)
        if plain and not tiers:
            found = self._match_plain(where, where_params, lang, groups, every, limit)
            if found is not None:
                return found
        tier = _tier(self.doc_table, tiers)
        return self._match(where, where_params, lang, groups, every, limit, tier)

    def _match(self, where, where_params, lang, groups, every, limit, tier) -> Matches:
        raise NotImplementedError

    def _match_plain(self, where, where_params, lang, groups, every, limit) -> Matches | None:
        """A faster answer for unfiltered questions, or None to use `_match`."""
        return None

    def candidates(self, lang: str, word: str) -> list[str]:
        """Vocabulary words that share trigrams with `word` (scored by the caller)."""
        raise NotImplementedError

    def count(self, documents: QuerySet) -> tuple[int, bool]:
        """(how many `documents`, whether that is an estimate): counted up to COUNT_CAP,
        past it estimated (`estimate`)."""
        found = documents.values("id")[: COUNT_CAP + 1].count()
        if found <= COUNT_CAP:
            return found, False
        return max(found, self.estimate(documents)), True

    def estimate(self, documents: QuerySet) -> int:
        """How many `documents` there are, estimated from about SAMPLE_ROWS documents drawn
        evenly over the ids (the same draw every time): those of the draw that are among
        `documents`, times the ids' span over the draw's size. Gaps in the ids (documents
        deleted) count as documents that are not among them."""
        try:
            where, where_params = _where(documents)
        except EmptyResultSet:
            return 0
        t = self.doc_table
        # Two subqueries: each is one step down the primary key (SQLite scans the table for
        # min() and max() in one query).
        span = _fetch(f"SELECT (SELECT min(id) FROM {t}), (SELECT max(id) FROM {t})", [])  # noqa: S608
        if not span or span[0][0] is None:
            return 0
        first, last = span[0]
        step = max((last - first + 1) // SAMPLE_ROWS, 1)
        drawn = (last - first) // step + 1
        found = _fetch(
            f"WITH RECURSIVE draw(id) AS (SELECT %s UNION ALL SELECT id + %s FROM draw "  # noqa: S608
            f"WHERE id + %s <= %s) SELECT count(*) FROM draw JOIN {t} ON {t}.id = draw.id "
            f"WHERE {where}",
            [first, step, step, last, *where_params],
        )
        return round(found[0][0] * (last - first + 1) / drawn) if found else 0


class PostgresBackend(Backend):
    WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"  # D places, C body, B keywords, A title

    @staticmethod
    def tsquery(groups: list[list[Operand]], every: bool) -> str:
        def operand(word: Operand) -> str:
            if isinstance(word, tuple):  # all of them
                return "(" + " & ".join(operand(w) for w in word) + ")"
            if isinstance(word, list):  # any of them
                return "(" + " | ".join(operand(w) for w in word) + ")"
            return f"{word}:*" if len(word) >= PREFIX_MIN_LENGTH else word

        glue = " & " if every else " | "
        return glue.join("(" + " | ".join(operand(w) for w in group) + ")" for group in groups)

    def _match(self, where, where_params, lang, groups, every, limit, tier):
        t = self.doc_table
        tier_sql, tier_params = tier
        config, query = f"perinatal_{lang}", self.tsquery(groups, every)
        count, estimated, counted = self._count(where, where_params, config, query)
        if not count:
            return Matches(0, [])
        ranked = (
            f"SELECT {t}.service_id, {t}.sort_name, ts_rank(%s::float4[], {t}.vector, q) AS rank, "  # noqa: S608 (names from fixed lists)
            f"{tier_sql or 0} AS tier FROM {t}, to_tsquery(%s::regconfig, %s) AS q WHERE "
        )
        params = [self.WEIGHTS, *tier_params, config, query]
        if count > RANK_CAP and limit <= RANK_CAP:
            # The best candidates: those whose name holds the words (found in the index of
            # the names, migration 0008); when they do not fill the page, also the first
            # others the index finds.
            def first(column: str) -> list[int]:
                rows = _fetch(
                    f"SELECT {t}.id FROM {t} WHERE {where} AND {t}.{column} @@ "  # noqa: S608
                    "to_tsquery(%s::regconfig, %s) LIMIT %s",
                    [*where_params, config, query, RANK_CAP],
                )
                return [row[0] for row in rows]

            candidates = first("title_vector")
            if len(candidates) < limit:
                # The others: those the count read, or the matches of the count's sample
                # (spread over the table); the index's first others when they are too few.
                named = set(candidates)
                others = [i for i in counted[:RANK_CAP] if i not in named]
                if len(candidates) + len(others) < limit:
                    others = [i for i in first("vector") if i not in named]
                candidates += others
            # Every candidate passed the filters and matches (a name's words are the
            # vector's weight A): they are read by id, not found again in the full-text index.
            ranked += f"{t}.id = ANY(%s)"
            params += [candidates]
        else:
            ranked += f"{where} AND {t}.vector @@ q"
            params += where_params
        # `OFFSET 0` keeps the planner from flattening the ranking into the outer query.
        rows = _fetch(
            f"SELECT hits.service_id FROM ({ranked} OFFSET 0) AS hits "  # noqa: S608
            "ORDER BY hits.rank DESC, hits.tier, hits.sort_name, hits.service_id LIMIT %s",
            [*params, limit],
        )
        return Matches(count, [_uuid(row[0]) for row in rows], estimated)

    def _count(self, where, where_params, config, query) -> tuple[int, bool, list[int]]:
        """(how many documents match, whether that is an estimate, the ids read: those
        counted, or the sample's matches).
        When the planner expects more than a quarter of COUNT_CAP (it is often low by half or
        more for a prefix: 820 expected for 6,931 "aide" with a need) and a sample of the
        table finds more than COUNT_CAP, the sample's estimate: reading the matches' ids
        would build the bitmap of every document holding a word with the prefix (19 ms for
        the 34,027 French documents with "aid…" at 100,000 services). Otherwise the
        matches' ids are read up to COUNT_CAP + 1 (the index finds them; nothing is ranked;
        the first of them are the bounded ranking's "first others", read in the same pass),
        and past that the count is estimated from the sample."""
        t = self.doc_table
        matching = f"{where} AND {t}.vector @@ to_tsquery(%s::regconfig, %s)"
        params = [*where_params, config, query]
        sampled = None
        if self._planned_rows(matching, params) > COUNT_CAP // 4:
            sampled, found = self._sampled_rows(matching, params, with_ids=True)
            if sampled > COUNT_CAP:
                return sampled, True, found
        counted = [
            row[0]
            for row in _fetch(
                f"SELECT {t}.id FROM {t} WHERE {matching} LIMIT %s",  # noqa: S608
                [*params, COUNT_CAP + 1],
            )
        ]
        if len(counted) <= COUNT_CAP:
            return len(counted), False, counted
        if sampled is None:
            sampled = self._sampled_rows(matching, params)
        return max(len(counted), sampled), True, counted

    def _planned_rows(self, condition: str, params: list) -> int:
        """The planner's estimate of the documents that meet `condition` (from the statistics
        ANALYZE keeps, of the words in the index too): a plan, not a scan. Often low by half
        or more for a word's prefix."""
        t = self.doc_table
        plan = _fetch(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {t} WHERE {condition}", params)  # noqa: S608
        try:
            found = plan[0][0]
            found = json.loads(found) if isinstance(found, str) else found
            return int(found[0]["Plan"]["Plan Rows"])
        except (IndexError, KeyError, TypeError, ValueError):
            return 0

    @overload
    def _sampled_rows(self, condition: str, params: list) -> int: ...

    @overload
    def _sampled_rows(
        self, condition: str, params: list, with_ids: Literal[True]
    ) -> tuple[int, list[int]]: ...

    def _sampled_rows(self, condition: str, params: list, with_ids: bool = False):
        """The documents that meet `condition` estimated from about SAMPLE_ROWS documents of
        the table (whole pages drawn at random, the same draw every time): the share of the
        sample that meets it, times the table's rows; `with_ids`: and the ids of the sample's
        documents that meet it."""
        t = self.doc_table
        table = _fetch("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [t])
        rows = float(table[0][0]) if table and table[0][0] and table[0][0] > 0 else 0.0
        if not rows:  # a table never analysed yet (a new one, so a small one): count it
            counted = _fetch(f"SELECT count(*) FROM {t}", [])  # noqa: S608 (fixed table name)
            rows = float(counted[0][0]) if counted else 0.0
        if not rows:
            return (0, []) if with_ids else 0
        percent = min(100.0, 100.0 * SAMPLE_ROWS / rows)
        sample = _fetch(
            "SELECT count(*) FILTER (WHERE meets), count(*), "  # noqa: S608
            "array_agg(id ORDER BY id) FILTER (WHERE meets) "
            f"FROM (SELECT {t}.id, ({condition}) AS meets FROM {t} "
            "TABLESAMPLE SYSTEM (%s) REPEATABLE (13)) AS sample",
            [*params, percent],
        )
        if not sample or not sample[0][1]:
            return (0, []) if with_ids else 0
        estimate = round(sample[0][0] * rows / sample[0][1])
        return (estimate, list(sample[0][2] or [])) if with_ids else estimate

    def count(self, documents: QuerySet) -> tuple[int, bool]:
        """As Backend.count, but a question the planner expects to pass COUNT_CAP is
        estimated at once from a sample of the table, as a word's matches are (`_count`)."""
        try:
            where, where_params = _where(documents)
        except EmptyResultSet:
            return 0, False
        if self._planned_rows(where, where_params) > COUNT_CAP:
            sampled = self._sampled_rows(where, where_params)
            if sampled > COUNT_CAP:
                return sampled, True
        return super().count(documents)

    def estimate(self, documents: QuerySet) -> int:
        try:
            where, where_params = _where(documents)
        except EmptyResultSet:
            return 0
        return self._sampled_rows(where, where_params)

    def candidates(self, lang: str, word: str) -> list[str]:
        sql = (
            f"SELECT word FROM {self.term_table} WHERE"  # noqa: S608 (fixed table name)
            f" lang = %s AND word %% %s "
            "ORDER BY similarity(word, %s) DESC, word LIMIT %s"
        )
        return [row[0] for row in _fetch(sql, [lang, word, word, CANDIDATES])]
