"""Highlighted titles and body snippets: escaped text with every match wrapped in <mark>.

Matching here mirrors the index: a Hangul term matches anywhere inside a word, a Latin word or
number only as a whole word, all after NFKC and lowercasing. Everything not a <mark> tag is escaped,
so neither an article body nor the query can inject markup.
"""

import re
import unicodedata
from collections.abc import Iterator, Sequence

from django.utils.html import escape

from .analyzer import DIGIT, HANGUL, LETTER, runs

SNIPPET_LENGTH = 150  # characters of body text shown, all fragments together
MAX_FRAGMENTS = 2
ELLIPSIS = "…"

_EDGE = {LETTER: r"[^\W\d_]", DIGIT: r"[0-9]"}


def _term_pattern(term: str) -> tuple[str, int] | None:
    """The term's regex, and its length as the order of alternatives (longest first)."""
    term_runs = runs(term)
    if not term_runs:
        return None
    texts = [re.escape(r.text) for r in term_runs]
    first, last = term_runs[0].kind, term_runs[-1].kind
    head = texts[0]
    if first != HANGUL:
        # Not preceded by a letter (digit) when it starts with one. Checked after its first run
        # rather than before: every alternative then starts with a literal, and the regex engine
        # skips ahead to the characters they start with instead of trying each one everywhere.
        texts[0] += rf"(?<!{_EDGE[first]}{head})"
    body = r"[\W_]*".join(texts)
    if last != HANGUL:
        body += rf"(?!{_EDGE[last]})"
    # The order is that of the check written before the term (the same length without `head`).
    return body, len(body) - (len(head) if first != HANGUL else 0)


def match_pattern(terms: tuple[str, ...] | list[str]) -> re.Pattern | None:
    patterns = {found for t in terms if (found := _term_pattern(t))}
    ordered = sorted(patterns, key=lambda found: found[1], reverse=True)
    return re.compile("|".join(pattern for pattern, _ in ordered)) if ordered else None


def _normalised(text: str) -> tuple[str, Sequence[int]]:
    """NFKC-lowercased text and, for each of its characters, the index of the source character."""
    if unicodedata.is_normalized("NFKC", text):
        lowered = text.lower()
        if len(lowered) == len(text):  # each character lowercased to exactly one: positions agree
            return lowered, range(len(text))
    chars, index = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).lower():
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def _merged_spans(text: str, pattern: re.Pattern | None) -> Iterator[tuple[int, int]]:
    """The matches, overlapping ones merged, as (start, end) in `text`, in order, found as they
    are read (a snippet stops reading once it has its fragments)."""
    if pattern is None or not text:
        return
    norm, index = _normalised(text)
    current: tuple[int, int] | None = None
    for m in pattern.finditer(norm):
        if m.end() == m.start():
            continue
        start, end = index[m.start()], index[m.end() - 1] + 1
        if current and start <= current[1]:
            current = (current[0], max(end, current[1]))
            continue
        if current:
            yield current
        current = (start, end)
    if current:
        yield current


def match_spans(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    return list(_merged_spans(text, pattern))


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out += [escape(text[pos:s]), "<mark>", escape(text[s:e]), "</mark>"]
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight_title(title: str, pattern: re.Pattern | None) -> str:
    return mark(title, match_spans(title, pattern))


def _snap(text: str, start: int, end: int, keep: tuple[int, int]) -> tuple[int, int]:
    """The window moved onto word boundaries: its start to the next word (or back to this word's
    start when that would cut into the match `keep`), its end back to the last word's end (or on to
    this word's end)."""
    if start > 0 and not text[start - 1].isspace():
        after = _next_space(text, start)
        start = after + 1 if after < keep[0] else _last_space(text, start) + 1
    if end < len(text) and not text[end].isspace():
        before = _last_space(text, end)
        end = before if before >= keep[1] else _next_space(text, end)
    return start, end


def _next_space(text: str, pos: int) -> int:
    return next((i for i in range(pos, len(text)) if text[i].isspace()), len(text))


def _last_space(text: str, pos: int) -> int:
    return next((i for i in range(pos - 1, -1, -1) if text[i].isspace()), -1)


def _centres(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matches the windows are centred on: the first, and the next one well clear of it."""
    centres: list[tuple[int, int]] = []
    for s, e in spans:
        if not centres or s - centres[-1][1] > SNIPPET_LENGTH // MAX_FRAGMENTS:
            centres.append((s, e))
        if len(centres) == MAX_FRAGMENTS:
            break
    return centres


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Up to MAX_FRAGMENTS windows of the text around the first matches, about SNIPPET_LENGTH in
    all, each starting and ending on a word boundary."""
    length = len(text)
    if not spans:
        return [_snap(text, 0, min(length, SNIPPET_LENGTH), (0, 0))]
    centres = _centres(spans)
    width = SNIPPET_LENGTH // len(centres)
    windows: list[tuple[int, int]] = []
    for s, e in centres:
        lead = max(0, (width - (e - s)) // 3)
        start = max(0, s - lead)
        end = min(length, start + width)
        start, end = _snap(text, max(0, min(start, end - width)), end, (s, e))
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def _spans_and_windows(text: str, pattern: re.Pattern | None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The windows and the matches inside them. The windows depend on their centres alone: once
    both are found, matches are read only as far as the windows reach, not through the whole body."""
    spans: list[tuple[int, int]] = []
    reach = None
    for span in _merged_spans(text, pattern):
        if reach is not None and span[0] >= reach:
            break
        spans.append(span)
        # Until the last centre is found, the spans all lie near the first: few to look through.
        if reach is None and len(_centres(spans)) == MAX_FRAGMENTS:
            reach = _windows(text, spans)[-1][1]
    return spans, _windows(text, spans)


def text_snippet(text: str, pattern: re.Pattern | None) -> str:
    """The snippet of a body's visible text (analyzer.html_to_text)."""
    spans, windows = _spans_and_windows(text, pattern)
    fragments = []
    for i, (start, end) in enumerate(windows):
        fragment = mark(text, spans, start, end)
        if i == 0 and start > 0:
            fragment = ELLIPSIS + fragment
        if end < len(text):
            fragment += ELLIPSIS
        fragments.append(fragment)
    return "".join(fragments)
