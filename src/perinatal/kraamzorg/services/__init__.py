"""Kraamzorg's writes: requests and their intake (`requests.py`), care delivered (`care.py`)."""
