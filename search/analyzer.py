"""The project's Korean analyzer: text -> index tokens, query -> query terms.

Why character n-grams and not a morphological analyzer: Korean glues particles and endings to
words ("이용제한/임시조치를", "제한되어", "탈퇴하면"), so whole-word tokens never match the stem a
user types. Hangul bigrams (plus unigrams for one-syllable queries) find a term anywhere inside a
compound or inflected form, need no model or dependency, and behave the same whatever the database. Their weakness, false positives from particles in the *query*, is handled on the query side:
endings are stripped from query words (`query_terms`) and ranking counts how many query parts match
instead of requiring all of them.

A field is analysed into its phrase stream (and, separately, its syllables):

* Latin words and digit runs are single tokens, lowercased ("iOS15" -> "ios", "15").
* A Hangul run of two or more syllables becomes its bigrams in order ("비밀번호" -> 비밀 밀번 번호);
  a one-syllable run is a single token ("12세" -> "12", "세").
* The field's Hangul syllables are indexed once each in a field of their own (`syllables`), so a
  one-syllable query term ("세", "톡") matches too without disturbing phrase positions.

A query word matches when its own stream occurs as a phrase, so "제한" (one bigram) matches
"이용제한", and "비밀번호" (비밀 밀번 번호) matches only those three bigrams in order.
"""

import html
import operator
import re
import unicodedata
from dataclasses import dataclass

from .lemmas import past_syllable

# Tokens never contain anything but these classes (never a space), so the engine's whitespace
# tokenizer splits a joined stream back into exactly our tokens.
HANGUL, LETTER, DIGIT = "hangul", "letter", "digit"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre)\b[^>]*>", re.I)

# Query-side Korean particles and endings, longest first. Stripped only when at least two syllables
# stay, so nouns that merely end in such a syllable ("한도", "결과") survive.
SUFFIXES = tuple(
    sorted(
        {
            # particles
            "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께", "한테", "로", "으로",
            "와", "과", "도", "만", "까지", "부터", "처럼", "보다", "이나", "나", "랑", "이랑", "하고",
            "에서는", "에는", "으로는", "로는", "이란", "란", "이요", "요",
            # verb/adjective endings (after a noun stem, mostly 하다/되다/시키다)
            "하면", "하려면", "하는", "하는데", "해요", "해도", "했어요", "했는데", "하기", "하세요", "하나요",
            "합니다", "할", "한", "해", "하여", "하지", "하지만", "되면", "되어", "돼", "돼요", "되었어요", "되었습니다",
            "되는", "되나요", "되지", "된", "될", "됐어요", "됐는데", "되어요", "시키는", "시키면",
            "어요", "아요", "나요", "는데", "습니다", "세요", "려면", "으려면", "면", "으면",
            "고", "지", "게", "기", "었어요", "았어요",
            # colloquial endings people type into a search box (탈퇴할래요, 환불해주세요, 해킹당함)
            "할래요", "할래", "해주세요", "해줘요", "해줘", "하고싶어요", "하고싶은데", "당함", "당했어요", "당했는데",
            "됨", "함", "했음", "안됨", "안돼요", "안돼", "했는데요", "하는데요", "음", "감",
            # questions about what something is (얼마인가요, 임시조치가 뭔가요 -> 뭔가요 is a stopword)
            "인가요", "인가", "이에요", "예요", "에요",
        },
        key=len,
        reverse=True,
    )
)
# Help-center nouns whose last syllable looks like a particle or ending ("이용제한" is not "이용제" + 한,
# "메시지" is not "메시" + 지): a word ending in one of them keeps that ending.
PROTECTED_NOUNS = (
    "제한", "권한", "기한", "한도", "메시지", "이미지", "페이지", "추가", "화면", "신고", "광고", "기기",
    "페이", "아이", "데이터", "로그", "도메인", "사이", "보기", "모드", "코드", "카드", "가이드",
)
# Query words that say little about the topic (endings left on their own, filler, negation): they
# still match, at LOW_INFORMATION_WEIGHT of a content word (search/ranking.py).
LOW_INFORMATION = frozenset(
    {
        "나요", "와요", "돼요", "해요", "가요", "줘요", "봐요", "있나", "있나요", "없나요", "되나요", "있어요", "없어요",
        "했어요", "됐어요", "있는", "없는", "어요", "해도", "하는", "되는", "할", "수", "것", "거", "때", "좀", "왜",
        "뭐", "다", "안", "못", "잘", "더", "또", "그", "이", "저", "제", "내", "할수", "있을까요", "되요", "돼",
        "하나", "하나요", "되나",  # 어떻게 하나요 / 되나요: the question, not "하나" (one)
        # how, when, how much, can it: the question around the topic
        "해야", "해야요", "방법", "법", "언제", "얼마", "있을까", "될까", "될까요", "할까", "할까요",
        "되었", "되어", "됐어", "했어",  # …되었어요, …했어요: the tense, not the topic
        "않아", "않아요", "않는", "않고", "않을", "않음",  # …지 않아요: the negation, not the topic
    }
)
# Words that carry no topic in a question ("…하고 싶어요", "어떻게 …").
QUERY_STOPWORDS = frozenset(
    {
        "싶어요", "싶습니다", "싶은데", "싶어", "어떻게", "어떡하나요", "어떡해요", "알려주세요", "주세요", "좀",
        "뭐예요", "뭔가요", "뭐에요", "무엇인가요", "뭔지",
    }
)


