"""The ranking rules, in one place. Every backend scores by these numbers.

Relevance is BM25 (the engine's term statistics: rare words weigh more, long articles don't win by
length) over our analyzer's tokens, summed over the query's parts, so an article matching more
parts ranks higher and a particle or a missing word never makes results vanish:

* a part (one query word, stem after its ending is stripped) matches a field when its tokens occur
  there in order — "제한" inside 이용제한, "비밀번호" as 비밀 밀번 번호; a one-syllable part matches
  the field's syllables;
* fields weigh FIELD_BOOST: title > keywords (tags and taxonomy names) > body;
* a synonym of a part (insights.synonyms) counts SYNONYM_WEIGHT of the part itself, so the
  term's own matches rank above synonym matches;
* "quoted text" must occur in order (a filter as well as a part);
* bonuses: the whole query in order in the title (PHRASE_IN_TITLE) or anywhere in the body
  (PHRASE_IN_BODY), both BM25-scaled; the query equal to the title (canonical words:
  EXACT_TITLE, a constant far above any BM25 sum, so that article comes first);
* ties: the newer article first, then the higher id.

Other sorts ignore the score: `newest` (publish time, then id), `popular` (view count, then newest),
`title` (code point order, which is 가나다 order for Hangul, then lower id).
"""

FIELD_BOOST = {"title": 3.0, "keywords": 2.0, "body": 1.0}
SYNONYM_WEIGHT = 0.5
PHRASE_IN_TITLE = 3.0
PHRASE_IN_BODY = 3.0
EXACT_TITLE = 1000.0
