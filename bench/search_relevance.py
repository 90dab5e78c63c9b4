"""Search relevance: do realistic questions find the right services in the first five?

    .venv/bin/python bench/search_relevance.py [--db sqlite|postgres|both]
        [--postgres-url postgres://postgres@127.0.0.1:5432] [--show-all]

The questions and their judgements are in bench/search_relevance.yaml (beside this file):
what parents and professionals type, in Dutch, French and English, with the services a careful
reader of the Focus (seed 002) would call right. For each database the bench builds its own
directory: SQLite in bench/out/search_relevance.sqlite3 (made anew), PostgreSQL in a scratch
database `perinatal_relevance_<pid>` (created, then dropped); it migrates, runs
`perinatal directory load-brussels` (the directory and its search words), then asks every
question through `search()` and reads the first five answers.

Per database it prints
- hit@5: the share of questions with at least one right service in the first five;
- precision@5: per question, the right services among the first five over the places that
  could be right (five, or fewer when fewer services are right: a question with two right
  services is judged on whether both are there), averaged; and the plain share of the first
  five that are right (P@5 over five places), which is capped for narrow questions;
- the same for the questions written after the synonyms (`holdout: true`: how the vocabulary
  carries to words it was not made for);
- the misses (no right service in the first five) and the weak answers, with what came instead;
each for all questions and without the questions that hold a place name (those will be read
by the place filter). Goal: hit@5 >= 0.95 and precision@5 >= 0.7 without place names; the
exit status is 0 when every such question together meets it.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from _support import OUT, ROOT, production_env

QUESTIONS = Path(__file__).with_name("search_relevance.yaml")
TOP = 5
GOAL_HIT, GOAL_PRECISION = 0.95, 0.7


def questions() -> list[dict]:
    """The questions with their right services (groups expanded), checked for typos in keys."""
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    groups = data.get("groups") or {}
    found = []
    for entry in data["questions"]:
        right: list[str] = []
        for item in entry["right"]:
            right += groups[item[1:]] if item.startswith("@") else [item]
        found.append(
            {
                **entry,
                "right": sorted(set(right)),
                "place": bool(entry.get("place")),
                "holdout": bool(entry.get("holdout")),
            }
        )
    return found


def ask(asked: list[dict]) -> list[dict]:
    """In a process set up for one database: build the directory, ask every question."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from perinatal.directory.models import Service
    from perinatal.directory.search.query import SearchQuery, search

    call_command("migrate", verbosity=0)
    call_command("directory", "load-brussels", stdout=open(os.devnull, "w"))  # noqa: SIM115
    keys = dict(Service.objects.values_list("id", "key"))
    missing = {k for q in asked for k in q["right"]} - set(keys.values())
    if missing:
        raise SystemExit(f"unknown service keys in {QUESTIONS.name}: {sorted(missing)}")
    answers = []
    for question in asked:
        page = search(SearchQuery(text=question["q"], lang=question["lang"]), limit=TOP)
        answers.append({"count": page.count, "top": [keys[i] for i in page.ids]})
    answers.append({"vendor": connection.vendor})
    return answers


def scores(question: dict, top: list[str]) -> tuple[bool, float, float]:
    right = set(question["right"])
    found = len(right & set(top[:TOP]))
    return found > 0, found / min(TOP, len(right)), found / TOP


def report(label: str, asked: list[dict], answers: list[dict], show_all: bool) -> bool:
    rows = [(q, a, *scores(q, a["top"])) for q, a in zip(asked, answers, strict=True)]
    print(f"\n=== {label}")
    verdicts = {}
    for title, subset in (
        ("all questions", rows),
        ("without place names", [r for r in rows if not r[0]["place"]]),
        ("place names only", [r for r in rows if r[0]["place"]]),
        ("first set, no places", [r for r in rows if not r[0]["place"] and not r[0]["holdout"]]),
        ("written after synonyms", [r for r in rows if r[0]["holdout"]]),
    ):
        if not subset:
            continue
        n = len(subset)
        hit = sum(r[2] for r in subset) / n
        precision = sum(r[3] for r in subset) / n
        plain = sum(r[4] for r in subset) / n
        by_lang = "  ".join(
            f"{lang} {sum(r[2] for r in subset if r[0]['lang'] == lang)}"
            f"/{sum(1 for r in subset if r[0]['lang'] == lang)}"
            for lang in ("nl", "fr", "en")
        )
        print(
            f"{title:22} {n:>4} questions  hit@5 {hit:.3f}  precision@5 {precision:.3f}"
            f"  (P@5 over five places {plain:.3f})  hits by language: {by_lang}"
        )
        verdicts[title] = hit >= GOAL_HIT and precision >= GOAL_PRECISION
    misses = [r for r in rows if not r[2]]
    weak = [r for r in rows if r[2] and r[3] < 0.6]
    for title, listed in (("misses", misses), ("weak (precision@5 < 0.6)", weak)):
        print(f"\n{title}: {len(listed)}")
        for question, answer, _, precision, _ in listed:
            place = " [place]" if question["place"] else ""
            place += " [after synonyms]" if question["holdout"] else ""
            print(
                f"  {question['lang']} {question['q']!r}{place}: {answer['count']} found,"
                f" precision@5 {precision:.2f}"
            )
            print(f"      first five: {', '.join(answer['top']) or '-'}")
            print(f"      right:      {', '.join(question['right'])}")
    if show_all:
        print("\nall answers:")
        for question, answer, hit, precision, _ in rows:
            print(f"  {'+' if hit else '-'} {precision:.2f} {question['lang']} {question['q']!r}")
            print(f"      {', '.join(answer['top'])}")
    print(f"\ngoal: hit@5 >= {GOAL_HIT} and precision@5 >= {GOAL_PRECISION}, without place names")
    for title, meaning in (
        ("without place names", "every question"),
        ("first set, no places", "the questions the synonyms were written with"),
        ("written after synonyms", "the questions written after them"),
    ):
        if title in verdicts:
            print(f"  {meaning:48} {'met' if verdicts[title] else 'NOT met'}")
    return verdicts.get("without place names", False)


def run_one(db: str, postgres_url: str) -> list[dict]:
    """Ask the questions in a child process on a fresh database; returns its answers."""
    sys.path.insert(0, str(Path(__file__).parent))
    from _support import postgres_database

    OUT.mkdir(parents=True, exist_ok=True)
    scratch = None
    if db == "sqlite":
        path = OUT / "search_relevance.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        scratch = f"perinatal_relevance_{os.getpid()}"
        url = postgres_database(postgres_url, scratch, drop=True)
    env = {**os.environ, **production_env(url)}
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--child"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            raise SystemExit(f"{db}: the questions could not be asked\n{child.stderr[-3000:]}")
        return json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        if scratch:
            import psycopg

            with psycopg.connect(f"{postgres_url}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--show-all", action="store_true", help="print every answer")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    asked = questions()
    if args.child:
        print(json.dumps(ask(asked)))
        return
    languages = {lang: sum(1 for q in asked if q["lang"] == lang) for lang in ("nl", "fr", "en")}
    print(
        f"{len(asked)} questions ({', '.join(f'{n} {lang}' for lang, n in languages.items())}; "
        f"{sum(q['place'] for q in asked)} with a place name, {sum(q['holdout'] for q in asked)}"
        f" written after the synonyms) from {QUESTIONS.name}"
    )
    met = True
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        answers = run_one(db, args.postgres_url)
        vendor = answers.pop()["vendor"]
        met = report(vendor, asked, answers, args.show_all) and met
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
