"""The professionals' pages on the family record (see `common` for who may open them)."""
