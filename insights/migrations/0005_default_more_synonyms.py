"""More default synonym groups: product and screen names typed in Hangul that articles write in
Latin letters (파인더 / Finder), verbs of help-center questions next to the nouns articles use
(꺼지다 / 종료, 풀다 / 해제), and a few nouns. Verbs in dictionary form, as in 0004. Same rules as
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
# Verbs of help-center questions, in dictionary form, next to the nouns articles use.
VERB_GROUPS = [
    ["종료", "꺼지다", "튕기다"],
    ["분실", "잃어버리다", "잊어버리다", "까먹다"],
    ["이동", "옮기다"],
    ["생성", "만들다", "개설"],
    ["해제", "끄다", "비활성화"],
    ["활성화", "켜다"],
    ["수정", "고치다"],
    ["접속", "들어가다", "입장"],
    ["지연", "늦다", "느리다"],
    ["중단", "멈추다"],
    ["사라지다", "없어지다"],
    ["검색", "찾다"],
    ["퇴장", "나가다"],
    ["표시", "보이다", "뜨다"],
]
# Nouns: what visitors and articles call the same thing.
GROUPS += [
    ["오류", "에러"],
    ["초기화", "리셋"],
    ["문자", "sms", "문자 메시지"],
    ["연락처", "주소록", "전화번호부"],
    # what people call things in a messenger and a wallet
    ["앱", "어플", "애플리케이션"],
    ["업데이트", "업뎃"],
    ["채팅방", "톡방", "대화방"],
    ["1:1 채팅", "갠톡", "개인톡"],
    ["캡처", "캡쳐", "스크린샷"],
    ["동영상", "영상"],
    ["결제", "결재"],
    ["계좌", "통장"],
    ["송금", "이체", "돈 보내기"],
    ["잔액", "잔고"],
    ["전화번호", "폰번호", "휴대폰 번호"],
]
GROUPS += VERB_GROUPS


def install(apps, schema_editor):
    defaults.install_groups(apps, GROUPS)


def uninstall(apps, schema_editor):
    defaults.uninstall_groups(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [("insights", "0004_default_verb_synonyms")]

    operations = [migrations.RunPython(install, uninstall)]
