"""Default synonym groups for the verbs visitors type where articles use a Sino-Korean noun
(바꾸고 싶어요 / 비밀번호 변경). Verbs are written in dictionary form ("바꾸다"): search looks a typed
verb up by its stem (search/lemmas.py) and searches a listed verb by its stem, so every
conjugation matches. Same rules as 0003: re-running adds only missing groups, reversing removes
only groups still exactly as shipped.
"""

import importlib

from django.db import migrations

defaults = importlib.import_module("insights.migrations.0003_default_synonyms")

VERB_GROUPS = [
    ["변경", "바꾸다"],
    ["전송", "보내다"],
    ["삭제", "지우다"],
    ["복원", "살리다"],
    ["중지", "그만하다"],
    ["설치", "깔다"],
]


def install(apps, schema_editor):
    defaults.install_groups(apps, VERB_GROUPS)


def uninstall(apps, schema_editor):
    defaults.uninstall_groups(apps, VERB_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("insights", "0003_default_synonyms")]

    operations = [migrations.RunPython(install, uninstall)]
