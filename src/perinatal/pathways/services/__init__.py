"""Writes to the family record. Each runs in one transaction, checks the rules, and writes
the access-log row (and the change-log row) in that same transaction."""
