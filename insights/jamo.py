"""Hangul syllables as jamo, and an edit distance over them.

A syllable is one code point, so a plain edit distance calls 비밀번효 and 비밀번호 as far apart as
비밀번호 and 비밀번개. Decomposed into 초성/중성/종성 the typo is one letter: ㅎㅛ vs ㅎㅗ.
"""

SYLLABLE_FIRST = 0xAC00  # 가
SYLLABLE_LAST = 0xD7A3  # 힣
# Compatibility jamo, so a letter typed on its own (ㅂ) equals the one inside a syllable.
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")
_PER_CHOSEONG = len(JUNGSEONG) * len(JONGSEONG)  # 588


def decompose(text: str) -> str:
    """"비밀번호" -> "ㅂㅣㅁㅣㄹㅂㅓㄴㅎㅗ"; anything that is not a Hangul syllable passes through."""
    letters = []
    for char in text:
        code = ord(char)
        if SYLLABLE_FIRST <= code <= SYLLABLE_LAST:
            index = code - SYLLABLE_FIRST
            letters.append(CHOSEONG[index // _PER_CHOSEONG])
            letters.append(JUNGSEONG[index % _PER_CHOSEONG // len(JONGSEONG)])
            letters.append(JONGSEONG[index % len(JONGSEONG)])
        else:
            letters.append(char)
    return "".join(letters)


def compose(letters: str) -> str:
    """The inverse of decompose for well-formed input (used by tests and debugging)."""
    out, i = [], 0
    while i < len(letters):
        cho, jung = letters[i], letters[i + 1] if i + 1 < len(letters) else ""
        if cho in CHOSEONG and jung in JUNGSEONG:
            jong = letters[i + 2] if i + 2 < len(letters) else ""
            # A final consonant belongs to this syllable unless it starts the next one.
            takes_jong = jong in JONGSEONG[1:] and not (
                i + 3 < len(letters) and jong in CHOSEONG and letters[i + 3] in JUNGSEONG
            )
            code = SYLLABLE_FIRST + CHOSEONG.index(cho) * _PER_CHOSEONG + JUNGSEONG.index(jung) * len(JONGSEONG)
            if takes_jong:
                code += JONGSEONG.index(jong)
            out.append(chr(code))
            i += 3 if takes_jong else 2
        else:
            out.append(cho)
            i += 1
    return "".join(out)


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance (insert, delete, substitute, swap neighbours) between two already decomposed strings.

    With `limit`, stops as soon as the answer must exceed it and returns limit + 1: that bound is what
    keeps "did you mean" cheap over thousands of candidates.
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if limit is not None and min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    result = previous[-1]
    return result if limit is None or result <= limit else limit + 1
