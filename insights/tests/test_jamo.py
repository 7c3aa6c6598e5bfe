import pytest

from insights.jamo import compose, decompose, distance


def test_syllables_split_into_initial_medial_final():
    assert decompose("비밀번호") == "ㅂㅣㅁㅣㄹㅂㅓㄴㅎㅗ"
    assert decompose("닭") == "ㄷㅏㄺ"
    assert decompose("가힣") == "ㄱㅏㅎㅣㅎ"  # first and last syllable of the block


def test_non_hangul_passes_through():
    assert decompose("iOS 앱 2.0") == "iOS ㅇㅐㅂ 2.0"
    assert decompose("ㅂㅂ") == "ㅂㅂ"


@pytest.mark.parametrize("text", ["비밀번호", "카카오톡 친구 삭제", "닭갈비", "앉아요", "android 앱"])
def test_compose_undoes_decompose(text):
    assert compose(decompose(text)) == text


@pytest.mark.parametrize(
    ("typed", "meant", "expected"),
    [
        ("비밀번효", "비밀번호", 1),  # ㅛ for ㅗ
        ("탈튀", "탈퇴", 1),  # ㅟ for ㅚ
        ("로그인", "로그인", 0),
        ("카톡", "카카오톡", 4),  # 카오 = ㅋㅏㅇㅗ missing
        ("결재", "결제", 1),
    ],
)
def test_distance_counts_jamo_edits(typed, meant, expected):
    assert distance(decompose(typed), decompose(meant)) == expected


def test_syllable_level_would_call_the_typo_further_away():
    # Per syllable 효 and 개 differ from 호 equally; per jamo 효 is one letter off, 개 two.
    assert distance(decompose("비밀번효"), decompose("비밀번호")) < distance(decompose("비밀번개"), decompose("비밀번호"))


def test_swapped_neighbours_cost_one():
    assert distance("andriod", "android") == 1


def test_limit_stops_early():
    assert distance("abcdef", "uvwxyz", limit=2) == 3
    assert distance("a", "abcdef", limit=1) == 2
    assert distance(decompose("비밀번효"), decompose("비밀번호"), limit=1) == 1
