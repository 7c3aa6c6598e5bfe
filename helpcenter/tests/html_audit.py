"""Structural checks of rendered HTML: would anything in it run script?"""

from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class ScriptAudit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().replace("\t", "").startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value!r}> script URL")
        if tag == "script":
            self._script = values
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}> element")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None and data.strip():
            kind = (self._script.get("type") or "").lower()
            if "src" in self._script or kind not in DATA_SCRIPT_TYPES:
                self.problems.append(f"inline script: {data.strip()[:80]!r}")


def script_problems(html: str) -> list[str]:
    audit = ScriptAudit()
    audit.feed(html)
    audit.close()
    return audit.problems
