"""Verb stems inside the words people type: 바꿨어요, 들어와요, 보내져요, 지운, 살릴, 열림.

The analyzer strips endings it can list (search/analyzer.py SUFFIXES); a conjugated verb often
changes its last syllable instead (바꾸 + 었 -> 바꿨, 들어오 + 아 -> 들어와, 살리 + ㄹ -> 살릴).
These rules undo the regular changes, syllable by syllable (jamo arithmetic on precomposed Hangul):

* `verb_stems`: forms that can only be verbs — a final ㅆ (past: 바꿨 -> 바꾸, 보냈 -> 보내),
  a contracted 아/어 (바꿔 -> 바꾸, 들어와 -> 들어오, 돼 -> 되), a passive 져 (보내져 -> 보내), a
  final ㅁ (열림 -> 열리, 안됨 -> 안되). Their stems are searched like synonyms of the word.
* `lookup_stems`: also the adnominal ㄴ/ㄹ (지운 -> 지우, 살릴 -> 살리) and the noun-making 기 (풀기
  -> 풀). Many nouns end the same way (사진, 파일, 크기), so these are only looked up in the synonym
  groups, never searched as they are.

Synonym groups may hold verbs in dictionary form ("바꾸다"): `dictionary_forms` gives the keys
to look a stem up under, and `searchable` turns a dictionary form back into the stem to search.
"""

_BASE = 0xAC00
_PER_INITIAL = 21 * 28
# Final consonant indexes (T) and medial vowel indexes (V) used below.
_NIEUN, _RIEUL, _MIEUM, _SSANGSIOT = 4, 8, 16, 20
_O, _U, _WA, _WO, _OE, _WAE, _YEO, _I = 8, 13, 9, 14, 11, 10, 6, 20
# A contracted vowel -> the stem's own vowel: 와 <- 오+아, 워 <- 우+어, 왜 <- 되+어 (돼), 여 <- 이+어
# (보여 <- 보이, 사라져 <- 사라지, 잃어버려 <- 잃어버리).
_UNCONTRACT = {_WA: _O, _WO: _U, _WAE: _OE, _YEO: _I}
_NOUN_INITIALS = {0, 18}  # ㄱ, ㅎ
_IEUNG = 11  # ㅇ: 여 without a final ends nouns (참여, 대여) as often as verbs (보여)


def _parts(syllable: str) -> tuple[int, int, int] | None:
    code = ord(syllable) - _BASE
    if not 0 <= code < 11172:
        return None
    return code // _PER_INITIAL, code % _PER_INITIAL // 28, code % 28


def _compose(initial: int, vowel: int, final: int = 0) -> str:
    return chr(_BASE + initial * _PER_INITIAL + vowel * 28 + final)


def _undo_last(word: str, finals: set[int]) -> list[str]:
    """Stems from changing the word's last syllable: a final in `finals` dropped, then a contracted
    vowel undone (both, or either)."""
    parts = _parts(word[-1]) if len(word) >= 2 else None
    if parts is None:
        return []
    initial, vowel, final = parts
    head = word[:-1]
    stems = []
    if final in finals:
        stems.append(head + _compose(initial, vowel))
    # Without a final, 과/화/여 end nouns far more often than verbs (결과, 대화, 참여): left alone.
    noun_like = initial in _NOUN_INITIALS or (vowel == _YEO and initial == _IEUNG)
    if vowel in _UNCONTRACT and (final in finals or (final == 0 and not noun_like)):
        stems.append(head + _compose(initial, _UNCONTRACT[vowel]))
    return stems


def past_syllable(syllable: str) -> bool:
    """A syllable with the past tense's final ㅆ (찼, 됐, 했): 찼어요 is 차 + 었 + 어요."""
    parts = _parts(syllable)
    return parts is not None and parts[2] == _SSANGSIOT


def verb_stems(word: str) -> list[str]:
    """Stems of a word that is a conjugated verb (see the module); [] for most words."""
    if len(word) >= 3 and word.endswith("져"):
        return [word[:-1]]  # 보내져 -> 보내
    return [s for s in dict.fromkeys(_undo_last(word, {_SSANGSIOT, _MIEUM})) if s != word]


def lookup_stems(word: str) -> list[str]:
    """`verb_stems`, stems behind an adnominal ㄴ/ㄹ and a verb made a noun by 기 (풀기 -> 풀, 끄기 ->
    끄), for synonym lookup only."""
    nominal = [word[:-1]] if len(word) >= 2 and word.endswith("기") else []
    return list(dict.fromkeys([*verb_stems(word), *_undo_last(word, {_NIEUN, _RIEUL}), *nominal]))


def dictionary_forms(stem: str) -> list[str]:
    """Keys a stem may be listed under in a synonym group: itself and its dictionary form."""
    return [stem, stem + "다"]


def searchable(term: str) -> str:
    """A synonym as searched: a verb in dictionary form loses 다 ("바꾸다" -> "바꾸", "변경하다" ->
    "변경"), so it matches every conjugation."""
    for ending in ("하다", "되다", "다"):
        if term.endswith(ending) and len(term) - len(ending) >= 1 and len(term) >= 3:
            return term[: -len(ending)]
    return term
