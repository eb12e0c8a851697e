"""The public portal under load: article pages through gunicorn, cached and not, and search.

    make bench-portal   # this alone
    make bench          # after the dashboard and DOCX benches

Runs on its own SQLite file, var/bench/portal-50000.sqlite3 (DANVAN_VAR_DIR=var/bench), or,
when DATABASE_URL is a postgres:// address (``make bench-portal`` runs both, PostgreSQL on
the database bench_portal), on that PostgreSQL database, dropped and created again for a
build. The first run migrates a fresh database and writes 50,000 synthetic Vietnamese
articles straight into the tables: treebeard paths computed here, the ``wagtailcore_page``
rows through ``bulk_create`` and the ``portal_articlepage`` rows by one INSERT apart
(``bulk_create`` refuses multi-table inheritance), then the search index through the
backend's own ``add_items``, as ``manage.py update_index`` does. Later runs reuse the file while the
migration set and this generator are unchanged (the stamp beside it, or
var/bench/portal-50000-<database>.json for PostgreSQL, says which).

Then, on loopback, gunicorn with 2 workers, DEBUG off, collected static files:

1. a cached article page (PORTAL_CACHE_SECONDS=300): requests/s and p95 with ``wrk -t2
   -c16``; without wrk, a Python load generator, labelled as such;
2. uncached article pages (PORTAL_CACHE_SECONDS=0): p95 of sequential keep-alive requests
   over 100 articles timed by the client, the sequential req/s, and wrk over the 100;
3. search, /tim-kiem/?q=… with and without marks, on the uncached server. Each query is
   tried once first: one slower than ``--search-timeout`` is not repeated (the server is
   restarted to free its worker) and counts at that timeout, a lower bound. While the page
   answers 501, the search function is timed in the process instead. Rare words (in under
   1,000 articles) and common ones get their own p50/p95: the engine's plan differs.

The sequential loops stop at ``--phase-seconds``. Targets are printed beside the figures
with ĐẠT / CHƯA ĐẠT; nothing is asserted. ``--profile`` (pyinstrument importable, e.g.
PYTHONPATH=/tmp/pyinstrument) shows where an uncached article page and a search spend time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/docx.py is named like python-docx's package: keep bench/ itself off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench.run import percentile  # noqa: E402  (the dashboard bench's timers)
from danvan.lib.numbers import format_number  # noqa: E402  (no Django needed)

OUT = ROOT / "var" / "bench"
GENERATOR = 2  # bump when the synthetic articles change: the cached file is rebuilt
TARGET_CACHED_RPS = 500.0
TARGET_UNCACHED_P95_MS = 50.0
TARGET_SEARCH_P95_MS = 50.0
SEARCHES = [
    "dan van kheo", "Dân vận khéo", "đảng", "dang", "doan the", "đoàn thể", "nghêu", "xoai",
    "Bát Tràng", "thuong thanh", "hiến máu", "chuyen doi so", "cựu chiến binh",
    "an sinh xã hội", "giao ban thang", "Khương Quốc Hưng",
]  # fmt: skip
# In fewer than 1,000 articles (COUNT_CAP): on PostgreSQL their pages come from the GIN
# index alone, the others' from the newest entries walked backwards.
RARE_SEARCHES = {"dan van kheo", "Dân vận khéo", "nghêu", "xoai", "Bát Tràng"}

# --- the synthetic articles ---------------------------------------------------------------
# Words of the seeds' world, with marks and đ. "khéo" appears only in "Dân vận khéo", so a
# search for it selects the ≈300 articles that carry the phrase; each RARE word sits in
# one article in a thousand.
SUBJECTS = [
    "Ban Dân vận Quận ủy", "Ủy ban MTTQ phường", "Hội Cựu chiến binh", "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên", "Hội Nông dân", "Hội Chữ thập đỏ", "Hội Người cao tuổi",
    "Đảng ủy phường", "Khối dân vận", "Công đoàn cơ sở", "Chi bộ khu dân cư",
]  # fmt: skip
ACTIONS = [
    "tổ chức", "triển khai", "sơ kết", "tổng kết", "phát động", "hưởng ứng", "ra quân",
    "đối thoại về", "giao ban", "tập huấn", "kiểm tra", "giám sát", "biểu dương",
]  # fmt: skip
TOPICS = [
    "công tác dân vận", "phong trào thi đua", "chuyển đổi số", "cải cách hành chính",
    "an sinh xã hội", "xây dựng nông thôn mới", "văn minh đô thị", "bảo vệ môi trường",
    "phòng chống ma túy", "hiến máu tình nguyện", "an toàn giao thông",
    "quy chế dân chủ ở cơ sở", "đại đoàn kết toàn dân tộc", "tiếp xúc cử tri",
    "hòa giải ở cơ sở", "chăm lo gia đình chính sách", "công tác xây dựng Đảng",
    "tuyên truyền pháp luật", "giảm nghèo bền vững", "công tác đoàn thể",
]  # fmt: skip
PLACES = [
    "phường Thượng Thanh", "phường Ngọc Thụy", "phường Bồ Đề", "phường Gia Thụy",
    "phường Việt Hưng", "phường Phúc Đồng", "phường Cự Khối", "phường Thạch Bàn",
    "phường Sài Đồng", "phường Đức Giang", "phường Giang Biên", "phường Phúc Lợi",
]  # fmt: skip
PEOPLE = [
    "Khương Quốc Hưng", "Nguyễn Thị Thu Hà", "Lê Văn Đức", "Trần Minh Tuấn", "Phạm Thị Hồng",
    "Đỗ Quang Vinh", "Vũ Thị Lan", "Hoàng Đình Phong",
]  # fmt: skip
GOALS = [
    "củng cố niềm tin của Nhân dân đối với Đảng", "phát triển kinh tế - xã hội của địa phương",
    "bảo đảm quốc phòng, an ninh trên địa bàn", "xây dựng hệ thống chính trị vững mạnh",
    "chăm lo đời sống vật chất, tinh thần của hội viên", "giữ gìn trật tự, văn minh đô thị",
]  # fmt: skip
RARE = ["nghêu", "xoài", "Bát Tràng", "đèn ông sao", "bánh chưng xanh", "cây đa cổ thụ"]
SENTENCES = [
    "{subject} đã {action} {topic} tại {place}, thu hút đông đảo cán bộ, đảng viên và Nhân "
    "dân tham gia.",
    "Dự hội nghị có đồng chí {person}, Trưởng Ban Dân vận; đại diện lãnh đạo {subject2}.",
    "Qua đó, {topic} tiếp tục được đẩy mạnh, góp phần {goal}.",
    "Tại hội nghị, các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết về {topic}.",
    "{subject} đề nghị các cấp ủy, chính quyền quan tâm hơn nữa để {goal}.",
    "Các đoàn thể chính trị - xã hội phối hợp chặt chẽ, bám sát sự chỉ đạo của Quận ủy.",
    "Năm {year}, {subject2} đã vận động hội viên đóng góp hơn {number} triệu đồng.",
]
PHRASE = "Mô hình «Dân vận khéo» về {topic} ở {place} được biểu dương và nhân rộng."
WHEN = ["tháng {m}/{y}", "quý {q} năm {y}", "năm {y}", "6 tháng đầu năm {y}"]


def _article(rng: random.Random, number: int, with_phrase: bool) -> dict[str, Any]:
    """One article's title, lead and paragraphs (plain text, the same for the same seed)."""
    year = 2019 + number % 6
    words: dict[str, Any] = {
        key: rng.choice(values)
        for key, values in [
            ("subject", SUBJECTS), ("subject2", SUBJECTS), ("action", ACTIONS),
            ("topic", TOPICS), ("place", PLACES), ("person", PEOPLE), ("goal", GOALS),
        ]
    }  # fmt: skip
    words.update(year=year, number=rng.randint(5, 900))
    when = rng.choice(WHEN).format(m=rng.randint(1, 12), q=rng.randint(1, 4), y=year)
    title = "{subject} {action} {topic} ".format(**words) + when
    if with_phrase and number % 3 == 0:
        title = f"Nhân rộng mô hình Dân vận khéo {words['place']} {when}"
    paragraphs = [
        " ".join(
            rng.choice(SENTENCES).format(**{**words, "topic": rng.choice(TOPICS)})
            for _ in range(rng.randint(3, 5))
        )
        for _ in range(rng.randint(3, 5))
    ]
    if with_phrase:
        paragraphs.insert(1, PHRASE.format(**words))
    if number % 1000 < len(RARE):
        paragraphs.append(f"Bà con mang {RARE[number % 1000]} đến tặng các đại biểu.")
    return {"title": title, "lead": paragraphs[0].split(". ")[0] + ".", "paragraphs": paragraphs}


