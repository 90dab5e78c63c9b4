"""Matching a question against SQLite's FTS5 index (`backends.py` holds the shared part, the
ranking rules and PostgreSQL's). The caps are read from `backends` at each call (the tests
lower them there)."""

from perinatal.directory.search import backends

from . import text


class SqliteBackend(backends.Backend):
    WEIGHTS = "2.0, 0.5, 0.2, 0.05"  # stemmed_title, _keywords, _body, _places
    TITLE = "stemmed_title"  # the column of the names (the bounded ranking's first candidates)
    VOCABULARY = "directory_search_vocab_fts"

    @staticmethod
    def fts_query(groups: list[list[backends.Operand]], every: bool, lang: str) -> str:
        def operand(word: backends.Operand) -> str:
            if isinstance(word, tuple):  # all of them
                return "(" + " AND ".join(operand(w) for w in word) + ")"
            if isinstance(word, list):  # any of them
                return "(" + " OR ".join(operand(w) for w in word) + ")"
            stem = text.stem(word, lang)
            return f'"{stem}"*' if len(word) >= backends.PREFIX_MIN_LENGTH else f'"{stem}"'

        glue = " AND " if every else " OR "
        return glue.join(
            "(" + " OR ".join(dict.fromkeys(operand(w) for w in group)) + ")" for group in groups
        )

    def _match(self, where, where_params, lang, groups, every, limit, tier):
        t, fts = self.doc_table, f"directory_search_fts_{lang}"
        tier_sql, tier_params = tier
        match = self.fts_query(groups, every, lang)
        # One walk of FTS5's matches counts them and draws a spread sample of them (the ids
        # divisible by a prime: a service's three documents have consecutive ids, so no step
        # shared with the languages), sized for about RANK_CAP documents if every document of
        # the language matched. The share of the sample that passes the filters estimates
        # the count past COUNT_CAP; a sample too small for that (a rarer word) is drawn again
        # from the matches alone (`_sample`).
        span = backends._fetch(f"SELECT max(id) FROM {t}", [])  # noqa: S608 (fixed table name)
        documents = (span[0][0] or 0) // len(text.LANGUAGES) if span else 0
        step = backends._prime_at_least(documents // backends.RANK_CAP)
        total = backends._fetch(
            f"SELECT count(*), group_concat(rowid) FILTER (WHERE rowid %% %s = 0) "  # noqa: S608
            f"FROM {fts} WHERE {fts} MATCH %s",
            [step, match],
        )
        total_count = total[0][0] if total else 0
        if not total_count:
            return backends.Matches(0, [])
        drawn = [int(i) for i in (total[0][1] or "").split(",") if i]
        if total_count > backends.RANK_CAP and limit <= backends.RANK_CAP:
            # The bounded ranking's candidates (`_bounded`), then the filters.
            rows = self._bounded(fts, match, where, where_params, limit, tier)
            if len(rows) >= limit:
                ids = [backends._uuid(row[0]) for row in rows[:limit]]
                if total_count > backends.COUNT_CAP:
                    if len(drawn) < backends.RANK_CAP // 4:
                        drawn = self._sample(fts, match, total_count)
                    # Each drawn document looked up by its id (CROSS JOIN keeps that order;
                    # `id IN (…)` let SQLite scan the filters' index instead: 25 ms).
                    passed = drawn and backends._fetch(
                        f"WITH drawn(id) AS (VALUES {', '.join(['(%s)'] * len(drawn))}) "  # noqa: S608
                        f"SELECT count(*) FROM drawn CROSS JOIN {t} ON {t}.id = drawn.id "
                        f"WHERE {where}",
                        [*drawn, *where_params],
                    )
                    found = passed[0][0] if passed else 0
                    share = found / len(drawn) if drawn else len(rows) / backends.RANK_CAP
                    return backends.Matches(max(round(total_count * share), len(rows)), ids, True)
                exact = backends._fetch(
                    f"SELECT count(*) FROM {t} WHERE {where} AND {t}.id IN "  # noqa: S608
                    f"(SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",
                    [*where_params, match],
                )
                return backends.Matches(exact[0][0] if exact else len(rows), ids)
        # bm25() only works while FTS5 walks its matches: rank them first, then join.
        rows = backends._fetch(
            f"WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25({fts}, {self.WEIGHTS}) AS rank "  # noqa: S608 (names from fixed lists)
            f"FROM {fts} WHERE {fts} MATCH %s) "
            f"SELECT {t}.service_id, COUNT(*) OVER () FROM hits JOIN {t} ON {t}.id = hits.id "
            f"WHERE {where} ORDER BY hits.rank, {tier_sql or 'NULL'}, {t}.sort_name, "
            f"{t}.service_id LIMIT %s",
            [match, *where_params, *tier_params, limit],
        )
        if not rows:
            return backends.Matches(0, [])
        return backends.Matches(rows[0][1], [backends._uuid(row[0]) for row in rows])

    def _sample(self, fts: str, match: str, matches: int) -> list[int]:
        """About RANK_CAP of the matches, spread over them (ids divisible by a prime)."""
        step = backends._prime_at_least(matches // backends.RANK_CAP)
        rows = backends._fetch(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s AND rowid %% %s = 0",  # noqa: S608
            [match, step],
        )
        return [row[0] for row in rows]

    def _match_plain(self, where, where_params, lang, groups, every, limit):
        """Rank inside FTS5 (bm25 for the best `limit` plus a margin) and count there,
        minus the few hidden documents, instead of joining every match to the documents."""
        t, fts = self.doc_table, f"directory_search_fts_{lang}"
        match = self.fts_query(groups, every, lang)
        # The matches and, among them, the few hidden documents (from the index of the filter
        # columns, a list built once), counted in one walk of FTS5's matches: each walk
        # merges the doclists of every word starting with the prefix (7-9 ms for "zwanger"
        # at 100,000 services), and a second statement walked them again.
        counted = backends._fetch(
            f"SELECT count(*), count(*) FILTER (WHERE rowid IN "  # noqa: S608
            f"(SELECT {t}.id FROM {t} WHERE {t}.lang = %s AND {t}.status IN "
            f"({', '.join(['%s'] * len(backends.HIDDEN_STATUSES))}))) "
            f"FROM {fts} WHERE {fts} MATCH %s",
            [lang, *backends.HIDDEN_STATUSES, match],
        )
        if not counted:
            return None
        count = counted[0][0] - counted[0][1]
        if count <= 0:
            return backends.Matches(0, [])
        margin = limit + backends.PLAIN_MARGIN
        if count > backends.RANK_CAP and limit <= backends.RANK_CAP:
            rows = self._bounded(fts, match, where, where_params, limit)
        else:
            rows = self._ranked(fts, match, where, where_params, margin)
        rows = rows[:limit]
        # Too many of the best were hidden documents: rank with the general query.
        if len(rows) < min(limit, count):
            return None
        return backends.Matches(count, [backends._uuid(row[0]) for row in rows])

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
        return backends._fetch(
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
        named = self._ranked(fts, title, where, where_params, backends.RANK_CAP, tier=tier)
        if len(named) >= limit:
            return named
        bound = backends._fetch(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT 1 OFFSET %s",  # noqa: S608
            [match, backends.RANK_CAP - 1],
        )
        within = f"AND rowid <= {int(bound[0][0])}" if bound else ""
        seen = {row[0] for row in named}
        others = self._ranked(fts, match, where, where_params, backends.RANK_CAP, within, tier)
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
        return [row[0] for row in backends._fetch(sql, [query, lang, backends.CANDIDATES])]
