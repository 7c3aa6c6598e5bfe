"""Default synonym groups for help-center Korean, as ordinary rows staff can edit or delete in the admin.

The words are those visitors type (evaluation set, search/evaluation/queries.py) next to the words
the demo articles use. Terms are written already normalised (lower case, single spaces), because
historical models here do not run SynonymGroup.save().
Re-running adds only the groups that are missing (same set of terms); reversing deletes only the
groups still exactly as shipped, so staff edits survive both ways.
"""

from django.db import migrations

NOTE = "기본 제공 동의어"

DEFAULT_GROUPS = [
    # 서비스 별칭
    ["토크톡", "토톡", "톡톡"],
    ["토크페이", "톡페이", "토페"],
    ["토크드라이브", "톡드", "톡드라이브"],
    ["토크계정", "톡계정"],
    # 줄임말·속어 ↔ 문서의 말
    ["비밀번호", "비번", "패스워드", "암호"],
    ["단체 채팅방", "단톡방", "단톡", "단체방", "그룹 채팅"],
    ["내보내기", "강퇴", "강제 퇴장"],
    ["이용제한", "정지", "이용 정지", "계정 정지"],
    ["해킹", "도용", "보호조치", "계정 보호"],
    ["메신저 피싱", "보이스피싱", "피싱", "스미싱", "사칭"],
    ["휴대폰", "폰", "휴대전화", "핸드폰", "스마트폰"],
    ["결제 수단", "카드", "결제수단", "결제카드", "신용카드"],
    ["탈퇴", "회원 탈퇴", "계정 삭제"],
    ["프로필 사진", "프사"],
    ["더치페이", "엔빵", "나눠 내기"],
    ["분실", "잊어버림", "까먹음"],
    ["오픈채팅", "오픈톡", "오픈채팅방"],
    ["음성 통화", "보이스톡", "무료 통화"],
    ["이모티콘", "이모지", "스티커"],
    ["알림", "알람", "푸시"],
    ["저장 공간", "용량"],
    ["다운로드", "내려받기", "다운"],
    ["업로드", "올리기"],
    ["인증번호", "인증 문자", "인증코드"],
    ["환불", "결제 취소", "구매 취소"],
    # 플랫폼 이름
    ["ios", "아이폰", "아이패드"],
    ["안드로이드", "android", "갤럭시", "삼성폰"],
    ["pc", "컴퓨터", "윈도우", "pc버전"],
    ["mac", "맥", "맥북", "macos"],
]


def _key(terms):
    return frozenset(terms)


def install_groups(apps, groups):
    SynonymGroup = apps.get_model("insights", "SynonymGroup")
    existing = {_key(t.strip() for t in g.terms.split(",")) for g in SynonymGroup.objects.all()}
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms=", ".join(terms), note=NOTE) for terms in groups if _key(terms) not in existing
    )


def uninstall_groups(apps, groups):
    SynonymGroup = apps.get_model("insights", "SynonymGroup")
    shipped = {_key(terms) for terms in groups}
    for group in SynonymGroup.objects.all():
        if _key(t.strip() for t in group.terms.split(",")) in shipped:
            group.delete()


def install(apps, schema_editor):
    install_groups(apps, DEFAULT_GROUPS)


def uninstall(apps, schema_editor):
    uninstall_groups(apps, DEFAULT_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("insights", "0002_staff_permissions")]

    operations = [migrations.RunPython(install, uninstall)]
