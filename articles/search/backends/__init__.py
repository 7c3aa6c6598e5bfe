"""The search backend for the database in use, chosen by `connection.vendor`."""

from django.db import connection

from .base import Backend


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"search has no backend for {connection.vendor}")
