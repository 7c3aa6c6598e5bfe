"""A deterministic synthetic corpus of Korean help articles, written as import_articles JSONL.

Words are drawn from a ~6,000-word vocabulary with a Zipf distribution (exponent ZIPF_S): the
first ranks are real help-center nouns, the long tail is composed from Hangul syllables. Nouns get
particles, verbal nouns get endings (설정하면, 변경할 수 있나요), some nouns glue into compounds
(대화내용백업), and Latin terms (iOS, PC, Android) are sprinkled in, so the engine sees text that
looks like real help articles. The same seed always gives byte-identical output.
"""

import bisect
import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEED = 20261128
ZIPF_S = 1.35
VOCABULARY_SIZE = 6000

SERVICES = ["메신저", "페이", "지도", "메일", "캘린더", "클라우드", "쇼핑", "뮤직", "웹툰", "게임"]
TOPICS = [
    "계정/로그인", "회원가입", "탈퇴/해지", "비밀번호", "보안/인증", "결제/환불", "구독/멤버십", "알림 설정",
    "친구 관리", "대화/채팅방", "사진/동영상", "파일 전송", "백업/복원", "이용제한/임시조치", "신고/차단",
    "개인정보", "기기 변경", "업데이트/오류", "이벤트/혜택", "고객센터 이용",
]
PLATFORMS = ["iOS", "Android", "PC", "Mac", "웹", "태블릿"]

NOUNS = """계정 비밀번호 로그인 탈퇴 백업 제한 이용제한 설정 알림 결제 환불 구독 친구 대화 대화내용 채팅방 사진 동영상
파일 프로필 전화번호 이메일 인증 보안 기기 업데이트 버전 오류 차단 신고 삭제 복구 저장 전송 다운로드 설치 검색 메시지
선물 쿠폰 포인트 주문 배송 취소 영수증 카드 계좌 송금 충전 잔액 본인확인 명의 가족 연동 동기화 로그아웃 화면 글자 테마
소리 진동 위치 경로 즐겨찾기 일정 메일함 스팸 용량 저장공간 데이터 네트워크 와이파이 접속 연결 회원 가입 아이디 닉네임
생년월일 나이 보호자 동의 약관 개인정보 운영정책 임시조치 게시물 댓글 공유 링크 초대 그룹 방장 멤버 음성 통화 영상통화
카메라 마이크 권한 배터리 언어 번역 상담 문의 고객센터 답변 이벤트 혜택 등급 멤버십 요금 청구 자동결제 해지 약정 휴대폰
컴퓨터 브라우저 앱 서비스 방법 경우 확인 문제 안내 기능 메뉴 버튼 상태 정보 내용 사용자 관리 변경 목록 항목""".split()
VERB_NOUNS = """변경 설정 삭제 복구 저장 전송 설치 인증 해지 취소 연동 신고 차단 확인 이용 가입 탈퇴 백업 초기화 등록
해제 발급 재설정 사용 선택 입력 수정 제한 표시 로그인 업데이트 동기화 결제 환불 검색""".split()
# (after a final consonant, after a vowel): 계정을 / 비밀번호를
PARTICLES = [("을", "를"), ("이", "가"), ("은", "는"), ("과", "와"), ("으로", "로"), ("에서", "에서"), ("도", "도"), ("의", "의")]
GENERIC = ["서비스", "방법", "경우", "확인", "안내", "기능", "메뉴", "정보", "사용자", "내용"]
ENDINGS = ["하면", "하고", "되어", "했어요", "할 수 있나요", "합니다", "하세요", "됩니다", "하려면", "되지 않아요"]
LATIN = ["iOS", "Android", "PC", "Mac", "Windows", "macOS", "Wi-Fi", "QR", "OTP", "USB", "iPad", "Chrome", "Safari", "12세"]
# Fixed collocations so that quoted-phrase queries have real, in-order matches.
PHRASES = ["비밀번호 변경", "대화내용 백업", "자동결제 해지", "이용제한 해제", "본인확인 인증", "알림 설정 방법"]

# Hangul composition: syllable = 0xAC00 + (lead * 21 + vowel) * 28 + tail
_LEADS = [0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18]  # ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
_VOWELS = [0, 4, 8, 13, 18, 20, 1, 6, 12, 17]  # ㅏ ㅓ ㅗ ㅜ ㅡ ㅣ ㅐ ㅕ ㅛ ㅠ
_TAILS = [0, 0, 0, 4, 8, 21, 1, 16]  # none (weighted), ㄴ ㄹ ㅇ ㄱ ㅁ

ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)
FUTURE = datetime(2099, 1, 1, tzinfo=UTC)


def with_particle(word: str, rng: random.Random) -> str:
    after_consonant, after_vowel = rng.choice(PARTICLES)
    last = ord(word[-1]) - 0xAC00
    return word + (after_consonant if 0 <= last < 11172 and last % 28 else after_vowel)


def _syllable(rng: random.Random) -> str:
    return chr(0xAC00 + (rng.choice(_LEADS) * 21 + rng.choice(_VOWELS)) * 28 + rng.choice(_TAILS))


