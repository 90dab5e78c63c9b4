"""The work years: the aggregate snapshots the import keeps of each year's figures
(`snapshots`), and the state of a year as the dashboard shows it — provisional or final, late
submissions, whether it may be closed or reopened (`state`). Closing and reopening are writes:
`services.years`."""
