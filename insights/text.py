"""The search log, synonyms and suggestions normalise text with search's own normaliser, so a
logged query, a synonym term and what the engine searched are always the same string."""

from search.analyzer import normalize

MAX_QUERY_LENGTH = 200


def normalise(text: str) -> str:
    """search.analyzer.normalize (NFKC, lowercase, control characters out, single spaces), cut to the
    query length limit: "  ＡＮＤＲＯＩＤ  앱 " -> "android 앱"."""
    return normalize(text)[:MAX_QUERY_LENGTH].strip()
