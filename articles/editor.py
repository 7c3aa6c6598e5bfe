"""The article body editor: django-prose-editor (ProseMirror/Tiptap) limited to what our sanitiser keeps.

Notes ("주의") are blockquotes; the editor's toolbar offers exactly these extensions, and
articles/tests/test_editor.py proves every tag and attribute they can produce survives
articles.sanitize.sanitize_html, which still cleans every save.
"""

from django_prose_editor.widgets import AdminProseEditorWidget

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,  # 주의·참고 notes
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,  # source view for the occasional hand fix; the sanitiser still applies
}


def body_editor() -> AdminProseEditorWidget:
    return AdminProseEditorWidget(config={"extensions": EDITOR_EXTENSIONS}, preset="configurable")
