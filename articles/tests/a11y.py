"""A few critical axe-core rules, checked on rendered HTML without a browser, so `make test-fast`
still guards the admin and revision pages; axe-core itself runs in the browser tests (axe.py).

label / select-name: every visible form control has an accessible name (a <label for>, an
enclosing <label>, aria-label, aria-labelledby or title); button-name: buttons have text;
image-alt: images have alt; html-has-lang and document-title (serious in axe, cheap to check).
"""

from html.parser import HTMLParser

UNNAMED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
VOID = {"input", "img", "br", "hr", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.label_for: set[str] = set()
        self.controls: list[tuple[str, dict, bool]] = []  # (tag, attrs, inside a <label>)
        self.buttons: list[dict] = []
        self.problems: list[str] = []
        self.open_labels = 0
        self.button: dict | None = None
        self.has_lang = False
        self.title_text = ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.has_lang = bool(values.get("lang"))
        elif tag == "title":
            self.in_title = True
        elif tag == "label":
            self.open_labels += 1
            if values.get("for"):
                self.label_for.add(values["for"])
        elif tag in {"input", "select", "textarea"}:
            kind = values.get("type", "text").lower()
            if tag != "input" or kind not in UNNAMED_INPUT_TYPES:
                self.controls.append((tag, values, self.open_labels > 0))
            elif kind in {"submit", "button", "reset"} and not (values.get("value") or values.get("aria-label")):
                self.problems.append(f"button-name: <input type={kind} name={values.get('name')!r}> without a value")
        elif tag == "button":
            self.button = {**values, "_text": ""}
        elif tag == "img" and "alt" not in values and values.get("role") != "presentation":
            self.problems.append(f"image-alt: <img src={values.get('src')!r}> without alt")

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels = max(0, self.open_labels - 1)
        elif tag == "title":
            self.in_title = False
        elif tag == "button" and self.button is not None:
            if not (self.button["_text"].strip() or self.button.get("aria-label") or self.button.get("title")):
                self.problems.append(f"button-name: <button class={self.button.get('class')!r}> without text")
            self.button = None

    def handle_data(self, data):
        if self.in_title:
            self.title_text += data
        if self.button is not None:
            self.button["_text"] += data

    def finish(self) -> list[str]:
        for tag, values, wrapped in self.controls:
            named = wrapped or values.get("id") in self.label_for
            named = named or any(values.get(name, "").strip() for name in ("aria-label", "aria-labelledby", "title"))
            if not named:
                self.problems.append(f"label: <{tag} name={values.get('name')!r} id={values.get('id')!r}> has no label")
        if not self.has_lang:
            self.problems.append("html-has-lang: <html> without lang")
        if not self.title_text.strip():
            self.problems.append("document-title: empty <title>")
        return self.problems


def critical_problems(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.finish()
