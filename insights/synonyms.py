"""Synonym groups managed by staff. PLACEHOLDER until issue 8: no synonyms yet."""


def synonyms_for(term: str) -> list[str]:
    """Other terms of every synonym group containing `term` (normalised), best first."""
    return []
