"""`perinatal families purge [--dry-run]`: pseudonymise the records whose first 1000 days
ended more than FAMILY_RETENTION_YEARS ago (services/retention.py)."""

from django.utils.translation import gettext as _

from ..services import retention

HELP = (
    "Pseudonymise the family records whose first 1000 days ended more than "
    "FAMILY_RETENTION_YEARS ago; with --dry-run, only say what would be done."
)


def add_arguments(parser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="change nothing, only report")


def run(options, out) -> None:
    dry_run = bool(options["dry_run"])
    results = retention.purge(dry_run=dry_run)
    for r in results:
        out.write(
            _(
                "%(id)s  due %(due)s, 1000 days ended %(ended)s: persons %(persons)d "
                "(kept %(kept)d), children %(children)d, texts %(texts)d"
            )
            % {
                "id": r.public_id,
                "due": r.due_date.isoformat(),
                "ended": r.first_1000_days_ended.isoformat(),
                "persons": r.persons,
                "kept": r.persons_kept,
                "children": r.children,
                "texts": r.texts,
            }
        )
    totals = {
        "count": len(results),
        "years": retention.retention_years(),
        "persons": sum(r.persons for r in results),
        "kept": sum(r.persons_kept for r in results),
        "children": sum(r.children for r in results),
        "texts": sum(r.texts for r in results),
    }
    if dry_run:
        message = _(
            "Dry run: %(count)d family records would be pseudonymised (retention %(years)d "
            "years): persons %(persons)d (kept %(kept)d), children %(children)d, "
            "texts %(texts)d. Nothing was changed."
        )
    else:
        message = _(
            "%(count)d family records pseudonymised (retention %(years)d years): persons "
            "%(persons)d (kept %(kept)d), children %(children)d, texts %(texts)d."
        )
    out.write(message % totals)
