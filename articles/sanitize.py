"""HTML sanitising for article bodies, one policy for admin edits and imports."""

import re

import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "mark",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "blockquote", "code", "pre", "span", "div", "figure", "figcaption", "small",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    # The body editor writes the list style as type (1, a, i) and names it again in data-type.
    "ol": {"start", "type", "data-type"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Control characters other than tab/newline have no place in help text and can hide payloads; nor do
# bidirectional controls (LRM/RLM, embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069),
# which make a title display as something other than what it says ("Trojan Source").
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_control_chars(text: str) -> str:
    return _CONTROL_CHARS.sub("", text)


def sanitize_html(html: str) -> str:
    """Keep formatting (headings, lists, tables, links, images); drop scripts, handlers, bad URLs."""
    # Stripped again afterwards: the parser turns entities such as &#x202E; into the characters themselves.
    return strip_control_chars(nh3.clean(
        strip_control_chars(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )).strip()


# Tags after which a reader sees a break: plain text keeps a space there instead of gluing words.
_BLOCK_BOUNDARY = re.compile(r"<(?:br|/?(?:p|div|h[1-6]|li|ul|ol|tr|td|th|table|blockquote|pre|figure|figcaption|hr))\b[^>]*>", re.I)


def plain_text(html: str) -> str:
    """Text of a sanitised body for meta descriptions and JSON-LD: words kept apart at block
    boundaries, entities decoded (so the template's one escaping is the only one), spaces collapsed."""
    import html as html_module

    from django.utils.html import strip_tags

    text = strip_tags(_BLOCK_BOUNDARY.sub(" ", html or ""))
    return " ".join(html_module.unescape(text).split())


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.I)


def outline_headings(html: str, top: int = 2) -> str:
    """A sanitised body's headings renumbered to sit under the page's own heading: the first is
    <h{top}> and none is more than one level below the heading before it (screen-reader users move
    by these levels; a body written in h3 under the page's h1 would skip one). Order is kept:
    h3, h4, h3 becomes h2, h3, h2."""
    open_levels: list[tuple[int, int]] = []  # (written level, shown level) of the enclosing headings
    shown = top

    def renumber(match: re.Match) -> str:
        nonlocal shown
        closing, written = match.group(1), int(match.group(2))
        if not closing:
            while open_levels and open_levels[-1][0] >= written:
                open_levels.pop()
            shown = min(open_levels[-1][1] + 1 if open_levels else top, 6)
            open_levels.append((written, shown))
        return f"<{closing}h{shown}"  # headings do not nest: a closing tag ends the last one opened

    return _HEADING_TAG.sub(renumber, html or "")
