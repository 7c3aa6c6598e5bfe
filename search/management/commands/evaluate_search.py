import json

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from search.evaluation.collection import judged_queries
from search.evaluation.metrics import NDCG_DEPTH
from search.evaluation.run import evaluate

COLUMNS = ("ndcg", "mrr", "recall", "empty")


class Command(BaseCommand):
    help = (
        "평가용 검색어 모음(search/evaluation/queries.py)으로 우리 검색과 BM25 기준선을 같은 실행에서 비교합니다. "
        "현재 데이터베이스의 공개 문서를 씁니다 (먼저 manage.py load_demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--k", type=int, default=NDCG_DEPTH, help="nDCG·MRR의 깊이 (Recall은 2k), 기본 10")
        parser.add_argument("--worst", type=int, default=15, help="나쁜 검색어를 몇 개 보여 줄지, 기본 15")
        parser.add_argument(
            "--show-held-out", action="store_true",
            help="나쁜 검색어 목록에 held-out 검색어도 포함 (튜닝 중에는 보지 마세요)",
        )
        parser.add_argument("--json", action="store_true", help="기계가 읽을 JSON으로 출력")

    def handle(self, *args, k, worst, show_held_out, json: bool, **options):
        if k < 1 or worst < 0:
            raise CommandError("--k는 1 이상, --worst는 0 이상이어야 합니다.")
        if not Article.objects.published().filter(external_id__startswith="demo-").exists():
            raise CommandError("데모 문서가 없습니다. 먼저 manage.py load_demo를 실행하세요.")
        results = evaluate(k=k)
        if json:
            self.stdout.write(self._json(results, k))
        else:
            self._table(results, k)
            self._worst(results, worst, show_held_out)

    def _json(self, results, k: int) -> str:
        data = {"k": k, "systems": {}}
        for result in results:
            data["systems"][result.name] = {
                "summary": {row: summary.as_dict() for row, summary in result.summary.items()},
                "queries": [
                    {"query": s.query, "class": s.kind, "held_out": s.held_out, "ndcg": round(s.ndcg, 4),
                     "mrr": round(s.mrr, 4), "recall": round(s.recall, 4), "empty": s.empty,
                     "ranking": list(s.ranking[:k])}
                    for s in result.scores
                ],
            }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def _table(self, results, k: int) -> None:
        names = [r.name for r in results]
        header = f"{'':<18}{'n':>4}  " + "  ".join(
            f"{name + ' nDCG@' + str(k):>14}{'MRR':>7}{'R@' + str(2 * k):>7}{'0건':>5}" for name in names
        )
        self.stdout.write(header)
        summaries = [r.summary for r in results]
        for row in summaries[0]:
            cells = []
            for summary in summaries:
                s = summary[row]
                cells.append(f"{s.ndcg:>14.3f}{s.mrr:>7.3f}{s.recall:>7.3f}{s.empty:>5}")
            label = row + " " * max(0, 18 - _width(row))
            self.stdout.write(f"{label}{summaries[0][row].queries:>4}  " + "  ".join(cells))

    def _worst(self, results, count: int, show_held_out: bool) -> None:
        if not count:
            return
        ours, *others = results
        titles = dict(Article.objects.values_list("external_id", "title"))
        platforms = dict(Article.objects.values_list("external_id", "platform__name"))
        baseline = {s.query: s for s in others[0].scores} if others else {}
        judged = {q.text: q.judgments for q in judged_queries()}
        # Held-out queries stay unseen while tuning unless asked for; their numbers are in the table.
        shown = [s for s in ours.scores if show_held_out or not s.held_out]
        self.stdout.write(f"\n{ours.name}: nDCG가 가장 낮은 검색어 {count}개")
        for score in sorted(shown, key=lambda s: (s.ndcg, s.query))[:count]:
            other = baseline.get(score.query)
            versus = f" / {others[0].name} {other.ndcg:.3f}" if other else ""
            held = " [held out]" if score.held_out else ""
            self.stdout.write(f"- {score.query!r} ({score.kind}{held}) nDCG {score.ndcg:.3f}{versus}")
            if not score.ranking:
                self.stdout.write("    (결과 없음)")
            grades = judged.get(score.query, {})
            for key in score.ranking[:5]:
                self.stdout.write(f"    {grades.get(key, 0)} {key} [{platforms.get(key, '?')}] {titles.get(key, '?')}")
            missing = [key for key, grade in grades.items() if grade == 2 and key not in score.ranking]
            if missing:
                self.stdout.write(f"    빠진 답: {', '.join(f'{key} {titles.get(key, chr(63))}' for key in missing[:3])}")


def _width(text: str) -> int:
    """Display width in a terminal: Hangul and other wide characters take two columns."""
    return sum(2 if ord(ch) >= 0x1100 else 1 for ch in text)
