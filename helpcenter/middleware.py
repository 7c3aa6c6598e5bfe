import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connections

from .errors import service_unavailable

logger = logging.getLogger(__name__)


def is_database_outage(exception: BaseException | None) -> bool:
    """A database that cannot be reached (or is not migrated yet), as opposed to a bug in a query."""
    if isinstance(exception, OperationalError | InterfaceError):
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
