"""Backups of the whole database, and restoring one into an empty database.

SQLite is copied through its online backup API and PostgreSQL through pg_dump; each takes one
consistent snapshot while the app goes on writing. Every failure is a `BackupError` whose
message says what to do.
"""
