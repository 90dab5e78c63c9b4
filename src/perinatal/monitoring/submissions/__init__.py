"""The yearly submissions of the family-care services: reading a submission file (`file`) and
its values as offices write them (`values`), the ways a submission is refused (`errors`),
the refused attempts kept for the error list (`rejections`), loading dossier rows fast
(`storage`), and which submissions a user may see (`history`). The import itself is a write:
`services.submissions`."""
