"""An import killed with SIGKILL halfway leaves the database exactly as it was.

A real `manage.py import_articles` process writes into a SQLite file of its own and is killed
once its uncommitted transaction has reached the write-ahead log; a fresh connection then
finds the database unchanged and intact. (Whichever database the suite runs on: this is about
the importer's single transaction per file, which both databases honour.)
"""

import json
import signal
import sqlite3
import subprocess
import sys
import time

from .servers import ROOT, clean_environment

SEED = [
    {"external_id": "seed-1", "service": "토크톡", "category": "계정/로그인", "platform": "공통",
     "title": "비밀번호를 잊어버렸어요", "body": "<p>로그인 화면에서 비밀번호 재설정을 눌러 주세요.</p>"},
    {"external_id": "seed-2", "service": "토크톡", "category": "계정/로그인", "platform": "iOS",
     "title": "비밀번호를 잊어버렸어요", "body": "<p>설정 앱에서 비밀번호를 다시 설정하세요.</p>"},
]


def big_import(path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            body = f"<p>{n}번째 안내입니다. 대화 내용을 백업하고 새 기기에서 복원하는 방법을 설명합니다.</p>" * 6
            record = {"external_id": f"bulk-{n}", "service": "토크톡", "category": "대화 백업/복원",
                      "platform": "안드로이드", "title": f"대화 백업 안내 {n}번", "body": body}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    # The seed articles change too, so a partial write would also show as changed rows.
    with path.open("a", encoding="utf-8") as out:
        for record in SEED:
            out.write(json.dumps({**record, "title": record["title"] + " (수정됨)"}, ensure_ascii=False) + "\n")


def snapshot(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute(
            "SELECT external_id, title, version FROM articles_article ORDER BY external_id"
        ).fetchall() + conn.execute("SELECT 'taxonomy', COUNT(*), 0 FROM articles_category").fetchall()


def test_sigkill_mid_import_leaves_the_database_as_it_was(tmp_path):
    db_path = tmp_path / "help.sqlite3"
    env = clean_environment(DATABASE_URL=f"sqlite:///{db_path}")

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)

    assert manage("migrate", "--noinput").returncode == 0
    seed = tmp_path / "seed.jsonl"
    seed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in SEED) + "\n", encoding="utf-8")
    assert manage("import_articles", str(seed)).returncode == 0
    before = snapshot(db_path)
    assert len(before) == 3

    bulk = tmp_path / "bulk.jsonl"
    big_import(bulk, 6000)
    wal = db_path.with_name(db_path.name + "-wal")
    wal_before = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen([sys.executable, "manage.py", "import_articles", str(bulk)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        # Wait until the import's transaction has written well into the log, then kill it outright.
        while time.monotonic() < deadline and process.poll() is None:
            if wal.exists() and wal.stat().st_size > wal_before + 2_000_000:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the import finished before it could be killed; make the file bigger"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(db_path) == before

    # And the database is still fully usable: the same import now runs to the end.
    finished = manage("import_articles", str(bulk))
    assert finished.returncode == 0, finished.stderr
    assert "새로 만듦 6000" in finished.stdout
