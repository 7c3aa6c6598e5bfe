from django.db import DatabaseError, InterfaceError, OperationalError, connections

from .errors import service_unavailable


class DatabaseUnavailableMiddleware:
    """Turn a lost database into a friendly 503 instead of a traceback.

    The broken connection is closed so the next request reconnects by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            for conn in connections.all(initialized_only=True):
                conn.close_if_unusable_or_obsolete()
            return service_unavailable(request)
        return None