def build(articles: int, say: Callable[[str], None]) -> dict[str, float]:
    """Migrate the settings' (fresh) database and fill it; the seconds of each step."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Page, Site
    from wagtail.search.backends import get_search_backend

    from danvan.lib.text import fold
    from danvan.portal.models import ArticlePage, PortalSettings
    from danvan.portal.setup import ensure_tree, section

    settings.DEBUG = False  # no query log while writing 50,000 rows
    steps: dict[str, float] = {}
    tick = time.monotonic()
    call_command("migrate", verbosity=0)
    steps["migrate"] = time.monotonic() - tick
    ensure_tree()
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.organisation = "Ban Dân vận Quận ủy Thử (bench)"
    portal.save()  # no weather address: the box stays hidden, nothing leaves the machine
    sections = [section("tin-tuc-su-kien"), section("dan-van-kheo")]
    last = {s.pk: s.get_last_child() for s in sections}
    first = {pk: Page._str2int(child.path[-4:]) + 1 if child else 1 for pk, child in last.items()}
    position = dict(first)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    rng = random.Random(6)
    span = dt.timedelta(days=6 * 365)
    start = timezone.now() - span - dt.timedelta(days=1)  # every date in the past
    phrase_every = max(articles // 300, 1)

    tick = time.monotonic()
    objs: list[ArticlePage] = []
    for number in range(articles):
        parent = sections[0] if number % 5 else sections[1]  # 4 in 5 are news
        text = _article(rng, number, with_phrase=number % phrase_every == 0)
        slug = f"{slugify(fold(text['title']))[:80]}-{number}"
        published = start + span * number / articles + dt.timedelta(minutes=rng.randint(0, 600))
        body = [
            {
                "type": "paragraph",
                "value": f"<p>{p}</p>",
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
            }
            for p in text["paragraphs"]
        ]
        objs.append(
            ArticlePage(
                title=text["title"], draft_title=text["title"], slug=slug,
                content_type_id=content_type.pk, locale_id=parent.locale_id,
                path=Page._get_path(parent.path, parent.depth + 1, position[parent.pk]),
                depth=parent.depth + 1, numchild=0, url_path=f"{parent.url_path}{slug}/",
                live=True, has_unpublished_changes=False, first_published_at=published,
                last_published_at=published, translation_key=uuid.UUID(int=rng.getrandbits(128)),
                published_on=published, lead=text["lead"], body=body, author=rng.choice(PEOPLE),
                source="Ban Dân vận Quận ủy", featured=number % 97 == 0,
            )
        )  # fmt: skip
        position[parent.pk] += 1
    steps["generate"] = time.monotonic() - tick

    with transaction.atomic():
        tick = time.monotonic()
        # Page's own manager takes the ArticlePage objects (they carry every Page column)
        # and hands back their ids; the article table gets its rows by a plain INSERT.
        Page.objects.bulk_create(objs, batch_size=2000)
        fields = ArticlePage._meta.local_concrete_fields
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            connection.ops.quote_name(ArticlePage._meta.db_table),
            ", ".join(connection.ops.quote_name(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )
        with connection.cursor() as cursor:
            for offset in range(0, len(objs), 2000):
                rows = []
                for obj in objs[offset : offset + 2000]:
                    obj.page_ptr_id = obj.id
                    rows.append(
                        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                    )
                cursor.executemany(sql, rows)
        for parent in sections:
            numchild = parent.numchild + position[parent.pk] - first[parent.pk]
            Page.objects.filter(pk=parent.pk).update(numchild=numchild)
            if Page.objects.child_of(parent).count() != numchild:
                raise RuntimeError(f"Cây trang sai dưới {parent.url_path}")
        steps["insert"] = time.monotonic() - tick

        tick = time.monotonic()
        backend = get_search_backend()
        rebuilder = backend.rebuilder_class(backend.get_index_for_model(ArticlePage))
        index = rebuilder.start()
        for obj in objs:  # the indexer asks every field three times (title, body, autocomplete)
            obj.folded_text = _constant(obj.folded_text())  # type: ignore[method-assign]
        for offset in range(0, len(objs), 1000):
            index.add_items(ArticlePage, objs[offset : offset + 1000])
            if offset and offset % 10_000 == 0:
                say(f"  chỉ mục tìm kiếm: {_n(offset)}/{_n(len(objs))}")
        rebuilder.finish()
        steps["index"] = time.monotonic() - tick
    return steps


def _constant(value: str) -> Callable[[], str]:
    return lambda: value


def fingerprint(articles: int) -> str:
    """The migration set on disk (every app), this generator's version and the size."""
    from django.db.migrations.loader import MigrationLoader

    names = sorted(f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations)
    return hashlib.sha256(json.dumps([GENERATOR, articles, names]).encode()).hexdigest()[:16]


