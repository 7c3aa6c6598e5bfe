"""The search backend interface: what every engine behind `search()` implements.

The framework (search/documents.py) says *what* is indexed; a backend says *how*. Keeping an index
in step with the database (the change log, search/sync.py) is shared too: a backend stores the
`Checkpoint` of what it has applied atomically with the documents, and reports it back.
Every backend passes the same behaviour tests (search/tests/backend_tests.py).
"""

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime

from ..documents import IndexDocument
from ..query import QueryPlan


@dataclass(frozen=True)
class Checkpoint:
    """How far an index has caught up with the change log (see search/models.py)."""

    epoch: str = ""
    generation: int = -1  # every change up to this generation is applied
    applied: int = 0  # the id of the last change applied


@dataclass(frozen=True)
class FacetIds:
    """Selected ids per facet; None where the facet is not filtered."""

    service: tuple[int, ...] | None = None
    category: tuple[int, ...] | None = None
    platform: tuple[int, ...] | None = None


@dataclass
class Matches:
    hits: list[tuple[int, float]]  # (article id, score) of the requested page, in order
    # Returns (count, facets); a backend may still be counting when it hands the page over (the
    # caller loads the page meanwhile), and this waits for it. count: public matches that pass
    # every facet filter; facets: facet -> value id -> count.
    counted: Callable[[], tuple[int, dict[str, dict[int, int]]]]
    unmatched: tuple[str, ...] = ()  # content words no article contains whole, nor their synonyms (typos)
    # Listed questions with platform variants: listed article id -> ids of the question's matching
    # articles, the listed one first (the caller may show another variant, e.g. the visitor's device's).
    members: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # (version, body text) as indexed (IndexDocument) of listed articles and members, for snippets:
    # an article missing here, or changed since, has its body read from the database.
    texts: dict[int, tuple[int, str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return self.counted()[0]

    @property
    def facets(self) -> dict[str, dict[int, int]]:
        return self.counted()[1]


class WriteSession:
    """Writes to the live index; nothing is visible to searches before `commit`."""

    def replace(self, article_ids: list[int], documents: list[IndexDocument]) -> None:
        """Remove these articles, then add the documents (a subset of them: the indexable ones)."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def commit(self, checkpoint: Checkpoint) -> None:
        raise NotImplementedError


class SearchBackend:
    def __init__(self, params: dict):
        self.params = params

    def search(
        self, plan: QueryPlan, *, facets: FacetIds, now: datetime, sort: str, offset: int, limit: int
    ) -> Matches:
        """One page of public matches in `sort` order, one per question: platform variants (one
        question_key) are listed once, at their best-placed article; `count` and `facets` count
        questions the same way."""
        raise NotImplementedError

    def checkpoint(self, *, refresh: bool = False) -> Checkpoint:
        """What the index searches now answer from has applied; `refresh` first looks for newer
        commits (another process's)."""
        raise NotImplementedError

    def session(self) -> AbstractContextManager[WriteSession | None]:
        """A write session, or None at once when another process is writing to this index."""
        raise NotImplementedError

    def rebuild(self, batches: Iterable[list[IndexDocument]], checkpoint: Checkpoint) -> int:
        """Build a new index beside the live one from `batches`, then swap it in; searches keep
        answering from the old one meanwhile. Returns the number of documents."""
        raise NotImplementedError

    def suggest(self, plan: QueryPlan, *, now: datetime, limit: int) -> list[int]:
        """Type-ahead: public articles whose title has every word of the plan, most viewed first,
        one per question (platform variants share a group)."""
        raise NotImplementedError

    # Conveniences on top of a session, for callers that write once.
    def index(self, documents: list[IndexDocument], checkpoint: Checkpoint) -> bool:
        return self._write(lambda s: s.replace([d.article_id for d in documents], documents), checkpoint)

    def remove(self, article_ids: list[int], checkpoint: Checkpoint) -> bool:
        return self._write(lambda s: s.replace(list(article_ids), []), checkpoint)

    def _write(self, work, checkpoint: Checkpoint) -> bool:
        with self.session() as session:
            if session is None:
                return False
            work(session)
            session.commit(checkpoint)
            return True
