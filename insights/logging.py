"""Search log writes. PLACEHOLDER until issue 8: records nothing yet."""


def record_search(request, results, *, filters=None) -> int | None:
    """Record one public search; returns the log entry id (for click tracking) or None."""
    return None
