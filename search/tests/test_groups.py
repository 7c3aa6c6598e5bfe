"""The integers that let the engine group platform variants and count questions exactly."""

from search.backends.tantivy.groups import collapse, place_number, place_of, platform_number, question_number


def test_articles_alone_have_no_question():
    assert question_number("#12", 1, 2) == 0
    assert place_number(0, 1, 2) == platform_number(0, 3) == 0


def test_a_question_is_its_key_in_one_service_and_category():
    lock = question_number("lock", 1, 2)
    assert lock == question_number("lock", 1, 2) != 0
    assert lock != question_number("lock", 1, 3) and lock != question_number("backup", 1, 2)
    assert 0 < lock < 2**62


def test_service_and_category_read_back_from_the_place():
    question = question_number("lock", 70_000, 1_048_575)  # service beyond 16 bits: kept modulo
    assert place_of(place_number(question, 7, 1_048_575)) == (7, 1_048_575)
    assert place_of(place_number(question, 65_535, 3)) == (65_535, 3)
    assert place_number(question, 7, 3) != place_number(question_number("other", 7, 3), 7, 3)


def test_platform_numbers_differ_per_platform_and_question():
    question = question_number("lock", 1, 2)
    assert platform_number(question, 4) != platform_number(question, 5)
    assert platform_number(question, 4) & (2**22 - 1) == 4


def test_collapse_keeps_the_first_of_each_question():
    assert collapse(["a", "b", "c", "d", "e"], [7, 0, 7, 0, 9]) == ["a", "b", "d", "e"]
