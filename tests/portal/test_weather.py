"""The weather box, against a local stub of an Open-Meteo-style provider (never the
internet): fetched in the background, shown per city, hidden when it cannot be trusted."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import Site

from danvan.portal.models import PortalSettings, WeatherSnapshot
from danvan.portal.weather import parse_cities, weather_refresh

CITIES = "Hà Nội | 21.03 | 105.85\nĐà Nẵng | 16.05 | 108.2\n"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@dataclass
class Stub:
    """What the stub provider answers, per latitude: a JSON body, or a mode."""

    port: int = 0
    answers: dict[str, Any] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self) -> str:
        return (
            f"http://127.0.0.1:{self.port}/v1/forecast?latitude={{lat}}&longitude={{lon}}"
            "&current=temperature_2m,relative_humidity_2m,weather_code"
        )


def current(temp: float, humidity: float, code: int) -> dict[str, Any]:
    return {
        "latitude": 21.0,
        "current": {"temperature_2m": temp, "relative_humidity_2m": humidity, "weather_code": code},
    }


@pytest.fixture
def stub() -> Iterator[Stub]:
    state = Stub()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query)
            state.requests.append(self.path)
            answer = state.answers.get(query.get("latitude", [""])[0], 404)
            if answer == "hang":
                state.release.wait(10)  # longer than the client waits; freed at teardown
                return
            if isinstance(answer, int):
                self.send_response(answer)
                self.end_headers()
                return
            body = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(home: Any) -> Site:
    return Site.objects.get(is_default_site=True)


def configure(site: Site, url: str, cities: str = CITIES) -> None:
    config = PortalSettings.for_site(site)
    config.weather_provider_url = url
    config.weather_cities = cities
    config.save()


def box_text(client: Client) -> str:
    """The sidebar's weather box as a reader sees it (tags stripped), or ""."""
    html = client.get("/").content.decode()
    match = re.search(r'<section class="box weather".*?</section>', html, re.S)
    if match is None:
        return ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).replace(" ,", ",")


# --- the cities an administrator writes ---------------------------------------------------


def test_parse_cities_reads_names_and_coordinates() -> None:
    cities = parse_cities("Hà Nội | 21.03 | 105.85\n\n  TP Hồ Chí Minh|10,82|106,63  ")
    assert [(c.name, c.lat, c.lon) for c in cities] == [
        ("Hà Nội", 21.03, 105.85),
        ("TP Hồ Chí Minh", 10.82, 106.63),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hà Nội | 21.03 | 105.85\nĐà Nẵng 16.05 108.2", "Dòng 2: cần ba phần"),
        ("Hà Nội | 21.03 | 105.85\nĐà Nẵng | mười sáu | 108.2", "Dòng 2: vĩ độ «mười sáu»"),
        ("Hà Nội | 21.03 | 205.85", "Dòng 1: kinh độ «205.85» phải nằm trong khoảng"),
        ("\n | 21.03 | 105.85", "Dòng 2: thiếu tên địa phương"),
        ("   \n", "Chưa có địa phương nào"),
    ],
)
def test_parse_cities_names_the_bad_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_cities(text)


# --- fetching ---------------------------------------------------------------------------------


def test_fetch_fills_the_box_on_the_home_page(client: Client, site: Site, stub: Stub) -> None:
    stub.answers = {"21.03": current(27.6, 75, 3), "16.05": current(30.2, 68.4, 61)}
    configure(site, stub.url())

    snapshot = weather_refresh(site=site)

    assert snapshot is not None and snapshot.ok and snapshot.error == ""
    box = box_text(client)
    assert "Thời tiết các vùng" in box
    assert "Hà Nội 28°C, Nhiều mây, độ ẩm 75%" in box
    assert "Đà Nẵng 30°C, Mưa nhỏ, độ ẩm 68%" in box


def test_first_visit_queues_the_fetch_and_the_next_one_shows_it(
    client: Client, site: Site, stub: Stub
) -> None:
    """Under tests the immediate backend runs the queued fetch at once: the page that
    queued it still renders without the box (it never waits for the provider)."""
    stub.answers = {"21.03": current(27.6, 75, 3), "16.05": current(30.2, 68, 95)}
    configure(site, stub.url())

    assert box_text(client) == ""
    assert len(stub.requests) == 2
    assert "Đà Nẵng 30°C, Dông, độ ẩm 68%" in box_text(client)


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (500, "Không lấy được thời tiết Đà Nẵng: máy chủ trả lời 500."),
        ("{không phải json", "Không lấy được thời tiết Đà Nẵng: dữ liệu trả về không đọc được."),
        ({"current": {"temperature_2m": 30}}, "Đà Nẵng: dữ liệu trả về thiếu độ ẩm."),
    ],
)
def test_one_city_failing_hides_the_box_and_records_why(
    client: Client, site: Site, stub: Stub, answer: Any, reason: str
) -> None:
    stub.answers = {"21.03": current(27.6, 75, 3), "16.05": answer}
    configure(site, stub.url())

    snapshot = weather_refresh(site=site)

    assert snapshot is not None and not snapshot.ok
    assert reason in snapshot.error
    assert snapshot.readings == []
    assert box_text(client) == ""


