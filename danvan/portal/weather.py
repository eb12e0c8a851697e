"""The weather box: the cities an administrator lists, fetched in the background.

An administrator sets, per site (``PortalSettings``), a provider URL with ``{lat}`` and
``{lon}`` (Open-Meteo's ``/v1/forecast?...&current=temperature_2m,relative_humidity_2m,
weather_code``) and the cities, one a line: "Hà Nội | 21.03 | 105.85".

``weather_refresh`` asks the provider for every city and keeps the answer in the site's
``WeatherSnapshot``; one city failing fails the whole fetch, so the box never shows half
a list. The reason (Vietnamese, naming the city or the settings line) stays on the
snapshot and goes to the log; ``manage.py fetch_weather`` prints it too.

Pages never fetch: ``weather_box`` reads the snapshot (through the cache, a minute) and,
when it is missing or older than ``PORTAL_WEATHER_REFRESH_MINUTES``, enqueues
``portal.tasks.fetch_weather_task`` at most once per refresh window. The box shows
nothing while there is no provider, no snapshot, or the last fetch failed. It sits in
pages the portal cache shares between readers, so it depends on the site only.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from danvan.portal.models import PortalSettings, WeatherSnapshot

logger = logging.getLogger(__name__)

STATE_SECONDS = 60
CITY_EXAMPLE = "Hà Nội | 21.03 | 105.85"

# WMO weather interpretation codes (Open-Meteo's ``weather_code``) in Vietnamese words.
WMO_WORDS: dict[int, str] = {
    0: "Trời quang",
    1: "Ít mây",
    2: "Ít mây",
    3: "Nhiều mây",
    45: "Sương mù",
    48: "Sương mù",
    51: "Mưa phùn",
    53: "Mưa phùn",
    55: "Mưa phùn",
    56: "Mưa phùn lạnh",
    57: "Mưa phùn lạnh",
    61: "Mưa nhỏ",
    63: "Mưa",
    65: "Mưa to",
    66: "Mưa lạnh",
    67: "Mưa lạnh",
    71: "Tuyết rơi nhẹ",
    73: "Tuyết rơi",
    75: "Tuyết rơi dày",
    77: "Mưa tuyết",
    80: "Mưa rào",
    81: "Mưa rào",
    82: "Mưa rào to",
    85: "Mưa tuyết",
    86: "Mưa tuyết",
    95: "Dông",
    96: "Dông kèm mưa đá",
    99: "Dông kèm mưa đá",
}
_FIELDS = (
    ("temperature_2m", "nhiệt độ"),
    ("relative_humidity_2m", "độ ẩm"),
    ("weather_code", "mã thời tiết"),
)
_FIELD_WORDS = {"current": "số liệu hiện tại (current)", **dict(_FIELDS)}


class WeatherError(Exception):
    """A fetch that went wrong; ``str()`` is the Vietnamese reason."""


@dataclass(frozen=True)
class City:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class WeatherRow:
    """One line of the box: "Hà Nội 28°C, Nhiều mây, độ ẩm 75%"."""

    city: str
    temperature: int
    humidity: int
    text: str

    def __str__(self) -> str:
        words = f", {self.text}" if self.text else ""
        return f"{self.city} {self.temperature}°C{words}, độ ẩm {self.humidity}%"


@dataclass(frozen=True)
class WeatherBox:
    rows: list[WeatherRow]
    fetched_at: dt.datetime | None


def weather_words(code: int) -> str:
    return WMO_WORDS.get(code, "")


# --- settings -----------------------------------------------------------------------------


def _number(text: str, what: str, limit: int, line_no: int) -> float:
    # Vietnamese writes decimals with a comma ("21,03"); accept both.
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"Dòng {line_no}: {what} «{text}» không phải là số.") from None
    if not -limit <= value <= limit:
        raise ValueError(
            f"Dòng {line_no}: {what} «{text}» phải nằm trong khoảng -{limit} đến {limit}."
        )
    return value


def parse_cities(text: str) -> list[City]:
    """ "Hà Nội | 21.03 | 105.85" a line → cities; blank lines are skipped. A bad line
    raises ``ValueError("Dòng 2: …")``."""
    cities: list[City] = []
    for line_no, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3:
            raise ValueError(
                f"Dòng {line_no}: cần ba phần «tên | vĩ độ | kinh độ», ví dụ «{CITY_EXAMPLE}»;"
                f" dòng này là «{line}»."
            )
        name, lat, lon = parts
        if not name:
            raise ValueError(f"Dòng {line_no}: thiếu tên địa phương trước dấu «|».")
        cities.append(
            City(name, _number(lat, "vĩ độ", 90, line_no), _number(lon, "kinh độ", 180, line_no))
        )
    if not cities:
        raise ValueError(f"Chưa có địa phương nào: mỗi dòng một nơi, ví dụ «{CITY_EXAMPLE}».")
    return cities


def _check_url(template: str) -> None:
    if not template.startswith(("http://", "https://")):
        raise WeatherError(
            "Địa chỉ nhà cung cấp thời tiết phải bắt đầu bằng http:// hoặc https://."
        )
    if "{lat}" not in template or "{lon}" not in template:
        raise WeatherError(
            "Địa chỉ nhà cung cấp thời tiết phải có {lat} và {lon} ở chỗ vĩ độ và kinh độ."
        )


# --- fetching -----------------------------------------------------------------------------


def fetch_city(template: str, city: City, *, timeout: float) -> dict[str, Any]:
    """Ask the provider about one city; a reading as kept on the snapshot."""
    url = template.replace("{lat}", f"{city.lat:g}").replace("{lon}", f"{city.lon:g}")
    failed = f"Không lấy được thời tiết {city.name}"
    try:
        response = requests.get(url, timeout=timeout, headers={"Accept": "application/json"})
    except requests.Timeout:
        raise WeatherError(f"{failed}: máy chủ không trả lời sau {timeout:g} giây.") from None
    except requests.ConnectionError:
        raise WeatherError(f"{failed}: không kết nối được máy chủ.") from None
    except requests.RequestException as error:
        raise WeatherError(f"{failed}: lỗi kết nối ({type(error).__name__}).") from None
    if response.status_code != 200:
        raise WeatherError(f"{failed}: máy chủ trả lời {response.status_code}.")
    try:
        current = response.json()["current"]
        temperature, humidity, code = (float(current[name]) for name, _ in _FIELDS)
        if not all(math.isfinite(v) for v in (temperature, humidity, code)):
            raise ValueError("not a finite number")
    except KeyError as missing:
        name = str(missing.args[0])
        words = _FIELD_WORDS.get(name, name)
        raise WeatherError(f"{failed}: dữ liệu trả về thiếu {words}.") from None
    except (ValueError, TypeError, AttributeError):
        raise WeatherError(f"{failed}: dữ liệu trả về không đọc được.") from None
    return {
        "city": city.name,
        "temp": temperature,
        "humidity": humidity,
        "code": int(code),
        "text": weather_words(int(code)),
    }


def _state_key(site_id: int) -> str:
    return f"portal:weather:state:{site_id}"


def _lock_key(site_id: int) -> str:
    return f"portal:weather:queued:{site_id}"


@transaction.atomic
def _store(*, site: Site, readings: list[dict[str, Any]], error: str) -> WeatherSnapshot:
    snapshot, _ = WeatherSnapshot.objects.select_for_update().get_or_create(site=site)
    snapshot.readings = readings
    snapshot.ok = not error
    snapshot.error = error
    snapshot.fetched_at = timezone.now()
    snapshot.save()
    return snapshot


def weather_refresh(*, site: Site) -> WeatherSnapshot | None:
    """Fetch every city of the site now and keep the result (None: no provider is set).

    The requests happen outside any transaction: a slow provider must not hold a
    database lock."""
    config = PortalSettings.for_site(site)
    template = config.weather_provider_url.strip()
    if not template:
        cache.delete(_state_key(site.pk))
        return None
    readings: list[dict[str, Any]] = []
    error = ""
    try:
        _check_url(template)
        cities = parse_cities(config.weather_cities)
    except ValueError as bad_line:
        error = f"Danh sách địa phương chưa đúng: {bad_line}"
    except WeatherError as bad_url:
        error = str(bad_url)
    else:
        timeout = float(settings.PORTAL_WEATHER_TIMEOUT_SECONDS)
        try:
            readings = [fetch_city(template, city, timeout=timeout) for city in cities]
        except WeatherError as failed:
            error = str(failed)
    if error:
        readings = []
        logger.warning("Thời tiết (trang %s): %s", site.pk, error)
    snapshot = _store(site=site, readings=readings, error=error)
    cache.delete(_state_key(site.pk))
    return snapshot


# --- the box ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _State:
    """What the box needs to know about a site, cached for a minute."""

    provider: bool
    ok: bool
    readings: list[dict[str, Any]]
    fetched_at: dt.datetime | None


def _load_state(site: Site) -> _State:
    config = PortalSettings.for_site(site)
    snapshot = WeatherSnapshot.objects.filter(site=site).first()
    return _State(
        provider=bool(config.weather_provider_url.strip()),
        ok=bool(snapshot and snapshot.ok),
        readings=list(snapshot.readings) if snapshot else [],
        fetched_at=snapshot.fetched_at if snapshot else None,
    )


def _stale(fetched_at: dt.datetime | None) -> bool:
    if fetched_at is None:
        return True
    window = dt.timedelta(minutes=settings.PORTAL_WEATHER_REFRESH_MINUTES)
    return timezone.now() - fetched_at >= window


def _enqueue_once(site_id: int) -> None:
    """Queue a fetch unless one was queued in this refresh window (all processes share
    the lock when the cache is Redis)."""
    from danvan.portal.tasks import fetch_weather_task

    window = settings.PORTAL_WEATHER_REFRESH_MINUTES * 60
    if not cache.add(_lock_key(site_id), True, window):
        return
    try:
        fetch_weather_task.enqueue(site_id)
    except Exception:
        # A queue that is down must not break the page; try again next window.
        logger.exception("Thời tiết: không đưa được việc lấy số liệu vào hàng đợi")


def _row(reading: dict[str, Any]) -> WeatherRow:
    return WeatherRow(
        city=str(reading.get("city", "")),
        temperature=round(float(reading.get("temp", 0))),
        humidity=round(float(reading.get("humidity", 0))),
        text=str(reading.get("text", "")),
    )


def weather_box(site: Site | None) -> WeatherBox | None:
    """The site's box, or None when it hides; queues a refresh when one is due."""
    if site is None:
        return None
    key = _state_key(site.pk)
    state: _State | None = cache.get(key)
    if state is None:
        state = _load_state(site)
        cache.set(key, state, STATE_SECONDS)
    if not state.provider:
        return None
    if _stale(state.fetched_at):
        _enqueue_once(site.pk)
    if not state.ok or not state.readings:
        return None
    return WeatherBox([_row(r) for r in state.readings], state.fetched_at)
