"""The ranking rules, in one place. Every backend scores by these numbers.

Relevance is BM25 (the engine's term statistics: rare words weigh more, long articles don't win by
length) over our analyzer's tokens, summed over the query's parts, so an article matching more
parts ranks higher and a particle or a missing word never makes results vanish:

* a part (one query word, stem after its ending is stripped) matches a field when its tokens occur
  there in order — "제한" inside 이용제한, "비밀번호" as 비밀 밀번 번호; a one-syllable part matches
  the field's syllables;
* fields weigh FIELD_BOOST: title > keywords (tags and taxonomy names) > body;
* a part that says little (a lone syllable, an ending or filler word left on its own: 안, 나요, 수 —
  analyzer.LOW_INFORMATION) weighs LOW_INFORMATION_WEIGHT, unless the query has nothing else; beside
  a content word that some article has, it only ranks that word's articles and adds none of its own
  (안 is in nearly every article: the results and their count are about the content words), and
  when it is one token that more than half of the articles have (되어, 안 in a large help center)
  it is not read at all: its IDF is below 0.7, so it could only nudge the order (a common-terms
  cutoff);
* a word that names a platform or service (itself or through a synonym: 아이폰 -> iOS, 갤럭시 ->
  안드로이드, 토톡 -> 토크톡) is a preference, not a topic: that value's articles get NAMED_FACET,
  and the word itself matches only when no other word of the query is in any article (beside
  them it still ranks, as a low-information part, the articles that say it: 갤럭시에서 알림이 …);
* with no platform named, the platform-neutral (공통) articles get NEUTRAL_PLATFORM;
* a word of three or more Hangul syllables also matches through its bigrams at PIECE_WEIGHT, so
  words typed without spaces (비번변경, 이모티콘환불, 친구추가) find articles that write them apart,
  below articles that contain the word whole: while some article has the word whole, its first and
  last bigram are required, in one field, and only they count (the ones between are in the
  articles with the whole word) — unless both are each in more than half of the articles' bodies:
  then having both says nothing of the word written apart, and the word matches whole only (a
  cutoff like the one for low-information parts); a word no article has matches through any of
  its bigrams, each adding to the score;
* a word typed without spaces that no article has whole also matches as the words it splits into
  (search/backends/tantivy/words.py: the cut whose pieces of two or more syllables are most covered
  by words some article has, or whose synonyms some article has — 비번변경 -> 비번 | 변경,
  휴대폰번호변경 -> 휴대폰 | 번호 | 변경), each ranked like a word of the query;
* a synonym of a part (insights.synonyms) counts SYNONYM_WEIGHT of the part itself, so the
  term's own matches rank above synonym matches — unless no article has the word itself (비번,
  카톡): then its synonyms are all it has and count in full; so do the verb stems of a conjugated word
  (search/lemmas.py: 바꿨 -> 바꾸), and the synonyms of its stem (지운 -> 지우다 -> 삭제);
* a part counts once: of its forms (the word, its synonyms, its pieces) the best-scoring one, plus
  ALTERNATIVE_TIE of the others — an article that says 탈퇴, 회원 탈퇴 and 계정 삭제 does not outrank
  one that has 탈퇴 and the query's other word;
* a phrase never spans two blocks of a field (paragraphs, table cells, list items, tags): the
  index holds a boundary token between them (analyzer.BOUNDARY);
* "quoted text" must occur in order (a filter as well as a part); its words rank like bare words —
  when the phrase is the whole query, in the title and keywords only (the phrase covers the body);
* bonuses: the query, one of its content words or a run of its words as typed equal to one of the
  article's tags (that tag's BM25 times TAGGED; with a synonym in place of a word at SYNONYM_WEIGHT
  of it): staff tag an article with what it is about, so of two titles with 신고 the one tagged 신고
  comes first, and "7일 탈퇴 취소" finds the article tagged 탈퇴 취소; the whole query in order in
  the title (PHRASE_IN_TITLE) or anywhere in the body
  (PHRASE_IN_BODY), both BM25-scaled; the query equal to the title (canonical words:
  EXACT_TITLE, a constant far above any BM25 sum, so that article comes first);
* a query of one word (a topic: 백업, 이용제한) multiplies the score of questions answered once per
  platform by 1 + MAIN_TOPIC: staff write per-platform answers for the help center's main tasks,
  so among close scores the main article of the topic comes first (the part of popularity the
  content itself shows; view counts are too young to trust on a new help center);
* related results: the first 50 results are re-scored, each gaining RELATED × the best score × the
  share of the best result's tags (other than the query's own words) it has too, so what staff
  filed under the same subjects as the answer comes right after it (중복 결제 -> its tag 환불 ->
  the refund articles); the best result has all its tags and stays first;
* ties: the newer article first, then the higher id.

Other sorts ignore the score: `newest` (publish time, then id), `popular` (view count, then newest),
`title` (code point order, which is 가나다 order for Hangul, then lower id).
"""

FIELD_BOOST = {"title": 3.0, "keywords": 2.0, "body": 1.0}
SYNONYM_WEIGHT = 0.5
ALTERNATIVE_TIE = 0.2
LOW_INFORMATION_WEIGHT = 0.2
PIECE_WEIGHT = 0.3
NAMED_FACET = 3.0
NEUTRAL_PLATFORM = 1.0
TAGGED = 1.0
PHRASE_IN_TITLE = 3.0
PHRASE_IN_BODY = 3.0
EXACT_TITLE = 1000.0
MAIN_TOPIC = 0.1
RELATED = 0.5
