"""Parents' own space (issue 16): a parent linked to their family's record sees its timeline,
care team, consent, who looked at it, and can take their data with them. Sits above the
feature apps it shows (pathways, booklets, kraamzorg) and below the work lists."""
