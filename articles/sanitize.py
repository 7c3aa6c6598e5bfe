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
# Control characters other than tab/newline have no place in help text and can hide payloads.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_chars(text: str) -> str:
    return _CONTROL_CHARS.sub("", text)


def sanitize_html(html: str) -> str:
    """Keep formatting (headings, lists, tables, links, images); drop scripts, handlers, bad URLs."""
    return nh3.clean(
        strip_control_chars(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