def test_a_provider_that_does_not_answer_in_time_fails_the_fetch(
    client: Client, site: Site, stub: Stub, settings: Any
) -> None:
    settings.PORTAL_WEATHER_TIMEOUT_SECONDS = 0.2
    stub.answers = {"21.03": "hang"}
    configure(site, stub.url(), "Hà Nội | 21.03 | 105.85")

    snapshot = weather_refresh(site=site)

    assert snapshot is not None and not snapshot.ok
    assert snapshot.error == "Không lấy được thời tiết Hà Nội: máy chủ không trả lời sau 0.2 giây."
    assert box_text(client) == ""


def test_a_failed_fetch_replaces_an_earlier_good_one(
    client: Client, site: Site, stub: Stub
) -> None:
    stub.answers = {"21.03": current(27.6, 75, 3), "16.05": current(30.2, 68, 1)}
    configure(site, stub.url())
    weather_refresh(site=site)
    assert "Hà Nội 28°C" in box_text(client)

    stub.answers["16.05"] = 503
    weather_refresh(site=site)

    assert box_text(client) == ""


def test_a_bad_cities_line_is_recorded_with_its_number(site: Site, stub: Stub) -> None:
    configure(site, stub.url(), "Hà Nội | 21.03 | 105.85\nĐà Nẵng, 16.05, 108.2")

    snapshot = weather_refresh(site=site)

    assert snapshot is not None and not snapshot.ok
    assert snapshot.error.startswith("Danh sách địa phương chưa đúng: Dòng 2:")
    assert stub.requests == []


def test_a_url_without_coordinates_is_refused(site: Site, stub: Stub) -> None:
    configure(site, f"http://127.0.0.1:{stub.port}/v1/forecast?latitude=21&longitude=105")

    snapshot = weather_refresh(site=site)

    assert snapshot is not None and "phải có {lat} và {lon}" in snapshot.error
    assert stub.requests == []


# --- the background: enqueue, never block -------------------------------------------------


@pytest.fixture
def queue(settings: Any) -> Any:
    """A queue that keeps what is enqueued instead of running it."""
    from django_tasks import default_task_backend

    settings.TASKS = DUMMY_TASKS
    return default_task_backend


def test_pages_queue_one_fetch_per_window_and_never_call_out(
    client: Client, site: Site, stub: Stub, queue: Any
) -> None:
    stub.answers = {"21.03": current(27.6, 75, 3), "16.05": current(30.2, 68, 1)}
    configure(site, stub.url())

    for path in ("/", "/", "/tin-tuc-su-kien/"):
        assert client.get(path).status_code == 200

    assert [r.task.name for r in queue.results] == ["fetch_weather_task"]
    assert list(queue.results[0].args) == [site.pk]
    assert stub.requests == []
    assert box_text(client) == ""


def test_an_old_snapshot_is_shown_while_a_refresh_is_queued(
    client: Client, site: Site, stub: Stub, queue: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    configure(site, stub.url())
    WeatherSnapshot.objects.create(
        site=site,
        ok=True,
        readings=[{"city": "Hà Nội", "temp": 19.4, "humidity": 80, "code": 45, "text": "Sương mù"}],
        fetched_at=timezone.now() - dt.timedelta(hours=2),
    )

    assert "Hà Nội 19°C, Sương mù, độ ẩm 80%" in box_text(client)
    assert len(queue.results) == 1


def test_a_fresh_snapshot_queues_nothing(
    client: Client, site: Site, stub: Stub, queue: Any
) -> None:
    from django.utils import timezone

    configure(site, stub.url())
    WeatherSnapshot.objects.create(
        site=site,
        ok=True,
        readings=[{"city": "Hà Nội", "temp": 31, "humidity": 60, "code": 0, "text": "Trời quang"}],
        fetched_at=timezone.now(),
    )

    assert "Hà Nội 31°C, Trời quang, độ ẩm 60%" in box_text(client)
    assert queue.results == []


def test_no_provider_hides_the_box_and_queues_nothing(
    client: Client, site: Site, queue: Any
) -> None:
    configure(site, "", CITIES)

    assert box_text(client) == ""
    assert queue.results == []
    assert weather_refresh(site=site) is None


def test_a_removed_provider_hides_an_earlier_snapshot(
    client: Client, site: Site, stub: Stub
) -> None:
    stub.answers = {"21.03": current(27.6, 75, 3), "16.05": current(30.2, 68, 1)}
    configure(site, stub.url())
    weather_refresh(site=site)
    assert "Hà Nội 28°C" in box_text(client)

    configure(site, "", CITIES)
    weather_refresh(site=site)

    assert box_text(client) == ""


# --- the command ----------------------------------------------------------------------------


def test_command_fetches_every_site_and_sums_up(site: Site, stub: Stub) -> None:
    import io

    stub.answers = {"21.03": current(27.6, 75, 3), "16.05": current(30.2, 68, 1)}
    configure(site, stub.url())
    out = io.StringIO()

    call_command("fetch_weather", stdout=out)

    assert "đã lấy 2 địa phương" in out.getvalue()
    assert "Thời tiết: 1 trang lấy được, 0 trang lỗi, 0 trang bỏ qua." in out.getvalue()
    assert WeatherSnapshot.objects.get(site=site).ok


def test_command_reports_a_failure(site: Site, stub: Stub) -> None:
    import io

    stub.answers = {"21.03": 500}
    configure(site, stub.url(), "Hà Nội | 21.03 | 105.85")
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 trang lỗi"):
        call_command("fetch_weather", stderr=err)

    assert "Không lấy được thời tiết Hà Nội: máy chủ trả lời 500." in err.getvalue()