def build_vocabulary(size: int = VOCABULARY_SIZE, seed: int = SEED) -> list[str]:
    """Zipf rank order: real help-center nouns first (shuffled), then composed 2–4 syllable words."""
    rng = random.Random(seed)
    real = [w for w in dict.fromkeys(NOUNS + VERB_NOUNS) if w not in GENERIC]
    rng.shuffle(real)
    real = GENERIC + real
    words, seen = list(real), set(real)
    while len(words) < size:
        word = "".join(_syllable(rng) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
        if word not in seen and not any(word in r or r in word for r in real):
            seen.add(word)
            words.append(word)
    return words


def category_names(service: str) -> list[str]:
    """20 categories per service (200 in all); names are unique across services so slugs never collide."""
    return [f"{service} {topic}" for topic in TOPICS]


@dataclass
class Corpus:
    """What the generator knows about the corpus it wrote: per-word document frequencies for query choice."""

    path: Path
    articles: int
    published: int
    vocabulary: list[str]
    word_df: Counter = field(default_factory=Counter)  # vocabulary index -> number of articles using it
    body_chars: int = 0


class _Writer:
    def __init__(self, vocabulary: list[str], seed: int):
        self.vocabulary = vocabulary
        self.seed = seed
        weights = [1 / (rank**ZIPF_S) for rank in range(1, len(vocabulary) + 1)]
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]
        self.verb_nouns = VERB_NOUNS
        head = min(300, len(vocabulary))
        self.head_cum = self.cum[:head]

    def draw(self, rng: random.Random, k: int, head: bool = False) -> list[int]:
        cum = self.head_cum if head else self.cum
        total = cum[-1]
        return [bisect.bisect(cum, rng.random() * total) for _ in range(k)]

    def sentence(self, rng: random.Random, used: set[int]) -> str:
        ids = self.draw(rng, rng.randint(4, 9))
        used.update(ids)
        parts, i = [], 0
        while i < len(ids):
            word = self.vocabulary[ids[i]]
            roll = rng.random()
            if roll < 0.45:
                word = with_particle(word, rng)
            elif roll < 0.60 and i + 1 < len(ids):
                i += 1
                word += self.vocabulary[ids[i]]  # compound: 대화내용백업
            elif roll < 0.61:
                word = f"{rng.choice(LATIN)} {word}"
            elif roll < 0.6135:
                word = rng.choice(PHRASES)
            parts.append(word)
            i += 1
        parts.append(rng.choice(self.verb_nouns) + rng.choice(ENDINGS) + ".")
        return " ".join(parts)

    def title(self, rng: random.Random, used: set[int]) -> str:
        target = rng.randint(10, 40)
        parts: list[str] = []
        while len(" ".join(parts)) < target - 8:
            idx = self.draw(rng, 1, head=True)[0]
            used.add(idx)
            word = self.vocabulary[idx]
            parts.append(with_particle(word, rng) if rng.random() < 0.5 else word)
        if rng.random() < 0.25:
            parts.insert(0, rng.choice(LATIN))
        text = " ".join(parts + [rng.choice(self.verb_nouns) + rng.choice(ENDINGS) + "?"])
        while len(text) > 40:
            text = text[:40].rsplit(" ", 1)[0]
        return text if len(text) >= 10 else (text + " 안내 및 방법")[:40]

    def article(self, i: int, used: set[int]) -> dict:
        rng = random.Random(self.seed * 1_000_003 + i)
        service = SERVICES[rng.randrange(len(SERVICES))]
        target = rng.randint(300, 3000)
        paragraphs, paragraph, length = [], [], 0
        while True:
            sentence = self.sentence(rng, used)
            if length >= 320 and length + len(sentence) + 1 > target:
                break
            paragraph.append(sentence)
            length += len(sentence) + 1
            if len(paragraph) >= rng.randint(2, 4):
                paragraphs.append(paragraph)
                paragraph = []
        if paragraph:
            paragraphs.append(paragraph)
        body = "".join("<p>" + " ".join(p) + "</p>" for p in paragraphs)
        tags = [self.vocabulary[idx] for idx in self.draw(rng, rng.randint(1, 3), head=True)]
        roll = rng.random()
        if roll < 0.96:
            status, published_at = "published", ANCHOR - timedelta(seconds=rng.randrange(6 * 365 * 86400))
        elif roll < 0.98:
            status, published_at = "published", FUTURE + timedelta(seconds=rng.randrange(86400 * 30))
        else:
            status, published_at = rng.choice(("draft", "archived")), ANCHOR - timedelta(days=rng.randrange(365))
        return {
            "external_id": f"bench-{i:07d}",
            "service": service,
            "category": rng.choice(category_names(service)),
            "platform": PLATFORMS[rng.randrange(len(PLATFORMS))],
            "title": self.title(rng, used),
            "body": body,
            "status": status,
            "published_at": published_at.isoformat(),
            "tags": list(dict.fromkeys(tags)),
        }


def write_corpus(path: Path, articles: int, *, seed: int = SEED) -> Corpus:
    """Write `articles` JSONL records to `path` and return per-word document frequencies."""
    vocabulary = build_vocabulary(seed=seed)
    writer = _Writer(vocabulary, seed)
    corpus = Corpus(path=path, articles=articles, published=0, vocabulary=vocabulary)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for i in range(articles):
            used: set[int] = set()
            record = writer.article(i, used)
            corpus.word_df.update(used)
            corpus.body_chars += len(record["body"])
            corpus.published += record["status"] == "published" and record["published_at"] < ANCHOR.isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return corpus


_TAG = re.compile(r"<[^>]+>")


def searchable_texts(path: Path) -> Iterator[str]:
    """Title, body text and tags of each public article, lower-cased — what a substring match sees."""
    cutoff = ANCHOR.isoformat()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["status"] == "published" and record["published_at"] < cutoff:
                yield " ".join((record["title"], _TAG.sub(" ", record["body"]), " ".join(record["tags"]))).lower()


def document_frequencies(path: Path, terms: list[str]) -> dict[str, int]:
    """How many public articles contain each term as a substring (case-insensitive)."""
    lowered = {term: term.lower() for term in terms}
    counts = dict.fromkeys(terms, 0)
    for text in searchable_texts(path):
        for term, low in lowered.items():
            if low in text:
                counts[term] += 1
    return counts
