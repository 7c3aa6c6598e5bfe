"""Query building rules of the Tantivy backend (search/backends/tantivy/queries.py) that the
search-level tests cannot tell apart by results alone."""

from search.backends.tantivy.queries import _has_pieces, _in_most
from search.backends.tantivy.words import IndexedWords

from .backend_tests import plan


class Frequencies:
    """A searcher that knows only how many documents there are and each term's document frequency."""

    num_docs = 100

    def __init__(self, **frequencies):
        self.frequencies = frequencies

    def doc_freq(self, field, token):
        return self.frequencies.get(f"{field}:{token}", 0)


def test_a_low_information_part_in_most_bodies_is_not_read():
    searcher = Frequencies(**{"body:되어": 80, "body:나요": 10, "body_syllables:안": 90, "body_syllables:수": 40})
    assert _in_most(searcher, [("되어",)])
    assert _in_most(searcher, [("안",)])  # a lone syllable: its own field
    # Every form counts: 되었 is in no article, its form 되어 in most.
    assert _in_most(searcher, [("되었",), ("되어",)])
    # Kept: in half of the articles or fewer, a form that is rarer, a phrase, or in no article at all.
    assert not _in_most(searcher, [("나요",)])
    assert not _in_most(searcher, [("수",)])
    assert not _in_most(searcher, [("되어",), ("나요",)])
    assert not _in_most(searcher, [("되었",)])
    assert not _in_most(searcher, [("되어", "어요")])
    assert not _in_most(Frequencies(**{"body:되어": 50}), [("되어",)])  # exactly half


def test_pieces_of_a_word_found_whole_are_left_out_when_its_heads_are_in_most_bodies(monkeypatch):
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: [])
    monkeypatch.setattr("search.facets.taxonomy", lambda key: {"service": [], "category": [], "platform": []})
    word, short = plan("이용제한").parts[0], plan("제한").parts[0]
    found, typo = IndexedWords(), IndexedWords(missing=frozenset({"이용제한"}))
    both = Frequencies(**{"body:이용": 80, "body:제한": 70})
    assert not _has_pieces(both, word, found)
    assert _has_pieces(both, word, typo)  # no article has the word whole: its pieces are all it has
    assert _has_pieces(Frequencies(**{"body:이용": 80, "body:제한": 40}), word, found)  # one rare head
    assert _has_pieces(Frequencies(**{"body:이용": 80, "body:제한": 50}), word, found)  # exactly half
    assert not _has_pieces(both, short, found)  # two syllables: no pieces at all
