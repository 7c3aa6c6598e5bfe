"""Korean particles chosen by the final syllable of the word they follow: 비밀번호를, 계정을, 메일로, 설정으로."""

# particle as written after a word without / with a final consonant; "(으)로" is handled apart (ㄹ takes 로).
PARTICLES = {
    "을/를": ("를", "을"),
    "이/가": ("가", "이"),
    "은/는": ("는", "은"),
    "과/와": ("와", "과"),
    "(으)로": ("로", "으로"),
}
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # ㄹ as a final consonant (jongseong index)
# How digits are read: 일, 칠, 팔 end in ㄹ; 영, 삼, 육, 십 in another consonant.
_DIGIT_FINALS = {"0": 21, "1": _RIEUL, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": _RIEUL, "8": _RIEUL, "9": 0}
# Latin words are read out; these endings are usually heard as a final consonant (앱 → "app", 맥 → "Mac").
_LATIN_FINALS = {"l": _RIEUL, "m": 16, "n": 4, "k": 1, "c": 1, "p": 17, "b": 17, "t": 19}


def final_consonant(word: str) -> int | None:
    """The final consonant index (0 = none, 8 = ㄹ) of the last readable character; None if there is none."""
    for ch in reversed(word.strip()):
        code = ord(ch)
        if _HANGUL_FIRST <= code <= _HANGUL_LAST:
            return (code - _HANGUL_FIRST) % 28
        if ch in _DIGIT_FINALS:
            return _DIGIT_FINALS[ch]
        if ch.isascii() and ch.isalpha():
            return _LATIN_FINALS.get(ch.lower(), 0)
        if ch.isalnum():
            return None  # another script: we cannot tell
        # closing quotes, brackets and punctuation are skipped: ‘비밀번호’를
    return None


def particle(word: str, kind: str) -> str:
    """The particle `kind` ("을/를", "이/가", "은/는", "과/와", "(으)로") that follows `word`.

    A word we cannot read gets both forms, as Korean writing does: 을(를).
    """
    if kind not in PARTICLES:
        raise ValueError(f"unknown particle {kind!r}; expected one of {sorted(PARTICLES)}")
    plain, after_consonant = PARTICLES[kind]
    final = final_consonant(word)
    if final is None:
        return "(으)로" if kind == "(으)로" else f"{after_consonant}({plain})"
    if kind == "(으)로":
        return plain if final in (0, _RIEUL) else after_consonant
    return after_consonant if final else plain


def with_particle(word: str, kind: str) -> str:
    return f"{word}{particle(word, kind)}"
