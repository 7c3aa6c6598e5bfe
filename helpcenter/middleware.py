import logging
import sqlite3

from django.db import DatabaseError, InterfaceError, OperationalError, connections

from .errors import service_unavailable

logger = logging.getLogger(__name__)


# SQLite reports bad SQL as OperationalError too; only these mean "the database is not there".
SQLITE_UNAVAILABLE = ("unable to open", "database is locked", "no such table", "disk i/o error", "readonly database")


def is_database_outage(exception: BaseException | None) -> bool:
    """A database that cannot be reached (or is not migrated yet), as opposed to a bug in a query."""
    if isinstance(exception, InterfaceError):
        return True
    if isinstance(exception, OperationalError):
        if isinstance(exception.__cause__, sqlite3.Error):
            return any(phrase in str(exception).lower() for phrase in SQLITE_UNAVAILABLE)
        return True
    return isinstance(exception, DatabaseError) and "connect" in str(exception).lower()


def database_unavailable(request, exception: BaseException):
    """The 503 page; broken connections are closed so the next request reconnects by itself."""
    logger.warning("Database unavailable on %s: %s", request.path if request else "-", exception)
    for conn in connections.all(initialized_only=True):
        try:
            conn.close_if_unusable_or_obsolete()
        except DatabaseError:
            conn.connection = None  # the socket is gone already; forget it
    return service_unavailable(request)


class DatabaseUnavailableMiddleware:
    """Turn a lost database into a friendly 503 instead of a traceback.

    Errors raised by a view or while rendering its template (the lazy service list in the
    context processor) arrive here; errors raised by later middleware (saving the session)
    reach `helpcenter.errors.server_error`, which answers the same 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable(request, exception)
        return None


class MalformedPathMiddleware:
    """A path with control characters names no page: 404 before any view builds a query from it.

    PostgreSQL refuses NUL in text, so `/services/a%00/` would otherwise crash a slug lookup.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in request.path_info):
            from .errors import not_found

            return not_found(request, with_popular=False)
        return self.get_response(request)
