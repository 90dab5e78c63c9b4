"""Report files that people download: made in the web request when small, by a task worker
when large or slow (docs/decisions/0018-report-files-in-the-background.md).

- `producers.py`: a `ReportProducer` makes one kind of file from JSON parameters; the apps
  register theirs in `report_producers` (the dashboard's in `dashboard.py`, the Kindboekje's
  monitoring tables in `booklets/monitoring/downloads.py`).
- `rule.py`: which files a worker makes: more cells than `REPORTS_BACKGROUND_CELLS`, or more
  charts than `REPORTS_BACKGROUND_CHARTS`.
- `responses.py`: `report_download(request, key, params)`, the one path of every download
  page: the file as an attachment, or 303 to the page of the job that makes it.
- `kind.py`: the job kind `report-file`, which renders the file and keeps it in the default
  storage under `reports/<job id>/` (`storage.py`) until the job is pruned.
- `services.py` / `selectors.py`: start such a job; find a finished file for its person.
- `views.py`: the download of a finished file (`monitoring:report_file`).
"""
