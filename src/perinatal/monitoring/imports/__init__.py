"""Submissions imported in the background: the web request (upload page or API) only
receives the files to disk and keeps them in the default storage (`incoming.py`), then starts
a job of the kind `monitoring-import` (`job.py`, run by a task worker) that imports them as
`services.submissions_import` does for the command line, reporting its progress
(`progress.py`); the person follows it on the job's page and is led to the result."""
