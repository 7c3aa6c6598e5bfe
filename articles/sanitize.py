"""HTML sanitising for article bodies, one policy for admin edits and imports."""

import re

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "mark",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "blockquote", "code", "pre", "span", "div", "figure", "figcaption", "small",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # Only images uploaded to this site (images app): src under MEDIA_URL, checked by _keep_attribute.
    "img": {"src", "alt", "width", "height"},
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


# What the images app stores: images/2026/11/<random>.png. Word characters only, so no "..", "//", query or host.
_UPLOADED_NAME = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.(?:png|jpe?g|gif|webp)")
_DIMENSION = re.compile(r"[1-9][0-9]{0,4}")
# Run on nh3's output only: it writes every attribute as name="value" with <, >, " and & escaped, so
# a tag ends at the first ">" and a value at the next quote.
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def is_uploaded_image_url(url: str) -> bool:
    """An address of an image uploaded to this site (settings.MEDIA_URL + a stored name)."""
    prefix = settings.MEDIA_URL
    return url.startswith(prefix) and bool(_UPLOADED_NAME.fullmatch(url[len(prefix):]))


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if is_uploaded_image_url(value) else None
    if tag == "img" and attribute in ("width", "height"):
        return value if _DIMENSION.fullmatch(value) else None
    return value


def _clean(html: str, **options) -> str:
    return nh3.clean(html, url_schemes=URL_SCHEMES, strip_comments=True, **options)


def sanitize_html(html: str) -> str:
    """Keep formatting (headings, lists, tables, links, our own images); drop scripts, handlers, bad URLs."""
    html = strip_control_chars(html)
    # The filter is a Python call per attribute: only bodies with an image pay for it.
    has_images = "<img" in html.lower()
    clean = _clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_keep_attribute if has_images else None,
    )
    if has_images:
        # An image whose src was not ours has lost it: nothing would be left to show.
        clean = _IMG_TAG.sub(lambda tag: tag.group(0) if ' src="' in tag.group(0) else "", clean)
    # Stripped again afterwards: the parser turns entities such as &#x202E; into the characters themselves.
    return strip_control_chars(clean).strip()


def _image_attributes(clean_html: str) -> list[dict[str, str]]:
    import html as html_module

    return [
        {name: html_module.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        for tag in _IMG_TAG.findall(clean_html)
    ]


def images_without_alt(clean_html: str) -> list[str]:
    """The src of each image in a sanitised body that has no text alternative (alt missing or blank)."""
    return [image["src"] for image in _image_attributes(clean_html) if not image.get("alt", "").strip()]


def foreign_image_sources(html: str) -> list[str]:
    """Addresses of images in raw HTML that sanitize_html would drop because they are not uploads of ours."""
    if "<img" not in html.lower():
        return []
    only_images = _clean(strip_control_chars(html), tags={"img"}, attributes={"img": {"src"}})
    sources = [image.get("src", "") for image in _image_attributes(only_images)]
    return [src for src in sources if src and not is_uploaded_image_url(src)]


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