# --- processes and requests -----------------------------------------------------------------


def _n(value: float, places: int = 0) -> str:
    return format_number(value, places)


def _ms(value: float) -> str:
    return f"{_n(value, 1)} ms"


def _env(db: str, **extra: str) -> dict[str, str]:
    """``db``: the DATABASE_URL of the bench's database."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="danvan.settings", DEBUG="1")
    env.pop("DANVAN_TESTING", None)
    env.pop("DATABASE_REPLICA_URLS", None)
    env.update(DATABASE_URL=db, DANVAN_VAR_DIR=str(OUT))
    env.update(MEDIA_ROOT=str(OUT / "media"), **extra)
    return env


def _server_env(db: str, cache_seconds: int) -> dict[str, str]:
    """As in production: DEBUG off, a real key, the manifest static storage."""
    env = _env(
        db,
        SECRET_KEY="bench-portal-" + hashlib.sha256(db.encode()).hexdigest(),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        PORTAL_CACHE_SECONDS=str(cache_seconds),
        LOG_LEVEL="WARNING",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
    )
    env.pop("DEBUG")
    return env


class Server:
    """gunicorn, 2 sync workers, on a free loopback port; its output in var/bench/."""

    def __init__(self, db: str, cache_seconds: int, label: str) -> None:
        self.env = _server_env(db, cache_seconds)
        self.log = OUT / f"gunicorn-{label}.log"
        self.log.write_text("")
        self.start()

    def start(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        command = [str(Path(sys.executable).parent / "gunicorn"), "danvan.wsgi", "-w", "2"]
        command += ["-b", f"127.0.0.1:{self.port}", "--no-control-socket"]
        with self.log.open("a") as log:  # Django's errors go to stderr: keep them here too
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        code = self.process.poll()
        self.stop(kill=True)
        why = f"dừng với mã {code}" if code is not None else "không trả lời /healthz sau 60 s"
        raise RuntimeError(f"gunicorn {why}:\n{self.tail()}")

    def tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-25:])

    def stop(self, kill: bool = False) -> None:
        """gunicorn's quick shutdown; or, for a worker stuck in a long query (it only sees
        signals between two SQLite calls), SIGKILL to the server's process group."""
        group = self.process.pid  # start_new_session: the master leads its own group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL if kill else signal.SIGINT)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(group, signal.SIGKILL)
        self.process.wait()

    def restart(self) -> None:
        self.stop(kill=True)
        self.start()


