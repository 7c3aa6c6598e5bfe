"""Where search gets a term's synonyms and a query's spelling correction: whichever app manages
them registers a source here (insights does, in its AppConfig.ready), so search depends on no
other app's code.

A source is called as `source(term, state)`, where `state` is the database's search state
(search.changes.state()): every synonym change takes a new one, so a source can keep its map until
the state moves and costs no query per term.
"""

from collections.abc import Callable

Source = Callable[[str, tuple[str, int]], list[str]]
_sources: list[Source] = []


def register(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def synonyms_for(term: str, state: tuple[str, int]) -> list[str]:
    found: list[str] = []
    for source in _sources:
        found += [s for s in source(term, state) if s not in found]
    return found


Corrector = Callable[[str], str | None]
_correctors: list[Corrector] = []


def register_corrector(corrector: Corrector) -> None:
    if corrector not in _correctors:
        _correctors.append(corrector)


def correction_for(query: str) -> str | None:
    """The first registered corrector's answer for a query that found nothing (비밀번효 -> 비밀번호)."""
    for corrector in _correctors:
        if (corrected := corrector(query)) and corrected != query:
            return corrected
    return None
