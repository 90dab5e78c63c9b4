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
from typing import NamedTuple
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
            f"{tier_sql or 0} AS tier FROM {t}, to_tsquery(%s::regconfig, %s) AS q "
            f"WHERE {where} AND {t}.vector @@ q"
        )
        params = [self.WEIGHTS, *tier_params, config, query, *where_params]
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
                named = set(candidates)
                others = counted[:RANK_CAP] if counted is not None else first("vector")
                candidates += [i for i in others if i not in named]
            ranked += f" AND {t}.id = ANY(%s)"
            params += [candidates]
        # `OFFSET 0` keeps the planner from flattening the ranking into the outer query.
        rows = _fetch(
            f"SELECT hits.service_id FROM ({ranked} OFFSET 0) AS hits "  # noqa: S608
            "ORDER BY hits.rank DESC, hits.tier, hits.sort_name, hits.service_id LIMIT %s",
            [*params, limit],
        )
        return Matches(count, [_uuid(row[0]) for row in rows], estimated)

    def _count(self, where, where_params, config, query) -> tuple[int, bool, list[int] | None]:
        """(how many documents match, whether that is an estimate, the ids counted or None).
        When the planner expects more than COUNT_CAP and a sample of the table confirms it,
        the sample's estimate; otherwise the matches' ids are read up to COUNT_CAP + 1 (the
        index finds them; nothing is ranked; the first of them are the bounded ranking's
        "first others", read in the same pass), and past that the count is estimated from
        the sample."""
        t = self.doc_table
        sampled = None
        if self._planned(where, where_params, config, query) > COUNT_CAP:
            sampled = self._sampled(where, where_params, config, query)
            if sampled > COUNT_CAP:
                return sampled, True, None
        counted = [
            row[0]
            for row in _fetch(
                f"SELECT {t}.id FROM {t} WHERE {where} AND "  # noqa: S608
                f"{t}.vector @@ to_tsquery(%s::regconfig, %s) LIMIT %s",
                [*where_params, config, query, COUNT_CAP + 1],
            )
        ]
        if len(counted) <= COUNT_CAP:
            return len(counted), False, counted
        if sampled is None:
            sampled = self._sampled(where, where_params, config, query)
        return max(len(counted), sampled), True, counted

    def _planned(self, where, where_params, config, query) -> int:
        """The planner's estimate of the matching documents (from the statistics ANALYZE
        keeps of the words in the index): a plan, not a scan. Often low by half or more."""
        t = self.doc_table
        plan = _fetch(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {t} WHERE {where} AND "  # noqa: S608
            f"{t}.vector @@ to_tsquery(%s::regconfig, %s)",
            [*where_params, config, query],
        )
        try:
            found = plan[0][0]
            found = json.loads(found) if isinstance(found, str) else found
            return int(found[0]["Plan"]["Plan Rows"])
        except (IndexError, KeyError, TypeError, ValueError):
            return 0

    def _sampled(self, where, where_params, config, query) -> int:
        """The matching documents estimated from about SAMPLE_ROWS documents of the table
        (whole pages drawn at random, the same draw every time): the share of the sample that
        passes the filters and matches, times the table's rows."""
        t = self.doc_table
        table = _fetch("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [t])
        rows = float(table[0][0]) if table and table[0][0] and table[0][0] > 0 else 0.0
        if not rows:
            return 0
        percent = min(100.0, 100.0 * SAMPLE_ROWS / rows)
        sample = _fetch(
            f"SELECT count(*) FILTER (WHERE {where} AND {t}.vector @@ "  # noqa: S608
            f"to_tsquery(%s::regconfig, %s)), count(*) FROM {t} TABLESAMPLE SYSTEM (%s) "
            "REPEATABLE (13)",
            [*where_params, config, query, percent],
        )
        if not sample or not sample[0][1]:
            return 0
        return round(sample[0][0] * rows / sample[0][1])

    def candidates(self, lang: str, word: str) -> list[str]:
        sql = (
            f"SELECT word FROM {self.term_table} WHERE"  # noqa: S608 (fixed table name)
            f" lang = %s AND word %% %s "
            "ORDER BY similarity(word, %s) DESC, word LIMIT %s"
        )
        return [row[0] for row in _fetch(sql, [lang, word, word, CANDIDATES])]


class SqliteBackend(Backend):
    WEIGHTS = "2.0, 0.5, 0.2, 0.05"  # stemmed_title, _keywords, _body, _places
    TITLE = "stemmed_title"  # the column of the names (the bounded ranking's first candidates)
    VOCABULARY = "directory_search_vocab_fts"

    @staticmethod
    def fts_query(groups: list[list[Operand]], every: bool, lang: str) -> str:
        def operand(word: Operand) -> str:
            if isinstance(word, tuple):  # all of them
                return "(" + " AND ".join(operand(w) for w in word) + ")"
            if isinstance(word, list):  # any of them
                return "(" + " OR ".join(operand(w) for w in word) + ")"
            stem = text.stem(word, lang)
            return f'"{stem}"*' if len(word) >= PREFIX_MIN_LENGTH else f'"{stem}"'

        glue = " AND " if every else " OR "
        return glue.join(
            "(" + " OR ".join(dict.fromkeys(operand(w) for w in group)) + ")" for group in groups
        )

    def _match(self, where, where_params, lang, groups, every, limit, tier):
        t, fts = self.doc_table, f"directory_search_fts_{lang}"
        tier_sql, tier_params = tier
        match = self.fts_query(groups, every, lang)
        total = _fetch(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH %s", [match])  # noqa: S608
        total_count = total[0][0] if total else 0
        if not total_count:
            return Matches(0, [])
        if total_count > RANK_CAP and limit <= RANK_CAP:
            # The bounded ranking's candidates (`_bounded`), then the filters: when enough
            # pass for the page, the share of a spread sample of the matches (the document
            # ids divisible by a prime, about RANK_CAP of them: a service's three documents
            # have consecutive ids, so no step shared with the languages) that passes them
            # estimates the count past COUNT_CAP.
            rows = self._bounded(fts, match, where, where_params, limit, tier)
            if len(rows) >= limit:
                ids = [_uuid(row[0]) for row in rows[:limit]]
                if total_count > COUNT_CAP:
                    step = _prime_at_least(total_count // RANK_CAP)
                    sample = _fetch(
                        f"SELECT count(*), count({t}.id) FROM (SELECT rowid AS id FROM "  # noqa: S608
                        f"{fts} WHERE {fts} MATCH %s AND rowid %% %s = 0) AS sample "
                        f"LEFT JOIN {t} ON {t}.id = sample.id AND {where}",
                        [match, step, *where_params],
                    )
                    drawn, passed = sample[0] if sample else (0, 0)
                    share = passed / drawn if drawn else len(rows) / RANK_CAP
                    return Matches(max(round(total_count * share), len(rows)), ids, True)
                exact = _fetch(
                    f"SELECT count(*) FROM {t} WHERE {where} AND {t}.id IN "  # noqa: S608
                    f"(SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",
                    [*where_params, match],
                )
                return Matches(exact[0][0] if exact else len(rows), ids)
        # bm25() only works while FTS5 walks its matches: rank them first, then join.
        rows = _fetch(
            f"WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25({fts}, {self.WEIGHTS}) AS rank "  # noqa: S608 (names from fixed lists)
            f"FROM {fts} WHERE {fts} MATCH %s) "
            f"SELECT {t}.service_id, COUNT(*) OVER () FROM hits JOIN {t} ON {t}.id = hits.id "
            f"WHERE {where} ORDER BY hits.rank, {tier_sql or 'NULL'}, {t}.sort_name, "
            f"{t}.service_id LIMIT %s",
            [match, *where_params, *tier_params, limit],
        )
        if not rows:
            return Matches(0, [])
        return Matches(rows[0][1], [_uuid(row[0]) for row in rows])

    def _match_plain(self, where, where_params, lang, groups, every, limit):
        """Rank inside FTS5 (bm25 for the best `limit` plus a margin) and count there,
        minus the few hidden documents, instead of joining every match to the documents."""
        t, fts = self.doc_table, f"directory_search_fts_{lang}"
        match = self.fts_query(groups, every, lang)
        total = _fetch(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH %s", [match])  # noqa: S608
        # The few hidden documents (from the index of the filter columns) are looked up among
        # the matches as FTS5 lists them (`+rowid`: not a lookup per id, which repeats the
        # whole match), not each match among the documents (a read of every wide row).
        hidden = _fetch(
            f"SELECT count(*) FROM {fts} WHERE {fts} MATCH %s AND +rowid IN "  # noqa: S608
            f"(SELECT {t}.id FROM {t} WHERE {t}.lang = %s AND {t}.status IN "
            f"({', '.join(['%s'] * len(HIDDEN_STATUSES))}))",
            [match, lang, *HIDDEN_STATUSES],
        )
        if not total or not hidden:
            return None
        count = total[0][0] - hidden[0][0]
        if count <= 0:
            return Matches(0, [])
        margin = limit + PLAIN_MARGIN
        if count > RANK_CAP and limit <= RANK_CAP:
            rows = self._bounded(fts, match, where, where_params, limit)
        else:
            rows = self._ranked(fts, match, where, where_params, margin)
        rows = rows[:limit]
        # Too many of the best were hidden documents: rank with the general query.
        if len(rows) < min(limit, count):
            return None
        return Matches(count, [_uuid(row[0]) for row in rows])

    def _ranked(
        self,
        fts: str,
        match: str,
        where: str,
        where_params: list,
        top: int,
        within: str = "",
        tier: tuple[str, list] = ("", []),
    ) -> list[tuple]:
        """The service ids of the best `top` matches by bm25 (ranked inside FTS5), of those
        that pass the filters, best first (ties by place `tier`, then name); `within`: a
        condition on the matches' rowids."""
        t = self.doc_table
        tier_sql, tier_params = tier
        return _fetch(
            f"SELECT {t}.service_id FROM (SELECT rowid AS id, "  # noqa: S608
            f"bm25({fts}, {self.WEIGHTS}) AS rank FROM {fts} WHERE {fts} MATCH %s {within} "
            f"ORDER BY rank LIMIT %s) AS hits JOIN {t} ON {t}.id = hits.id "
            f"WHERE {where} ORDER BY hits.rank, {tier_sql or 'NULL'}, {t}.sort_name, "
            f"{t}.service_id",
            [match, top, *where_params, *tier_params],
        )

    def _bounded(
        self,
        fts: str,
        match: str,
        where: str,
        where_params: list,
        limit: int,
        tier: tuple[str, list] = ("", []),
    ) -> list[tuple]:
        """Bounded ranking, as PostgreSQL's (decision 0022): bm25 over every match of a common
        word is most of its cost (60 ms for 68,807 matches at 100,000 services). First the
        documents whose name holds the words (an FTS5 column filter), best first; when they
        do not fill the page, then the first RANK_CAP others FTS5 finds (in rowid order, up to
        the rowid of the RANK_CAP-th match), ranked among themselves."""
        title = f"{{{self.TITLE}}} : ({match})"
        named = self._ranked(fts, title, where, where_params, RANK_CAP, tier=tier)
        if len(named) >= limit:
            return named
        bound = _fetch(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT 1 OFFSET %s",  # noqa: S608
            [match, RANK_CAP - 1],
        )
        within = f"AND rowid <= {int(bound[0][0])}" if bound else ""
        seen = {row[0] for row in named}
        others = self._ranked(fts, match, where, where_params, RANK_CAP, within, tier)
        return named + [row for row in others if row[0] not in seen]

    def candidates(self, lang: str, word: str) -> list[str]:
        grams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
        if not grams:
            return []
        v, t = self.VOCABULARY, self.term_table
        sql = (
            f"SELECT {t}.word FROM {v} JOIN"  # noqa: S608 (fixed table names)
            f" {t} ON {t}.id = {v}.rowid "
            f"WHERE {v} MATCH %s AND {t}.lang = %s ORDER BY bm25({v}) LIMIT %s"
        )
        query = " OR ".join(f'"{gram}"' for gram in grams)
        return [row[0] for row in _fetch(sql, [query, lang, CANDIDATES])]


def for_connection() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(connection.vendor)
