"""The monitoring's pages: the yearly submissions (upload.py) and the analysts' dashboard
(dashboard.py)."""
