"""The one normalisation shared by the search log, synonyms and suggestions."""

import unicodedata

MAX_QUERY_LENGTH = 200


def normalise(text: str) -> str:
    """NFKC (full-width Latin, compatibility Hangul), lowercase, single spaces: "  ＡＮＤＲＯＩＤ  앱 " -> "android 앱"."""
    text = unicodedata.normalize("NFKC", text or "").replace("\x00", "")
    return " ".join(text.lower().split())[:MAX_QUERY_LENGTH]
