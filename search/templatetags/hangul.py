"""Korean particles chosen by the last syllable of the word before them."""

from django import template

register = template.Library()

# particle -> (after a final consonant, after a vowel); (으)로 also takes 로 after ㄹ.
PAIRS = {"을": ("을", "를"), "를": ("을", "를"), "이": ("이", "가"), "가": ("이", "가"), "은": ("은", "는"),
         "는": ("은", "는"), "과": ("과", "와"), "와": ("과", "와"), "으로": ("으로", "로"), "로": ("으로", "로")}
RIEUL = 8  # index of ㄹ among final consonants


def final_consonant(word: str) -> int | None:
    """Index of the last syllable's final consonant (0: none); None when it is no Hangul syllable."""
    last = word.rstrip().rstrip("’'\")”」』")[-1:] if word else ""  # 'quoted' words end in a quote
    if last and "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    if last.isdigit():
        return 0 if last in "2459" else 1  # 이, 사, 오, 구 end in a vowel
    return None


@register.filter
def particle(word: str, which: str) -> str:
    """`word` followed by the particle that fits it: {{ "비밀번호"|particle:"으로" }} -> 비밀번호로."""
    word = str(word)
    after_consonant, after_vowel = PAIRS.get(which, (which, which))
    final = final_consonant(word)
    if final is None:
        return _fallback(word, after_consonant, after_vowel)
    if which in ("으로", "로") and final == RIEUL:
        return word + after_vowel
    return word + (after_consonant if final else after_vowel)


def _fallback(word: str, after_consonant: str, after_vowel: str) -> str:
    """Not Hangul (a Latin word): both forms, as Korean writing does — iOS을(를)."""
    if after_consonant == "으로":
        return f"{word}(으)로"
    return f"{word}{after_consonant}({after_vowel})"
