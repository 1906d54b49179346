"""Repositories: the only code that reads and writes the tables. Each works inside the `Store` it belongs to."""