def is_hangul(ch: str) -> bool:
    o = ord(ch)
    return (
        0xAC00 <= o <= 0xD7A3
        or 0x1100 <= o <= 0x11FF
        or 0x3131 <= o <= 0x318E
        or 0xA960 <= o <= 0xA97C
        or 0xD7B0 <= o <= 0xD7C6
        or 0xD7CB <= o <= 0xD7FB
    )


def char_class(ch: str) -> str | None:
    if is_hangul(ch):
        return HANGUL
    if ch.isdigit() and ch.isascii():
        return DIGIT
    if ch.isalpha():
        return LETTER
    if ch.isdigit():  # non-ASCII digits that NFKC kept (rare scripts): letters for our purpose
        return LETTER
    return None


def normalize(text: str) -> str:
    """NFKC, lowercase, control characters (NUL included) removed, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _CONTROL.sub(" ", text).lower()
    return " ".join(text.split())


def html_blocks(body: str) -> list[str]:
    """Visible text of a sanitised HTML body, one string per block (paragraph, table cell, list item,
    heading), empty blocks left out."""
    blocks = _BLOCK_TAG.sub("\x00", body or "").split("\x00")
    texts = (" ".join(html.unescape(_TAG.sub("", block)).split()) for block in blocks)
    return [text for text in texts if text]


def html_to_text(body: str) -> str:
    """Visible text of a sanitised HTML body, blocks separated by spaces (one pass: snippets read
    twenty of these per search)."""
    text = _BLOCK_TAG.sub(" ", body or "")
    text = _TAG.sub("", text)
    return " ".join(html.unescape(text).split())


@dataclass(frozen=True)
class Run:
    kind: str
    text: str


_HANGUL_CLASS = "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\ua960-\ua97c\ud7b0-\ud7c6\ud7cb-\ud7fb"  # as is_hangul
# One pass in C: Hangul runs, ASCII digit runs, and runs of other word characters; the last are
# letters when ASCII and are classified character by character (`char_class`) otherwise, which
# is rare in Korean text and keeps the exact semantics for every script.
_RUN = re.compile(rf"([{_HANGUL_CLASS}]+)|([0-9]+)|([^\W_0-9{_HANGUL_CLASS}]+)")
_CODE_KIND = {1: HANGUL, 2: DIGIT, 3: LETTER}


def _slow_spans(text: str, offset: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    kind, start = None, 0
    for i, ch in enumerate(text):
        k = char_class(ch)
        if k != kind:
            if kind is not None:
                out.append((kind, offset + start, offset + i))
            kind, start = k, i
    if kind is not None:
        out.append((kind, offset + start, offset + len(text)))
    return out


def _spans(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each maximal run of one character class."""
    out: list[tuple[str, int, int]] = []
    for m in _RUN.finditer(text):
        group = m.lastindex
        if group == 3 and not m.group().isascii():
            out += _slow_spans(m.group(), m.start())
        else:
            out.append((_CODE_KIND[group], m.start(), m.end()))
    return out


def runs(text: str) -> list[Run]:
    """Maximal runs of one character class in normalised text; everything else separates."""
    return [Run(kind, text[start:end]) for kind, start, end in _spans(text)]


MAX_WORD_LENGTH = 60  # longer Latin/digit runs are cut (index and query alike): lexeme size limits


def _bigrams(run: str) -> list[str]:
    return list(map(operator.add, run, run[1:]))


def run_stream(run: Run) -> list[str]:
    if run.kind != HANGUL or len(run.text) == 1:
        return [run.text[:MAX_WORD_LENGTH]]
    return _bigrams(run.text)


_H = _HANGUL_CLASS
# Text with only Hangul, ASCII letters and ASCII digits as word characters (nearly every help
# article) is tokenised by one regex in C: a lookahead at each position yields the token that
# starts there (a Hangul bigram, a lone syllable, a Latin word or a digit run), in order.
_FAST_TOKEN = re.compile(
    rf"(?=([{_H}]{{2}}|(?<![{_H}])[{_H}](?![{_H}])"
    rf"|(?<![0-9])[0-9]{{1,{MAX_WORD_LENGTH}}}|(?<![a-zA-Z])[a-zA-Z]{{1,{MAX_WORD_LENGTH}}}))"
)
_OTHER_WORD_CHAR = re.compile(rf"[^\W_0-9a-zA-Z{_H}]")
_HANGUL_RUN = re.compile(rf"[{_H}]+")


