"""Frequent-token bitmaps (articles/search/bitmaps.py) and the engine's use of them: bits across
chunk boundaries, upkeep on every index write, the vocabulary, and the same answers as the database
index for a generated corpus."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, SearchBitmap, SearchToken
from articles.search import SORTS, SearchFilters, bitmaps, engine, index, search
from articles.search.backends.base import IndexRow
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def row(article_id: int, body: list[str]) -> IndexRow:
    return IndexRow(article_id, 1, 1, 1, timezone.now(), "", "", {"title": [], "tags": [], "body": body})


def ids_of(token_id: int, size: int = 30000) -> set[int]:
    return set(map(int, bitmaps.fetch([token_id], size)[token_id].nonzero()[0]))


def test_writer_sets_and_clears_bits_across_chunk_boundaries():
    vocabulary = bitmaps.reset([("body", "가나")])
    edge = [0, 7, 8191, 8192, 8193, 20000]
    writer = bitmaps.Writer(vocabulary)
    writer.add([row(pk, ["가나", "드문"]) for pk in edge])
    writer.flush()
    token, everything = vocabulary[("body", "가나")], vocabulary[bitmaps.ALL]
    assert ids_of(token) == set(edge)
    assert ids_of(everything) == set(edge)
    assert SearchBitmap.objects.filter(token_id=token).count() == 3  # chunks 0, 1 and 2 only

    writer = bitmaps.Writer(vocabulary)
    writer.clear([8192, 7])
    writer.add([row(8192, ["다른"])])  # still indexed, without the token
    writer.flush()
    assert ids_of(token) == {0, 8191, 8193, 20000}
    assert ids_of(everything) == {0, 8191, 8192, 8193, 20000}


def test_fetch_of_ids_beyond_the_last_chunk_is_all_false():
    vocabulary = bitmaps.reset([])
    assert not bitmaps.fetch([vocabulary[bitmaps.ALL]], 100)[vocabulary[bitmaps.ALL]].any()


def test_vocabulary_takes_tokens_in_enough_articles_most_frequent_first(settings, monkeypatch):
    settings.SEARCH_BITMAP_MIN_DF = 3
    rows = [row(i, ["흔한"] * 2 + (["보통"] if i < 3 else []) + (["드문"] if i < 2 else [])) for i in range(10)]
    assert bitmaps.choose(rows) == [("body", "흔한"), ("body", "보통")]  # 드문 is in 2 < 3 articles
    monkeypatch.setattr(bitmaps, "MAX_TOKENS", 1)
    assert bitmaps.choose(rows) == [("body", "흔한")]
    settings.SEARCH_BITMAP_MIN_DF = 1
    many = [row(i, ["흔한"] + (["보통"] if i < 3 else [])) for i in range(400)]
    assert bitmaps.choose(many) == [("body", "흔한")]  # 3 of 400 is under the 1 % floor for bodies


@pytest.fixture
def database_lookups(settings, monkeypatch):
    """Every token a bitmap once chosen; returns the lookups the database index answered."""
    settings.SEARCH_BITMAP_MIN_DF = 1
    seen = []
    real = engine.Lookups._database

    def database(self, lookups):
        seen.extend(lookups)
        return real(self, lookups)

    monkeypatch.setattr(engine.Lookups, "_database", database)
    return seen


def titles(results) -> list[str]:
    return sorted(hit.article.title for hit in results.hits)


def test_every_index_write_keeps_the_bitmaps_current(database_lookups):
    kept = make_article(title="보안 안내", body="<p>비밀번호 변경 방법</p>")
    edited = make_article(title="계정 안내", body="<p>비밀번호 찾기</p>")
    dropped = make_article(title="로그인 안내", body="<p>비밀번호 입력</p>")
    deleted = make_article(title="탈퇴 안내", body="<p>비밀번호 확인 후 탈퇴</p>")
    index.rebuild_bitmaps()
    assert titles(search("비밀번호")) == ["계정 안내", "로그인 안내", "보안 안내", "탈퇴 안내"]

    edited.body = "<p>이메일 찾기</p>"
    edited.save()
    dropped.status = Article.Status.DRAFT
    dropped.save()
    deleted.delete()
    added = make_article(title="새 안내", body="<p>비밀번호 변경 순서</p>")
    assert titles(search("비밀번호")) == ["보안 안내", "새 안내"]
    assert titles(search("변경")) == ["보안 안내", "새 안내"]
    assert search("비밀번호").count == 2
    assert {kept.pk, added.pk} == {hit.article.pk for hit in search("비밀번호").hits}
    assert not [lk for lk in database_lookups if lk.field == "body"]  # all from the bitmaps
    assert titles(search("이메일")) == ["계정 안내"]  # a word newer than the vocabulary: the database index
    assert [lk.tokens for lk in database_lookups if lk.field == "body"] == [("이메", "메일")]


def test_first_vocabulary_is_chosen_once_the_index_holds_a_sample(settings, monkeypatch):
    settings.SEARCH_BITMAP_MIN_DF = 2
    monkeypatch.setattr(bitmaps, "SAMPLE", 4)
    for n in range(3):
        make_article(title=f"결제 안내 {n}", body="<p>결제 수단 변경</p>")
    assert not SearchToken.objects.exclude(field="*").exists()
    make_article(title="결제 안내 3", body="<p>결제 수단 변경</p>")
    assert SearchToken.objects.filter(field="body", token="결제").exists()
    assert search("결제").count == 4


def test_a_large_import_into_a_small_index_is_one_rebuild(settings, monkeypatch):
    settings.SEARCH_BITMAP_MIN_DF = 2
    monkeypatch.setattr(index, "BULK_MIN", 3)
    monkeypatch.setattr(bitmaps, "SAMPLE", 100)
    rebuilt = []
    real_rebuild = index.rebuild
    monkeypatch.setattr(index, "rebuild", lambda ids, **kw: rebuilt.append(len(ids)) or real_rebuild(ids, **kw))
    articles = [make_article(title=f"알림 설정 {n}", body="<p>알림 소리 끄기</p>") for n in range(4)]
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(title="알림 끄기")  # as an import writes
    index.clear()
    index.reindex_many([a.pk for a in articles])
    assert rebuilt == [4]
    assert search("끄기").count == 4
    assert SearchToken.objects.filter(field="title", token="끄기").exists()
    index.reindex_many([articles[0].pk])  # small: reindexed in place
    assert rebuilt == [4]


# Words that share bigrams (비밀번호 / 전화번호 / 비밀, 이용제한 / 이용 / 제한) so partial matches exist.
WORDS = ["비밀번호", "전화번호", "비밀", "변경", "계정", "이용제한", "이용", "제한", "알림", "설정", "대화", "백업",
         "결제", "해지", "iOS", "PC", "앱", "정"]


@pytest.fixture
def corpus(help_center):
    rng = random.Random(6)
    now = timezone.now()
    places = [
        (help_center.talk, help_center.account),
        (help_center.talk, help_center.chat),
        (help_center.pay, help_center.payment),
    ]
    platforms = [help_center.android, help_center.ios, help_center.pc]
    for n in range(60):
        service, category = rng.choice(places)
        words = rng.choices(WORDS, k=rng.randint(2, 12))
        Article.objects.create(
            service=service,
            category=category,
            platform=rng.choice(platforms),
            title=" ".join(rng.sample(WORDS, 2)) + f" {n}",
            body="<p>" + " ".join(words) + "</p>",
            tags=rng.choice(["", "보안", "백업"]),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=rng.randint(1, 5) if n % 7 else -60),  # some scheduled
            view_count=rng.randint(0, 50),
        )
    return help_center


def queries() -> list[tuple[str, SearchFilters, str]]:
    rng = random.Random(9)
    texts = [*WORDS, "비밀번호를 변경하고 싶어요", '"비밀번호 변경"', "알림 설정", "정 앱 iOS", ""]
    texts += [" ".join(rng.sample(WORDS, rng.randint(2, 3))) for _ in range(8)]
    filters = [SearchFilters(), SearchFilters(platform=("ios",)), SearchFilters(service=("토크톡",), platform=("pc", "ios"))]
    every = [(text, f, sort) for text in texts for f in filters for sort in SORTS]
    return every[::5]  # 5 is prime to the 4 sorts and 3 filter sets: every one occurs, with every text


def answers() -> list:
    out = []
    for text, filters, sort in queries():
        results = search(text, filters=filters, sort=sort, page_size=7)
        facets = {name: [(v.slug, v.count) for v in values] for name, values in results.facets.items()}
        out.append((text, sort, results.count, [(h.article.pk, h.score) for h in results.hits], facets))
    return out


def test_bitmaps_answer_exactly_what_the_database_index_answers(corpus, settings):
    settings.SEARCH_BITMAP_MIN_DF = 1
    index.rebuild_bitmaps([])  # no vocabulary: every lookup goes to the database index
    from_database = answers()
    index.rebuild_bitmaps()
    assert SearchToken.objects.count() > 50
    from_bitmaps = answers()
    assert sum(1 for a in from_database if a[2]) > len(from_database) // 2  # most queries find something
    for expected, got in zip(from_database, from_bitmaps, strict=True):
        assert got == expected