def get(
    port: int, path: str, conn: http.client.HTTPConnection | None = None, timeout: float = 30
) -> tuple[int, dict[str, str], bytes]:
    """One GET on loopback: status, headers (lower-case names), body."""
    own = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        own.request("GET", path)
        response = own.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        if conn is None:
            own.close()


def timed_gets(port: int, paths: list[str], runs: int, seconds: float) -> tuple[list[float], int]:
    """Up to ``runs`` sequential requests over ``paths`` for at most ``seconds``, on one
    keep-alive connection (reopened when the server closes it): client times in ms, and
    how many did not answer 200."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times: list[float] = []
    failed = 0
    deadline = time.monotonic() + seconds
    while len(times) < runs and time.monotonic() < deadline:
        tick = time.perf_counter()
        try:
            failed += get(port, paths[len(times) % len(paths)], conn)[0] != 200
        except (http.client.HTTPException, OSError):
            conn.close()
            failed += 1
        times.append((time.perf_counter() - tick) * 1000)
    conn.close()
    return times, failed


WRK_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%.1f %%.1f %%.1f\\n", summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def load(port: int, paths: list[str], seconds: int, python: bool) -> dict[str, Any]:
    """16 connections for ``seconds``: wrk (p95 from its Lua ``done``), or threads of
    http.client when wrk is missing. Latencies in ms."""
    if not python:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
        command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "30s", "--latency"]
        command += ["-s", script.name]
        done = subprocess.run(
            [*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=False
        )
        os.unlink(script.name)
        found = re.search(r"^BENCH (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", done.stdout, re.M)
        if not found:
            raise RuntimeError(f"Không đọc được kết quả wrk:\n{done.stdout}\n{done.stderr}")
        n, micros, errors, p50, p95, p99 = (float(x) for x in found.groups())
        return {
            "tool": "wrk -t2 -c16", "rps": n / (micros / 1e6), "errors": int(errors),
            "p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000,
            "raw": [line for line in done.stdout.splitlines() if not line.startswith("BENCH")],
        }  # fmt: skip
    results: list[tuple[float, int]] = []
    stop_at = time.monotonic() + seconds

    def worker(offset: int) -> None:
        turn = paths[offset:] + paths[:offset]
        times, failed = timed_gets(port, turn, 10**9, stop_at - time.monotonic())
        results.extend([(t, 0) for t in times] + [(0.0, failed)])

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k % len(paths),)) for k in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = [t for t, _ in results if t]
    return {
        "tool": "Python 16 luồng", "rps": len(times) / (time.monotonic() - started),
        "errors": sum(f for _, f in results), "p50": percentile(times, 50),
        "p95": percentile(times, 95), "p99": percentile(times, 99), "raw": [],
    }  # fmt: skip


# --- in the process: search and the profile -------------------------------------------------


def _search_function(timeout: float) -> tuple[str, Callable[[str], int | None]]:
    """The portal's search (or Wagtail's over live articles while it is missing), and how
    many it found; the engine gives up after ``timeout`` seconds (OperationalError)."""
    from django.core.paginator import Paginator
    from django.db import connection

    connection.ensure_connection()
    deadline = [0.0]
    if connection.vendor == "sqlite":
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline[0], 10_000)
    else:  # a whole search: its few statements share the limit, roughly
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(timeout * 1000)}")

    try:
        from danvan.portal.search import portal_search
    except ImportError:
        from danvan.lib.text import fold
        from danvan.portal.models import ArticlePage

        def wagtail_search(q: str) -> int | None:
            deadline[0] = time.monotonic() + timeout
            page = Paginator(ArticlePage.objects.live().search(fold(q)), 10).page(1)
            return page.paginator.count

        return "ArticlePage.objects.live().search(fold(q)), 10 một trang", wagtail_search

    def portal(q: str) -> int | None:
        deadline[0] = time.monotonic() + timeout
        return int(portal_search(q=q).total)

    return "danvan.portal.search.portal_search(q=…)", portal


def search_in_process(runs: int, timeout: float) -> dict[str, Any]:
    import django
    from django.db import OperationalError

    django.setup()
    label, search = _search_function(timeout)
    rows = []
    for q in SEARCHES:
        times, count = [], None
        for _ in range(max(runs // len(SEARCHES), 1) + 1):  # the first one warms
            tick = time.perf_counter()
            try:
                count = search(q)
            except OperationalError:  # interrupted: slower than the timeout, not repeated
                times = [timeout * 1000]
                break
            times.append((time.perf_counter() - tick) * 1000)
        rows.append({"q": q, "count": count, "times": times[1:] or times})
    return {"label": label, "rows": rows}


def profile(paths: list[str], timeout: float) -> None:
    """Where an uncached article page and the searches spend their time (pyinstrument)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        print(
            "\npyinstrument chưa cài: python -m pip install --target /tmp/pyinstrument "
            "pyinstrument, rồi chạy lại với PYTHONPATH=/tmp/pyinstrument và --profile."
        )
        return
    import django

    django.setup()
    from django.db import OperationalError
    from django.test import Client

    client = Client()
    client.get(paths[0])
    with Profiler(interval=0.0005) as profiler:
        for path in paths[:30]:
            client.get(path)
    print(f"\n## Hồ sơ: {len(paths[:30])} trang bài viết không cache (Django Client)")
    print(profiler.output_text(unicode=True, color=False))
    label, search = _search_function(timeout)
    with Profiler(interval=0.0005) as profiler:
        for q in SEARCHES:
            with contextlib.suppress(OperationalError):  # stopped at the timeout
                search(q)
    print(f"\n## Hồ sơ: {len(SEARCHES)} lượt tìm kiếm, {label}, mỗi lượt tối đa {timeout:.0f} s")
    print(profiler.output_text(unicode=True, color=False))


