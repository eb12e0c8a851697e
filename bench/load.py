"""The whole product under load: gunicorn as the README deploys it, 200 connections.

    make bench-load                                   # 60 s
    .venv/bin/python bench/load.py --seconds 10 --workers 4 --threads 1   # sync workers

Runs on var/bench/load-demo.sqlite3 (built once: migrate + load_demo) unless DATABASE_URL
is set. A bench user with a real password (demo passwords work only under DEBUG) and an
API token are created in it. gunicorn (DEBUG off, a SECRET_KEY, collected static files)
listens on loopback; one ``wrk`` per kind of request runs at the same time, the 200
connections shared among them, so each kind has its own latency figures inside one mix:

- cached portal pages (home, an article): PORTAL_CACHE_SECONDS=300;
- portal section and search pages;
- API lists with a token (/api/v1/org-units, /api/v1/meetings);
- the management dashboard of a logged-in user (session cookie from a real login).

Prints req/s, p50/p95/p99 per kind, errors (non-2xx/3xx, socket errors) and timeouts
(over 10 s), and the /healthz answer time after the run. Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench.portal import Server, get  # noqa: E402  (gunicorn on loopback, one GET)

OUT = ROOT / "var" / "bench"
DB = OUT / "load-demo.sqlite3"
PASSWORD = "Bench-" + "x" * 4 + "-2026-tai"
USER = "bench_load"
TIMEOUT_S = 10
# kind: share of the connections
MIX = {"portal-cache": 0.4, "portal-list": 0.2, "api": 0.2, "dashboard": 0.2}

WRK_SCRIPT = """
paths = {%s}
headers = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], headers)
end
bad = 0
response = function(status, h, body)
  if status >= 400 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%.1f %%.1f %%.1f %%.1f\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status,
    e.timeout, bad, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
end
"""


def _env() -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="danvan.settings")
    env.pop("DANVAN_TESTING", None)
    env.setdefault("DATABASE_URL", f"sqlite:///{DB}")
    env.update(DANVAN_VAR_DIR=str(OUT), MEDIA_ROOT=str(OUT / "load-media"))
    return env


def prepare() -> str:
    """The demo database (built if missing), the bench user and its API token."""
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(_env(), DEBUG="1")
    manage = [sys.executable, "manage.py"]
    if "DATABASE_URL" not in os.environ and not DB.exists():
        print("Dựng cơ sở dữ liệu trình diễn (migrate + load_demo)…", flush=True)
        building = DB.with_name(DB.name + ".building")  # an interrupted build is never reused
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        build_env = dict(env, DATABASE_URL=f"sqlite:///{building}")
        for step in (["migrate", "--no-input", "-v0"], ["load_demo"]):
            subprocess.run([*manage, *step], cwd=ROOT, env=build_env, check=True)
        building.replace(DB)
    # A database built by an older checkout gets the migrations added since (new tables).
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    code = (
        "from danvan.accounts.models import User\n"
        "from danvan.access.models import RoleAssignment\n"
        "from danvan.org.models import OrgUnit\n"
        f"u, _ = User.objects.get_or_create(username={USER!r})\n"
        f"u.is_demo = False; u.set_password({PASSWORD!r}); u.save()\n"
        # The demo board's role (board staff of the city): a full dashboard and full lists.
        "board = RoleAssignment.objects.filter(user__username='demo_board').first()\n"
        "unit = board.org_unit if board else OrgUnit.objects.filter(parent=None).first()\n"
        "mine = RoleAssignment.objects.filter(user=u)\n"
        "mine.exclude(role='board_staff', org_unit=unit).delete()\n"
        "RoleAssignment.objects.get_or_create(user=u, role='board_staff', org_unit=unit)\n"
    )
    subprocess.run([*manage, "shell", "-c", code], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=_server_env())
    done = subprocess.run(
        [*manage, "create_api_token", USER], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1]


def _server_env() -> dict[str, str]:
    env = _env()
    env.update(
        SECRET_KEY="bench-load-" + secrets.token_hex(16),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        PORTAL_CACHE_SECONDS="300",
        LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    return env


class LoadServer(Server):
    """bench/portal.py's gunicorn, with this bench's workers and threads."""

    def __init__(self, extra: list[str], label: str = "app", nice: int = 0) -> None:
        self.env, self.log, self.extra = _server_env(), OUT / f"gunicorn-load-{label}.log", extra
        self.nice = nice
        self.log.write_text("")
        self.start()

    def start(self) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        command = [str(Path(sys.executable).parent / "gunicorn"), "danvan.wsgi", *self.extra]
        if self.nice:
            command = ["nice", "-n", str(self.nice), *command]
        command += ["-b", f"127.0.0.1:{self.port}", "--no-control-socket", "--timeout", "60"]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        if self.nice:
            _group_nice(self.process.pid, self.nice)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop(kill=True)
        raise RuntimeError(f"gunicorn không khởi động:\n{self.tail()}")


def _group_nice(pid: int, nice: int) -> None:
    """The pool's own session is its own scheduling group when the kernel groups by session
    (``kernel.sched_autogroup_enabled``): groups share the CPU equally whatever the nice
    value of their processes, so the group itself is made nicer. Under systemd the same is
    ``CPUWeight=`` of the portal's service (README)."""
    group = Path(f"/proc/{pid}/autogroup")
    try:
        if Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1":
            group.write_text(str(nice))
    except OSError as error:
        print(f"Không đặt được độ ưu tiên nhóm cho cổng thông tin: {error}", file=sys.stderr)


