from .logging import remember_visitor


class VisitorTokenMiddleware:
    """Sends the search-log token cookie (insights.logging.TOKEN_COOKIE) when this request created one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        remember_visitor(request, response)
        return response
