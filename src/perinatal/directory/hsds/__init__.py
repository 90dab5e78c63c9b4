"""Open Referral HSDS 3.0 in and out: `export` writes the directory as HSDS JSON, `importer`
reads HSDS JSON and CSV into it. `vocabulary` holds the conventions both share (how our
fields that HSDS lacks travel as `attributes`, see docs/decisions/0003-hsds-translations.md).
"""