def login(port: int) -> str:
    """A session cookie from the real login form (CSRF token included)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/tai-khoan/dang-nhap/")
    page = conn.getresponse()
    body = page.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not (csrf and token):
        raise RuntimeError("Trang đăng nhập không có mã CSRF")
    form = urllib.parse.urlencode(
        {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    headers["Cookie"] = f"csrftoken={csrf.group(1)}"
    conn.request("POST", "/tai-khoan/dang-nhap/", form, headers)
    answer = conn.getresponse()
    answer.read()
    session = re.search(r"sessionid=([^;]+)", answer.getheader("Set-Cookie") or "")
    if answer.status != 302 or not session:
        raise RuntimeError(f"Đăng nhập người dùng bench thất bại ({answer.status})")
    return f"sessionid={session.group(1)}"


def paths(port: int) -> dict[str, list[str]]:
    """The addresses of each kind; an article found on the home page."""
    home = get(port, "/")[2].decode(errors="replace")
    articles = [p for p in re.findall(r'href="(/tin-tuc-su-kien/[^"#?]+/)"', home)]
    return {
        "portal-cache": ["/", *(articles[:1] or ["/"])],
        "portal-list": ["/tin-tuc-su-kien/", "/tim-kiem/?q=d%C3%A2n+v%E1%BA%ADn", "/van-ban/"],
        "api": ["/api/v1/org-units", "/api/v1/meetings"],
        "dashboard": ["/quan-ly/"],
    }


def run_mix(
    ports: dict[str, int], kinds: dict[str, list[str]], heads: dict[str, dict[str, str]], args
) -> dict:
    procs = {}
    for kind, share in MIX.items():
        connections = max(int(args.connections * share), 1)
        lua = WRK_SCRIPT % (
            ", ".join(json.dumps(p) for p in kinds[kind]),
            ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in heads[kind].items()),
        )
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(lua)
        command = ["wrk", "-t1", f"-c{connections}", f"-d{args.seconds}s"]
        command += [
            "--timeout",
            f"{TIMEOUT_S}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{ports[kind]}",
        ]
        procs[kind] = (
            connections,
            script,
            subprocess.Popen(command, stdout=subprocess.PIPE, text=True),
        )
    results = {}
    for kind, (connections, script, proc) in procs.items():
        out = proc.communicate()[0]
        script.unlink()
        found = re.search(r"^BENCH (.*)$", out, re.M)
        if not found:
            raise RuntimeError(f"wrk ({kind}) không trả kết quả:\n{out}")
        n, micros, errors, timeouts, bad, p50, p95, p99, top = (
            float(x) for x in found.group(1).split()
        )
        results[kind] = {
            "connections": connections, "rps": n / (micros / 1e6), "requests": int(n),
            "errors": int(errors + bad), "timeouts": int(timeouts),
            "p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000, "max": top / 1000,
        }  # fmt: skip
    return results


PORTAL_KINDS = ("portal-cache", "portal-list")


def measure(args, token: str, extra: list[str], portal_extra: list[str] | None) -> dict:
    """One mixed run. With ``portal_extra`` the public pages have their own gunicorn pool
    (as the README deploys: the proxy sends the portal to it), the rest go to the app pool."""
    server = LoadServer(extra, "app")
    portal = LoadServer(portal_extra, "portal", args.portal_nice) if portal_extra else server
    try:
        kinds = paths(portal.port)
        cookie = login(server.port)
        heads = {
            "portal-cache": {}, "portal-list": {},
            "api": {"Authorization": f"Bearer {token}"}, "dashboard": {"Cookie": cookie},
        }  # fmt: skip
        ports = {kind: portal.port if kind in PORTAL_KINDS else server.port for kind in kinds}
        for kind, addresses in kinds.items():  # warm: templates, the page cache
            for address in addresses * 4:
                status = get(ports[kind], address, timeout=30)[0] if not heads[kind] else None
                if status and status >= 400:
                    raise RuntimeError(f"{address} trả về {status}")
        results = run_mix(ports, kinds, heads, args)
        tick = time.perf_counter()
        health = get(server.port, "/healthz", timeout=30)[0]
        results["_health"] = (health, (time.perf_counter() - tick) * 1000)
    finally:
        if portal is not server:
            portal.stop()
        server.stop()
    return results


def report(title: str, results: dict) -> None:
    print(f"\n== {title} ==")
    head = f"{'loại':<14} {'kết nối':>7} {'yêu cầu/s':>10} {'p50 ms':>8} {'p95 ms':>8}"
    print(head + f" {'p99 ms':>8} {'lỗi':>5} {'>10 s':>6}")
    health, health_ms = results.pop("_health")
    for kind, r in results.items():
        print(
            f"{kind:<14} {r['connections']:>7} {r['rps']:>10.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
            f"{r['p99']:>8.1f} {r['errors']:>5} {r['timeouts']:>6}"
        )
    total = sum(r["rps"] for r in results.values())
    errors = sum(r["errors"] + r["timeouts"] for r in results.values())
    cached = results["portal-cache"]["rps"]
    print(f"tổng {total:.1f} yêu cầu/s; /healthz sau khi chạy: {health} trong {health_ms:.1f} ms")
    verdict = "ĐẠT" if errors == 0 and cached >= 500 else "CHƯA ĐẠT"
    print(f"mục tiêu (0 lỗi, không yêu cầu nào > 10 s, trang cache ≥ 500/s): {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="thời gian tải")
    parser.add_argument("--connections", type=int, default=200, help="số kết nối đồng thời")
    parser.add_argument("--workers", type=int, default=4, help="số worker gunicorn (README: 4)")
    parser.add_argument(
        "--threads", type=int, default=4, help="luồng mỗi worker (README: 4, gthread)"
    )
    parser.add_argument(
        "--keep-alive", type=int, default=2,
        help="giây giữ kết nối của nhóm ứng dụng (gunicorn --keep-alive; 0: đóng sau mỗi yêu cầu)",
    )  # fmt: skip
    parser.add_argument(
        "--portal-workers", type=int, default=1,
        help="worker của nhóm tiến trình riêng cho cổng thông tin (README: 1); 0: bỏ qua",
    )  # fmt: skip
    parser.add_argument("--portal-threads", type=int, default=8, help="luồng mỗi worker cổng")
    parser.add_argument(
        "--portal-nice", type=int, default=2,
        help="nice của nhóm tiến trình cổng thông tin (README: 2); 0: như ứng dụng",
    )  # fmt: skip
    parser.add_argument(
        "--layout", choices=["both", "one", "split"], default="both",
        help="đo một nhóm tiến trình chung (one), nhóm riêng cho cổng (split) hay cả hai",
    )  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("Cần wrk: sudo apt-get install -y wrk")
        return 2
    token = prepare()
    extra = ["-w", str(args.workers), "--keep-alive", str(args.keep_alive)]
    if args.threads > 1:
        extra += ["--threads", str(args.threads), "-k", "gthread"]
    portal_extra = ["-w", str(args.portal_workers), "--threads", str(args.portal_threads)]
    portal_extra += ["-k", "gthread"]
    where = f"{os.cpu_count()} lõi dùng chung với wrk"
    pool = f"gunicorn {args.workers} worker × {args.threads} luồng, keep-alive {args.keep_alive} s"
    runs = [] if args.layout == "split" else [(f"một nhóm tiến trình: {pool}", None)]
    if args.portal_workers and args.layout != "one":
        own = f"{args.portal_workers} worker × {args.portal_threads} luồng, nice {args.portal_nice}"
        runs.append((f"ứng dụng: {pool}; cổng thông tin riêng: {own}", portal_extra))
    for label, portal in runs:
        results = measure(args, token, extra, portal)
        title = f"Tải hỗn hợp: {args.connections} kết nối, {args.seconds} s, {label}; {where}"
        report(title, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