# --- the driver ------------------------------------------------------------------------------

Row = tuple[str, str, str, bool | None]  # measure, figure, target, reached


def _child(mode: list[str], env: dict[str, str]) -> Any:
    """Run this script again (build, in-process search, profile); its JSON result."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        result_file = Path(out.name)
    command = [sys.executable, __file__, *mode, "--json", str(result_file)]
    done = subprocess.run(command, env=env, cwd=ROOT, check=False)
    try:
        if done.returncode != 0:
            raise RuntimeError(f"{mode[0]}: lỗi (mã {done.returncode})")
        return json.loads(result_file.read_text())
    finally:
        result_file.unlink(missing_ok=True)


def postgres_url() -> str | None:
    """DATABASE_URL when it names a PostgreSQL database: the bench runs there."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _pg_split(url: str) -> tuple[str, str]:
    """The server's maintenance address (database ``postgres``) and the database's name."""
    parts = urllib.parse.urlsplit(url)
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise SystemExit(f"DATABASE_URL: tên cơ sở dữ liệu {name!r} không hợp lệ cho bench")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), name


def _pg_articles(url: str) -> int | None:
    """How many articles the PostgreSQL database holds; None when it is missing or empty."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM portal_articlepage").fetchone()
    except psycopg.Error:
        return None
    return int(row[0]) if row else None


def _pg_recreate(url: str) -> None:
    import psycopg

    server, name = _pg_split(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_database(articles: int, rebuild: bool) -> tuple[str, str]:
    """The bench's database (its DATABASE_URL), built when missing or stale; a line saying
    which. SQLite: a file built aside and moved in place; PostgreSQL: DATABASE_URL's
    database, dropped and built again, its stamp written only once the build ended."""
    pg = postgres_url()
    file = OUT / f"portal-{articles}.sqlite3"
    stamp_file = (
        OUT / f"portal-{articles}-{_pg_split(pg)[1]}.json" if pg else file.with_suffix(".json")
    )
    db = pg or f"sqlite:///{file}"
    shown = _pg_split(pg)[1] if pg else os.path.relpath(file, ROOT)
    exists = _pg_articles(pg) == articles if pg else file.exists()
    wanted = fingerprint(articles)
    stamp = json.loads(stamp_file.read_text()) if stamp_file.exists() else {}
    if exists and stamp.get("fingerprint") == wanted and not rebuild:
        built = f"dựng {stamp['built_at']} trong {_n(stamp['seconds'], 1)} s"
        return db, f"dùng lại {shown} ({built})"
    why = "theo yêu cầu" if rebuild else "migration hoặc bộ sinh đã đổi" if exists else "chưa có"
    print(f"Dựng cơ sở dữ liệu {_n(articles)} bài viết, {shown} ({why})…", flush=True)
    stamp_file.unlink(missing_ok=True)  # an interrupted build is never reused
    building = file.with_name(file.name + ".building")
    tick = time.monotonic()
    if pg:
        _pg_recreate(pg)
        steps = _child(["--build", str(articles)], _env(pg))
    else:
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        steps = _child(["--build", str(articles)], _env(f"sqlite:///{building}"))
    seconds = time.monotonic() - tick
    if not pg:
        for suffix in ("-wal", "-shm"):  # the build's last connection closed: its WAL is merged
            Path(f"{file}{suffix}").unlink(missing_ok=True)
        building.replace(file)
    built_at = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
    stamp = {"fingerprint": wanted, "seconds": seconds, "steps": steps, "built_at": built_at}
    stamp_file.write_text(json.dumps(stamp, indent=1))
    detail = ", ".join(f"{name} {_n(s, 1)} s" for name, s in steps.items())
    size = "" if pg else f"; {_n(file.stat().st_size / 2**20)} MB"
    return db, f"dựng mới trong {_n(seconds, 1)} s ({detail}){size}"


def _rows(db: str, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of one query on the bench's database, outside Django (``%s`` placeholders)."""
    if db.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(db.removeprefix("sqlite:///"))) as conn:
            return conn.execute(sql.replace("%s", "?").replace("%%", "%"), params).fetchall()
    import psycopg

    with psycopg.connect(db) as conn:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


