"""View and visit counters: counted in memory, written to the database in batches.

Every portal page load sends one small beacon (``counters.js`` → ``/_dem/``); the page
itself stays cached. A beacon adds one view to its page and one visit to the site total
("Tổng"), and marks its visitor as seen ("Đang truy cập": visitors seen in the last
``PORTAL_ONLINE_MINUTES``). Visitors without JavaScript, which is most bots, send no
beacon and are not counted.

Counts go to a process-wide buffer under a lock and are flushed at most every
``PORTAL_COUNTER_FLUSH_SECONDS`` (by the hit that finds the time passed), on demand
(:func:`flush`), and at process exit (best effort). A flush only ever adds:
``UPDATE … SET views = views + n`` and upserts, so flushes from several processes or
threads never lose an update; a flush that fails puts its counts back in the buffer.
The answer to a beacon is the database value plus this process's pending counts.

A visitor is a keyed hash (HMAC with ``SECRET_KEY``) of address and browser: no address
is stored. Rows of visitors not seen for a day are deleted now and then.

Reloading does not inflate "Lượt xem": an address counts one view (and one visit) per page
per ``PORTAL_VIEW_DEDUP_MINUTES`` (:func:`first_view`); later beacons in that window only
mark the visitor as online. The mark is a cache entry named by an HMAC of address and page,
so it is shared by every process with Redis (``REDIS_URL``), per process otherwise.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.models import Page

from danvan.portal.models import PageViewCount, PortalVisitor, SiteCounter

logger = logging.getLogger(__name__)

TOTAL_KEY = "visits"
VISITOR_TTL = dt.timedelta(days=1)
PRUNE_EVERY = dt.timedelta(hours=1)
ONLINE_CACHE = dt.timedelta(seconds=5)
# Past this many visitors pending, "online" stops excluding them one by one (a slight
# overcount for a few seconds rather than a huge IN list).
ONLINE_EXACT_MAX = 500


@dataclass
class _Pending:
    views: Counter[int] = field(default_factory=Counter)
    visitors: dict[str, dt.datetime] = field(default_factory=dict)
    total: int = 0

    def merge(self, other: _Pending) -> None:
        self.views.update(other.views)
        for key, seen in other.visitors.items():
            if key not in self.visitors or self.visitors[key] < seen:
                self.visitors[key] = seen
        self.total += other.total

    def __bool__(self) -> bool:
        return bool(self.views or self.visitors or self.total)


class HitBuffer:
    """One process's pending counts (the module keeps one: :data:`buffer`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending = _Pending()
        self._last_flush = timezone.now()
        self._last_prune: dt.datetime | None = None
        self._online: tuple[dt.datetime, int] | None = None  # (computed at, count)

    def record_hit(
        self, *, page_id: int | None, visitor_key: str, now: dt.datetime, counted: bool = True
    ) -> None:
        with self._lock:
            if counted:
                if page_id is not None:
                    self._pending.views[page_id] += 1
                self._pending.total += 1
            if visitor_key not in self._pending.visitors:
                self._online = None  # perhaps someone new: count again on the next answer
            self._pending.visitors[visitor_key] = now
            elapsed = (now - self._last_flush).total_seconds()
            due = elapsed >= settings.PORTAL_COUNTER_FLUSH_SECONDS
            if due:
                # Claimed under the lock: one thread flushes, the others carry on counting.
                self._last_flush = now
        if due:
            self.flush(now=now)

    def flush(self, *, now: dt.datetime | None = None, prune: bool = False) -> int:
        now = now or timezone.now()
        with self._lock:
            batch, self._pending = self._pending, _Pending()
            self._last_flush = max(self._last_flush, now)
            last_prune = self._last_prune
            prune = prune or last_prune is None or now - last_prune >= PRUNE_EVERY
            if prune:
                self._last_prune = now
        if not batch and not prune:
            return 0
        try:
            _write(batch, now=now, prune=prune)
        except DatabaseError:
            logger.exception("Không ghi được bộ đếm truy cập; giữ lại để ghi lần sau.")
            with self._lock:
                batch.merge(self._pending)
                self._pending = batch
                if prune:
                    self._last_prune = None
            return 0
        with self._lock:
            self._online = None
        return batch.total

    def has_pending(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def pending(self, page_id: int | None) -> tuple[int, int]:
        """(this page's pending views, pending site total)."""
        with self._lock:
            views = self._pending.views.get(page_id, 0) if page_id is not None else 0
            return views, self._pending.total

    def online(self, *, now: dt.datetime) -> int:
        """Visitors seen in the last ``PORTAL_ONLINE_MINUTES``: the database's and this
        process's pending ones, each once. Kept a few seconds, unless a new visitor came."""
        with self._lock:
            cached = self._online
            if cached is not None and now - cached[0] < ONLINE_CACHE:
                return cached[1]
            pending = list(self._pending.visitors)
        cutoff = now - dt.timedelta(minutes=settings.PORTAL_ONLINE_MINUTES)
        seen = PortalVisitor.objects.filter(last_seen__gte=cutoff)
        if len(pending) <= ONLINE_EXACT_MAX:
            seen = seen.exclude(key__in=pending)
        count = seen.count() + len(pending)
        with self._lock:
            self._online = (now, count)
        return count


@transaction.atomic
def _write(batch: _Pending, *, now: dt.datetime, prune: bool) -> None:
    # Rows are locked in key order, so two flushes at once (threads, processes) wait for
    # each other instead of deadlocking; every write adds to what is there.
    if batch.views:
        live = set(Page.objects.filter(pk__in=batch.views.keys()).values_list("pk", flat=True))
        views = {pk: n for pk, n in sorted(batch.views.items()) if pk in live}
        PageViewCount.objects.bulk_create(
            [PageViewCount(page_id=pk, views=0) for pk in views], ignore_conflicts=True
        )
        rows = PageViewCount.objects.select_for_update().filter(page_id__in=list(views))
        list(rows.order_by("page_id").values_list("page_id", flat=True))
        by_increment: defaultdict[int, list[int]] = defaultdict(list)
        for pk, n in views.items():
            by_increment[n].append(pk)
        for n, pks in sorted(by_increment.items()):
            PageViewCount.objects.filter(page_id__in=pks).update(views=F("views") + n)
    if batch.total:
        SiteCounter.objects.bulk_create([SiteCounter(key=TOTAL_KEY)], ignore_conflicts=True)
        SiteCounter.objects.filter(key=TOTAL_KEY).update(value=F("value") + batch.total)
    if batch.visitors:
        PortalVisitor.objects.bulk_create(
            [PortalVisitor(key=k, last_seen=t) for k, t in sorted(batch.visitors.items())],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["last_seen"],
        )
    if prune:
        PortalVisitor.objects.filter(last_seen__lt=now - VISITOR_TTL).delete()


buffer = HitBuffer()


def visitor_key(*, ip: str, user_agent: str) -> str:
    """A visitor's key: an HMAC of address and browser (64 hex characters)."""
    value = f"{ip or ''}\n{(user_agent or '')[:512]}"
    return salted_hmac("danvan.portal.visitor", value, algorithm="sha256").hexdigest()


def first_view(*, ip: str, page_id: int | None) -> bool:
    """Whether this address has not loaded this page in the last
    ``PORTAL_VIEW_DEDUP_MINUTES`` (0: every load counts); marks it as having done so."""
    minutes = settings.PORTAL_VIEW_DEDUP_MINUTES
    if minutes <= 0:
        return True
    mark = salted_hmac("danvan.portal.view", f"{ip or ''}\n{page_id or ''}", algorithm="sha256")
    return bool(cache.add(f"portal:seen:{mark.hexdigest()}", 1, minutes * 60))


def record_hit(
    *, page_id: int | None, visitor_key: str, now: dt.datetime, counted: bool = True
) -> None:
    """Count one page load (``page_id`` None: a page without its own count); ``counted``
    False only marks the visitor online (a reload inside the dedup window). Flushes when
    the last flush is ``PORTAL_COUNTER_FLUSH_SECONDS`` old."""
    buffer.record_hit(page_id=page_id, visitor_key=visitor_key, now=now, counted=counted)


def flush(*, now: dt.datetime | None = None, prune: bool = False) -> int:
    """Write this process's pending counts now; returns how many hits were written.
    ``prune`` also deletes visitors not seen for a day (otherwise done once an hour)."""
    return buffer.flush(now=now, prune=prune)


def counts(*, page_id: int | None, now: dt.datetime | None = None) -> dict[str, int | None]:
    """What the beacon answers: the page's views, visitors online, the site total, each
    the database's value plus this process's pending count."""
    now = now or timezone.now()
    pending_views, pending_total = buffer.pending(page_id)
    views: int | None = None
    if page_id is not None:
        row = PageViewCount.objects.filter(page_id=page_id).values_list("views", flat=True)
        views = (row.first() or 0) + pending_views
    total_row = SiteCounter.objects.filter(key=TOTAL_KEY).values_list("value", flat=True)
    total = (total_row.first() or 0) + pending_total
    return {"views": views, "online": buffer.online(now=now), "total": total}


def reset() -> None:
    """Forget pending counts and timers (tests start from a clean process state)."""
    global buffer
    buffer = HitBuffer()


def _flush_at_exit() -> None:
    # A test run must never write its hits into the real database once the test
    # database is gone.
    if getattr(settings, "TESTING", False):
        return
    # Nothing counted (every management command): no write, not even the first prune.
    if not buffer.has_pending():
        return
    try:
        flush()
    except Exception:  # the interpreter is going away: nothing left to report to
        logger.exception("Không ghi được bộ đếm truy cập khi tắt tiến trình.")


atexit.register(_flush_at_exit)
