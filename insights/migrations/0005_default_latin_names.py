"""More default synonym groups: product and screen names typed in Hangul that articles write in
Latin letters (파인더 / Finder), and verbs for lifting a restriction (풀다 / 해제). Same rules as
0003: re-running adds only missing groups, reversing removes only groups still exactly as shipped.
"""

import importlib

from django.db import migrations

defaults = importlib.import_module("insights.migrations.0003_default_synonyms")

GROUPS = [
    ["finder", "파인더"],
    ["face id", "페이스 아이디", "페이스아이디", "얼굴 인식"],
    ["qr 코드", "큐알", "qr"],
    ["otp", "일회용 비밀번호", "2단계 인증"],
    ["해제", "풀다"],
]


def install(apps, schema_editor):
    defaults.install_groups(apps, GROUPS)


def uninstall(apps, schema_editor):
    defaults.uninstall_groups(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [("insights", "0004_default_verb_synonyms")]

    operations = [migrations.RunPython(install, uninstall)]