def engine_label(db: str) -> str:
    if db.startswith("sqlite:///"):
        return f"SQLite {sqlite3.sqlite_version}"
    version = _rows(db, "SHOW server_version", [])[0][0]
    return f"PostgreSQL {version.split()[0]}"


def collectstatic(db: str) -> str:
    """Collect (DEBUG off serves hashed names from the manifest) unless nothing changed."""
    from django.contrib.staticfiles.finders import get_finders

    manifest = OUT / "static" / "staticfiles.json"
    newest = max(
        (storage.get_modified_time(path).timestamp() for finder in get_finders()
         for path, storage in finder.list([])),
        default=0.0,
    )  # fmt: skip
    if manifest.exists() and manifest.stat().st_mtime > newest:
        return "tệp tĩnh đã thu thập, không đổi"
    tick = time.monotonic()
    command = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    subprocess.run(command, cwd=ROOT, env=_server_env(db, 0), check=True)
    return f"collectstatic {_n(time.monotonic() - tick, 1)} s"


def article_paths(db: str, count: int) -> list[str]:
    """``count`` article addresses spread over the whole table."""
    home = _rows(db, "SELECT url_path FROM wagtailcore_page WHERE depth = 2", [])[0][0]
    total = _rows(db, "SELECT count(*) FROM portal_articlepage", [])[0][0]
    rows = _rows(
        db,
        "SELECT p.url_path FROM wagtailcore_page p JOIN portal_articlepage a "
        "ON a.page_ptr_id = p.id WHERE p.id %% %s = 0 ORDER BY p.id LIMIT %s",
        [max(total // count, 1), count],
    )
    return ["/" + urllib.parse.quote(row[0][len(home) :]) for row in rows]


def _unready(server: Server, path: str, cached: bool) -> str | None:
    """Why ``path`` cannot be measured on ``server``; None when it can."""
    for _ in range(8 if cached else 1):  # new connections: both workers render it once
        status, headers, body = get(server.port, path)
    if status != 200:
        return f"{path} trả về {status}:\n{body[:300]!r}\n{server.tail()}"
    if cached and headers.get("x-portal-cache") != "HIT":
        why = "đặt cookie" if "set-cookie" in headers else "không được đánh dấu cacheable"
        return f"{path} không được lấy từ cache (không có X-Portal-Cache: HIT; trang {why})"
    return None


def measure_cached(db: str, paths: list[str], args: argparse.Namespace) -> list[Row]:
    """1. One article, warmed, under 16 connections for ``args.seconds``."""
    server = Server(db, 300, "cached")
    try:
        problem = _unready(server, paths[0], cached=True)
        if problem:
            print(f"!! có cache: {problem}", flush=True)
            return [("có cache: không đo được (xem trên)", "—", "", False)]
        done = load(server.port, paths[:1], args.seconds, args.python_load)
    finally:
        server.stop()
    if args.verbose and done["raw"]:
        print("wrk, bài viết có cache:\n   " + "\n   ".join(done["raw"]))
    target = f"≥ {_n(TARGET_CACHED_RPS)}"
    return [
        (f"có cache: yêu cầu/s ({done['tool']}, {args.seconds} s)", _n(done["rps"]), target,
         done["rps"] >= TARGET_CACHED_RPS and not done["errors"]),
        ("có cache: p50 / p95", f"{_ms(done['p50'])} / {_ms(done['p95'])}", "", None),
        *([("có cache: yêu cầu lỗi", _n(done["errors"]), "0", False)] if done["errors"] else []),
    ]  # fmt: skip


def measure_uncached(server: Server, paths: list[str], args: argparse.Namespace) -> list[Row]:
    """2. Sequential requests over 100 articles, then 16 connections over them."""
    problem = _unready(server, paths[0], cached=False)
    if problem:
        print(f"!! không cache: {problem}", flush=True)
        return [("không cache: không đo được (xem trên)", "—", "", False)]
    timed_gets(server.port, paths, 10, args.phase_seconds)  # templates, first queries
    times, failed = timed_gets(server.port, paths, args.uncached, args.phase_seconds)
    p95 = percentile(times, 95)
    cut = f", dừng sau {_n(args.phase_seconds)} s" if len(times) < args.uncached else ""
    spread = load(server.port, paths, min(args.seconds, 5), args.python_load)
    return [
        (f"không cache: p95 ({_n(len(times))} yêu cầu tuần tự{cut})", _ms(p95),
         f"≤ {_n(TARGET_UNCACHED_P95_MS)} ms", p95 <= TARGET_UNCACHED_P95_MS and not failed),
        ("không cache: p50 / yêu cầu/s tuần tự",
         f"{_ms(percentile(times, 50))} / {_n(len(times) / (sum(times) / 1000), 1)}", "", None),
        (f"không cache: yêu cầu/s ({spread['tool']}, {len(paths)} bài)",
         f"{_n(spread['rps'], 1)} (p95 {_ms(spread['p95'])})", "", None),
        *([("không cache: yêu cầu lỗi", _n(failed + spread["errors"]), "0", False)]
          if failed + spread["errors"] else []),
    ]  # fmt: skip


def warm(server: Server) -> None:
    """Both workers render the search page once (templates, URL resolvers)."""
    for _ in range(4):
        get(server.port, "/tim-kiem/?q=zzzz")


def measure_search(server: Server, args: argparse.Namespace) -> tuple[list[Row], list[str]]:
    """3. Each query once (a slow one is not repeated: the server restarts to free its
    worker), then the quick ones in turn; rows and the per-query lines."""
    from danvan.lib.text import fold

    timeout = args.search_timeout
    samples: dict[str, list[float]] = {}
    slow: dict[str, str] = {}  # query: why it is not repeated
    slow_words: dict[str, str] = {}  # folded words: the first query found slow with them
    warm(server)
    for q in SEARCHES:
        if fold(q) in slow_words:  # the same words without marks: the same slow search
            slow[q] = f"cùng từ khóa với «{slow_words[fold(q)]}», không gửi"
            continue
        path = f"/tim-kiem/?q={urllib.parse.quote(q)}"
        tick = time.perf_counter()
        try:
            status = get(server.port, path, timeout=timeout)[0]
        except TimeoutError:
            slow[q], slow_words[fold(q)] = "không lặp lại", q
            server.restart()
            warm(server)
            continue
        if status != 200:
            return [("tìm kiếm: /tim-kiem/ trả về " + str(status), "—", "", False)], []
        samples[q] = [(time.perf_counter() - tick) * 1000]
    quick = [q for q in SEARCHES if q in samples]
    times: list[float] = []
    failed = 0
    if quick:
        paths = [f"/tim-kiem/?q={urllib.parse.quote(q)}" for q in quick]
        times, failed = timed_gets(server.port, paths, args.searches, args.phase_seconds)
        for index, value in enumerate(times):
            samples[quick[index % len(quick)]].append(value)
    # A query too slow to repeat counts at the timeout, as often as it would have been asked.
    share = round(len(times) * len(slow) / len(quick)) if quick else len(slow)
    every = times + [timeout * 1000] * share
    p95 = percentile(every, 95)
    figure = f"≥ {_ms(p95)}" if slow and p95 >= timeout * 1000 else _ms(p95)
    rows: list[Row] = [
        (f"tìm kiếm /tim-kiem/: p95 ({_n(len(times))} lượt, {len(slow)} truy vấn quá hạn)", figure,
         f"≤ {_n(TARGET_SEARCH_P95_MS)} ms", p95 <= TARGET_SEARCH_P95_MS and not failed),
        *([("tìm kiếm: lượt lỗi", _n(failed), "0", False)] if failed else []),
    ]  # fmt: skip
    rows += _by_kind(samples)
    lines = [
        f"   {q:<18} p50 {_ms(percentile(samples[q], 50)):>11}   max {_ms(max(samples[q])):>11}"
        if q in samples else f"   {q:<18} quá {_n(timeout)} s ({slow[q]})"
        for q in SEARCHES
    ]  # fmt: skip
    return rows, lines


def _by_kind(samples: dict[str, list[float]]) -> list[Row]:
    """p50 / p95 of the rare words' searches and of the common ones'."""
    rows: list[Row] = []
    for label, rare in (("từ hiếm", True), ("từ phổ biến", False)):
        times = [t for q, ts in samples.items() if (q in RARE_SEARCHES) == rare for t in ts]
        if times:
            p95 = percentile(times, 95)
            figure = f"{_ms(percentile(times, 50))} / {_ms(p95)}"
            target = f"≤ {_n(TARGET_SEARCH_P95_MS)} ms"
            name = f"  {label} ({_n(len(times))} lượt): p50 / p95"
            rows.append((name, figure, target, p95 <= TARGET_SEARCH_P95_MS))
    return rows


def measure_search_in_process(db: str, args: argparse.Namespace) -> tuple[list[Row], list[str]]:
    mode = ["--search-in-process", "--searches", str(args.searches)]
    mode += ["--search-timeout", str(args.search_timeout)]
    found = _child(mode, _server_env(db, 0))
    every = [t for row in found["rows"] for t in row["times"]]
    p95 = percentile(every, 95)
    at_limit = p95 >= args.search_timeout * 1000  # an interrupted search: a lower bound
    lines = [f"   trong tiến trình: {found['label']}"] + [
        f"   {row['q']:<18} {'—' if row['count'] is None else _n(row['count']):>7} kết quả   "
        f"p50 {_ms(percentile(row['times'], 50)):>11}   max {_ms(max(row['times'])):>11}"
        for row in found["rows"]
    ]
    figure = f"≥ {_ms(p95)}" if at_limit else _ms(p95)
    row = (f"tìm kiếm trong tiến trình: p95 ({_n(len(every))} lượt)", figure,
           f"≤ {_n(TARGET_SEARCH_P95_MS)} ms", p95 <= TARGET_SEARCH_P95_MS)  # fmt: skip
    return [row, *_by_kind({r["q"]: r["times"] for r in found["rows"]})], lines


def drive(args: argparse.Namespace) -> int:
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    db = postgres_url() or f"sqlite:///{OUT / f'portal-{args.articles}.sqlite3'}"
    os.environ.update(_env(db))  # Django in this process: only the migration set, static files
    import django

    django.setup()
    db, how = ensure_database(args.articles, args.rebuild)
    print(f"Cơ sở dữ liệu: {how}", flush=True)
    static = collectstatic(db)
    paths = article_paths(db, 100)
    if not shutil.which("wrk") and not args.python_load:
        args.python_load = True
        print(
            "!! Không có wrk: cài bằng `sudo apt-get install -y wrk` (Debian, Ubuntu) hoặc "
            "`brew install wrk` (macOS). Lần này tải đồng thời do Python tạo (16 luồng "
            "http.client): chậm hơn wrk, số yêu cầu/s chỉ để tham khảo.",
            flush=True,
        )
    load_before = os.getloadavg()[0]
    phases = [("chuẩn bị", time.monotonic() - started)]
    tick = time.monotonic()
    rows = measure_cached(db, paths, args)
    phases.append(("có cache", time.monotonic() - tick))
    search_lines: list[str] = []
    server = Server(db, 0, "uncached")
    try:
        tick = time.monotonic()
        rows += measure_uncached(server, paths, args)
        phases.append(("không cache", time.monotonic() - tick))
        tick = time.monotonic()
        if get(server.port, "/tim-kiem/?q=zzzz")[0] != 501:
            found, search_lines = measure_search(server, args)
            rows += found
    finally:
        server.stop()
    if not search_lines or args.search_in_process:
        found, lines = measure_search_in_process(db, args)
        rows += found
        search_lines += lines
    phases.append(("tìm kiếm", time.monotonic() - tick))

    print(
        f"\n== Cổng thông tin: {_n(args.articles)} bài viết; gunicorn 2 worker sync; "
        f"{engine_label(db)}; {os.cpu_count()} lõi ({_cpu()}), Python "
        f"{platform.python_version()} =="
    )
    print(
        f"   máy tạo tải và máy chủ dùng chung các lõi đó; tải máy trước/sau: "
        f"{_n(load_before, 1)}/{_n(os.getloadavg()[0], 1)}; {static}; nhật ký: "
        f"{os.path.relpath(OUT, ROOT)}/gunicorn-*.log"
    )
    if args.python_load:
        print("   !! tải đồng thời do Python tạo (16 luồng http.client), KHÔNG phải wrk")
    header = f"{'phép đo':<58} | {'kết quả':>24} | {'mục tiêu':>9} | đạt?"
    print(header + "\n" + "-" * len(header))
    for measure, figure, target, ok in rows:
        verdict = "" if ok is None else "ĐẠT" if ok else "CHƯA ĐẠT"
        print(f"{measure:<58} | {figure:>24} | {target:>9} | {verdict}")
    if search_lines:
        print(f"tìm kiếm theo truy vấn (ms; mỗi lượt tối đa {_n(args.search_timeout)} s):")
        print("\n".join(search_lines))
    print("thời gian từng phần: " + ", ".join(f"{name} {_n(sec)} s" for name, sec in phases))
    if args.profile:
        mode = ["--profile-paths", json.dumps(paths), "--search-timeout", str(args.search_timeout)]
        _child(mode, _server_env(db, 0))
    elif any(ok is False for *_, ok in rows):
        print("\nCó mục chưa đạt: chạy lại với --profile để xem thời gian đi đâu.")
    print(f"\nTổng thời gian bench cổng thông tin: {_n(time.monotonic() - started, 1)} s")
    return 0


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000, help="số bài viết tổng hợp")
    parser.add_argument("--rebuild", action="store_true", help="dựng lại cơ sở dữ liệu")
    parser.add_argument("--seconds", type=int, default=10, help="thời gian đo tải có cache")
    parser.add_argument("--uncached", type=int, default=500, help="số yêu cầu không cache")
    parser.add_argument("--searches", type=int, default=200, help="số lượt tìm kiếm")
    parser.add_argument("--search-timeout", type=float, default=3, help="giây, mỗi lượt tìm")
    parser.add_argument("--phase-seconds", type=float, default=60, help="giới hạn mỗi phần đo")
    parser.add_argument("--python-load", action="store_true", help="tạo tải bằng Python")
    parser.add_argument("--search-in-process", action="store_true", help="đo cả hàm tìm kiếm")
    parser.add_argument("--profile", action="store_true", help="hồ sơ pyinstrument")
    parser.add_argument("--verbose", action="store_true", help="in nguyên văn kết quả wrk")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-paths", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.build or args.profile_paths or (args.search_in_process and args.json)):
        return drive(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    result: Any = {}
    if args.build:
        result = build(args.build, lambda message: print(message, flush=True))
    elif args.profile_paths:
        profile(json.loads(args.profile_paths), args.search_timeout)
    else:
        result = search_in_process(args.searches, args.search_timeout)
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
