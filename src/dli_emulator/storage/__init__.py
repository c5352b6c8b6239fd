"""Persistence: job records in SQLite, and OBS emulated as a folder."""