def stream(text: str) -> list[str]:
    """The ordered phrase tokens of already normalised text."""
    if _OTHER_WORD_CHAR.search(text) is None:
        return _FAST_TOKEN.findall(text)
    return [tok for r in runs(text) for tok in run_stream(r)]


# Between two blocks of a field (table cells, paragraphs, tags) the index holds this token, which no
# query ever produces: a phrase cannot match across it, so "iOS | 파일 앱" in two cells of a table
# is not the phrase "iOS 파일 앱".
BOUNDARY = "¶"


def index_text(text: str | list[str], *, max_tokens: int = 20000) -> str:
    """One field's phrase stream as the engine stores it: tokens joined by spaces, in order (the
    engine's whitespace tokenizer gives them consecutive positions, so phrases work). A list of
    blocks gets BOUNDARY between them."""
    blocks = [text] if isinstance(text, str) else text
    tokens: list[str] = []
    for block in blocks:
        block_tokens = stream(normalize(block))
        if block_tokens:
            tokens += [BOUNDARY, *block_tokens] if tokens else block_tokens
    return " ".join(tokens[:max_tokens])


def syllables(text: str) -> str:
    """Each Hangul syllable of the text once, space separated: what one-syllable query terms match."""
    return " ".join(dict.fromkeys("".join(_HANGUL_RUN.findall(normalize(text)))))


def canonical(text: str) -> str:
    """Text reduced to its words: used to recognise a query that is exactly an article's title."""
    return " ".join(r.text for r in runs(normalize(text)))


def strip_suffix(word: str) -> str:
    """Drop one particle or ending from a Hangul query word, keeping at least two syllables — or one
    in the past tense (찼어요 -> 찼, as articles write 가득 찼다고)."""
    if word.endswith(PROTECTED_NOUNS):
        return word
    if len(word) == 3 and word.endswith(("어요", "아요")) and past_syllable(word[0]):
        return word[0]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class QueryTerm:
    """One part of a query: the text as typed (normalised), the stem searched and its token phrase."""

    text: str
    stem: str
    tokens: tuple[str, ...]
    phrase: bool = False  # from "quoted text": must match in order


def word_term(word: str) -> QueryTerm | None:
    """A query word -> the term searched: its runs, with the ending of a final Hangul run stripped."""
    word = normalize(word)
    word_runs = runs(word)
    if not word_runs:
        return None
    last = word_runs[-1]
    if last.kind == HANGUL:
        if len(word_runs) > 1 and last.text in SUFFIXES:
            word_runs = word_runs[:-1]  # "iOS에서" -> "ios"
        else:
            word_runs = [*word_runs[:-1], Run(HANGUL, strip_suffix(last.text))]
    stem = " ".join(r.text for r in word_runs)
    tokens = tuple(tok for r in word_runs for tok in run_stream(r))
    return QueryTerm(text=" ".join(r.text for r in runs(word)), stem=stem, tokens=tokens)


_QUOTED = re.compile(r'"([^"]*)"')


def _words(text: str) -> list[str]:
    """Query words split where documents split too: on spaces and punctuation ("이용제한/임시조치" is two
    words), while adjacent runs of different classes stay one word ("PC버전", "iOS에서")."""
    bounds: list[list[int]] = []
    for _, start, end in _spans(text):
        if bounds and bounds[-1][1] == start:
            bounds[-1][1] = end
        else:
            bounds.append([start, end])
    return [text[start:end] for start, end in bounds]


def query_terms(query: str, *, max_terms: int = 8) -> list[QueryTerm]:
    """Normalised query -> its distinct terms: "quoted phrases" whole, other words stemmed."""
    query = normalize(query)
    terms: list[QueryTerm] = []
    for phrase in _QUOTED.findall(query):
        tokens = tuple(stream(phrase))
        if tokens:
            terms.append(QueryTerm(text=canonical(phrase), stem=canonical(phrase), tokens=tokens, phrase=True))
    rest = _QUOTED.sub(" ", query).replace('"', " ")
    words = [t for w in _words(rest) if (t := word_term(w))]
    content = [t for t in words if t.text not in QUERY_STOPWORDS]
    terms.extend(content or words)  # a query of only stopwords still searches them
    # A quoted phrase's words rank like bare words too (it in the title, them in the title): the
    # phrase itself still decides what matches.
    terms.extend(t for phrase in _QUOTED.findall(query) for w in _words(phrase) if (t := word_term(w)))
    unique: dict[tuple[str, ...], QueryTerm] = {}
    for term in terms:
        unique.setdefault(term.tokens, term)
    return list(unique.values())[:max_terms]
