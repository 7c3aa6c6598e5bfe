"""The article body editor: django-prose-editor (ProseMirror/Tiptap) limited to what our sanitiser keeps.

Notes ("주의") are blockquotes; the editor's toolbar offers exactly these extensions, and
articles/tests/test_editor.py proves every tag and attribute they can produce survives
articles.sanitize.sanitize_html, which still cleans every save. Images are our own extension
(static/admin-staff/editor-images.js, registered in settings.DJANGO_PROSE_EDITOR_EXTENSIONS): a file is
picked, dropped or pasted, uploaded to the images app and inserted with its alt, width and height.
"""

from django.urls import reverse_lazy
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
    "ArticleImage": {"uploadUrl": reverse_lazy("admin:images_uploadedimage_upload")},
}


def body_editor() -> AdminProseEditorWidget:
    return AdminProseEditorWidget(config={"extensions": EDITOR_EXTENSIONS}, preset="configurable")
