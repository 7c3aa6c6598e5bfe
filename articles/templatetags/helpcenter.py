"""Template helpers for the public pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from articles.korean import particle
from articles.sanitize import outline_headings, plain_text

register = template.Library()

# The same escapes as django.utils.html.json_script: nothing in the data can close the <script> block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """A JSON-LD data block; the JSON is escaped so an article title cannot end the element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.filter
def plain_summary(html: str, length: int = 150) -> str:
    """A meta-description-sized plain text summary of an HTML body."""
    return Truncator(plain_text(html)).chars(int(length))


@register.filter
def josa(word: str, kind: str) -> str:
    """The particle that follows `word`: {{ name|josa:"을/를" }} gives 를 after 비밀번호, 을 after 계정."""
    return particle(str(word), kind)


@register.filter
def body_outline(html: str) -> str:
    """An article body's headings placed under the page's <h1> (the first one is <h2>)."""
    return outline_headings(html)
