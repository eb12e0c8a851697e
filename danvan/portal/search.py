"""The portal search (/tim-kiem/): articles, notices and published documents, without marks.

Pages are found through Wagtail's database search backend (SQLite FTS5, PostgreSQL
tsvector "simple"), which holds a folded copy of each page's title and text
(``SearchablePage.folded_title``/``folded_text``): the query is folded the same way, so
"dan van kheo", "dân vận khéo" and "DÂN VẬN KHÉO" all ask for the same three words.

The query goes to the index table the backend keeps (``wagtailsearch_indexentry``: its FTS5
twin on SQLite, its GIN-indexed ``body`` tsvector on PostgreSQL) as one AND of words, with
no relevance score: ranking forces the engine to score every match before it can return
ten (Wagtail's SQLite backend re-runs the match per row: 7,9 s for "dan van kheo" over 50k
articles, bench/). Results come newest indexed first, which is the order pages were first
published in, and each page of ten is shown newest published first. Counts stop at
``COUNT_CAP``: "hơn 1.000 kết quả" asks the reader for one more word.

Only runs of letters and digits reach the engine, as one AND of words. Passed as typed, a
query is not safe on either backend: SQLite FTS5 raises on a double quote (the backend
quotes each word without escaping one inside it), and on PostgreSQL a query of only "-"
leaves no word and matches every page.

Documents come from the register (``published_documents``: folded ``contains``, the same
search as the /van-ban/ page), counted in full and listed up to ``DOCUMENTS_SHOWN``.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import transaction
from wagtail.models import Page, PageViewRestriction
from wagtail.search.models import IndexEntry

from danvan.core.dbrouter import read_alias, read_connection
from danvan.documents.models import Document
from danvan.lib.text import fold, normalize_spaces
from danvan.portal import selectors
from danvan.portal.models import ArticlePage, DocumentListPage, NoticePage

PER_PAGE = 10
COUNT_CAP = 1000
DOCUMENTS_SHOWN = 10
# A reader's query, not a document: beyond these the engine's work grows for nothing.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
EXCERPT_CHARS = 260
EXCERPT_BEFORE = 80

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Segment:
    """A piece of an excerpt; ``hit`` pieces are words of the query (shown in <mark>)."""

    text: str
    hit: bool = False


@dataclass(frozen=True)
class PageHit:
    page: ArticlePage | NoticePage
    section: Page | None
    title: list[Segment]
    excerpt: list[Segment]


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: list[str] = field(default_factory=list)
    pages: PaginatorPage | None = None
    hits: list[PageHit] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    document_count: int = 0
    shortened: bool = False

    @property
    def searched(self) -> bool:
        """False when the query held no word to look for (empty, spaces, only punctuation)."""
        return bool(self.terms)

    @property
    def page_count(self) -> int:
        return self.pages.paginator.count if self.pages is not None else 0

    @property
    def capped(self) -> bool:
        """More pages match than are counted: the reader should add a word."""
        return self.page_count > COUNT_CAP

    @property
    def total(self) -> int:
        return self.page_count + self.document_count


def query_terms(q: str) -> tuple[list[str], bool]:
    """The folded words of ``q`` and whether some were dropped for length."""
    words = _WORD.findall(fold(q[:MAX_QUERY_CHARS]))
    shortened = len(q) > MAX_QUERY_CHARS or len(words) > MAX_TERMS
    return words[:MAX_TERMS], shortened


def portal_search(*, q: str, page_number: int | str = 1) -> SearchResults:
    """Search live public articles and notices (paginated) and published documents."""
    query = normalize_spaces(q)
    terms, shortened = query_terms(query)
    if not terms:
        return SearchResults(query=query)

    # _Matches counts and slices like a QuerySet, which is all a Paginator asks of it.
    matches = cast(list[ArticlePage | NoticePage], _Matches(terms))
    pages = Paginator(matches, PER_PAGE).get_page(page_number)
    documents = selectors.published_documents(q=" ".join(terms))
    return SearchResults(
        query=query,
        terms=terms,
        pages=pages,
        hits=_hits(list(pages.object_list), terms),
        documents=list(documents[:DOCUMENTS_SHOWN]),
        document_count=documents.count(),
        shortened=shortened,
    )


class _Matches:
    """The pages holding every term, as a sequence a ``Paginator`` can count and slice."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self.alias = read_alias()  # the replica this request reads, or default
        connection = read_connection()
        self.vendor = connection.vendor
        types = [ContentType.objects.get_for_model(m).pk for m in (ArticlePage, NoticePage)]
        entries = connection.ops.quote_name(IndexEntry._meta.db_table)
        pages = connection.ops.quote_name(Page._meta.db_table)
        marks = ", ".join(["%s"] * len(types))
        restrictions = connection.ops.quote_name(PageViewRestriction._meta.db_table)
        # Private pages (a view restriction on the page or above it) are not public.
        public = (
            f"AND NOT EXISTS (SELECT 1 FROM {restrictions} r JOIN {pages} rp "
            "ON rp.id = r.page_id WHERE p.path LIKE rp.path || '%%')"
        )
        if connection.vendor == "sqlite":
            fts = connection.ops.quote_name(f"{IndexEntry._meta.db_table}_fts")
            # FTS5 walks its matches in rowid order and can stop at the LIMIT.
            self.order = "f.rowid DESC"
            self.params: list[Any] = [" AND ".join(f'"{t}"' for t in terms), *types]
            self.joined = (
                f"FROM {fts} f JOIN {entries} e ON e.id = f.rowid "
                f"JOIN {pages} p ON p.id = e.object_id AND p.live "
                f"WHERE {fts} MATCH %s AND e.content_type_id IN ({marks}) {public}"
            )
        else:
            self.order = "e.id DESC"
            self.params = [" ".join(terms), *types]
            self.joined = (
                f"FROM {entries} e JOIN {pages} p ON p.id = CAST(e.object_id AS bigint) "
                "AND p.live WHERE e.body @@ plainto_tsquery('simple', %s) "
                f"AND e.content_type_id IN ({marks}) {public}"
            )
        self._count: int | None = None

    def _rows(self, sql: str, params: list[Any], *, gin_only: bool = False) -> list[Any]:
        """``gin_only`` (PostgreSQL): the matches are taken from the GIN index alone. Its
        statistics cannot tell a word in one article in a thousand from one in most, so
        the planner may walk the ids backwards testing every row's tsvector (read from
        TOAST: ~30 µs a row), 34 ms for a word in 50 of 50,000 articles and more as
        the site grows; from the index, a count stops at COUNT_CAP + 1 for any word."""
        hinted = gin_only and self.vendor == "postgresql"
        # SET LOCAL lasts until the end of the transaction: this statement's own.
        block = transaction.atomic(using=self.alias) if hinted else contextlib.nullcontext()
        with block, read_connection().cursor() as cursor:
            if hinted:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def count(self) -> int:
        if self._count is None:
            sql = f"SELECT count(*) FROM (SELECT 1 {self.joined} LIMIT {COUNT_CAP + 1}) AS m"
            self._count = int(self._rows(sql, self.params, gin_only=True)[0][0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ArticlePage | NoticePage]:
        start, stop = index.start or 0, index.stop or 0
        sql = f"SELECT e.object_id {self.joined} ORDER BY {self.order} LIMIT %s OFFSET %s"
        # A word in at most COUNT_CAP pages (PostgreSQL): all of them from the index, then
        # sorted, instead of the backward walk; a commoner word fills a page of ten within
        # the newest few hundred rows of that walk.
        rare = self.vendor == "postgresql" and self.count() <= COUNT_CAP
        rows = self._rows(sql, [*self.params, stop - start, start], gin_only=rare)
        ids = [int(row[0]) for row in rows]
        found = Page.objects.live().public().filter(pk__in=ids).specific()
        return sorted(found, key=lambda page: page.published_on, reverse=True)


def document_list_page() -> DocumentListPage | None:
    """The /van-ban/ page, where the reader sees every matching document."""
    return DocumentListPage.objects.live().public().first()


def _hits(found: list[Any], terms: list[str]) -> list[PageHit]:
    # One query for every result's section: a page's parent has the path minus 4 chars.
    parents = {p.path: p for p in Page.objects.filter(path__in={page.path[:-4] for page in found})}
    return [
        PageHit(
            page=page,
            section=parents.get(page.path[:-4]),
            title=excerpt(page.title, terms, size=len(page.title)),
            # plain_text() strips the tags of rich text but keeps its entities (&amp;).
            excerpt=excerpt(page.plain_text(), terms),
        )
        for page in found
    ]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    # Folded one character at a time so positions in the folded text map back to the
    # original; white space stays one space so words do not run together.
    return " " if ch.isspace() else fold(ch)


def excerpt(text: str, terms: list[str], *, size: int = EXCERPT_CHARS) -> list[Segment]:
    """About ``size`` characters of ``text`` where most words of the query meet, with those
    words marked; the start of the text when none is in it (a title match)."""
    text = normalize_spaces(text)
    if not text:
        return []
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        out = _fold_char(ch)
        folded.extend(out)
        origin.extend([i] * len(out))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b")
    hits = [
        (origin[m.start()], origin[m.end() - 1] + 1, m.group())
        for m in pattern.finditer("".join(folded))
    ]
    start = 0
    focus = _densest(hits, reach=size - EXCERPT_BEFORE)
    if focus > EXCERPT_BEFORE and len(text) > size:  # a title is shown whole
        start = text.rfind(" ", 0, focus - EXCERPT_BEFORE) + 1
    end = len(text)
    if end - start > size:
        cut = text.rfind(" ", start, start + size)
        end = cut if cut > start else start + size
    segments: list[Segment] = [Segment("… ")] if start > 0 else []
    pos = start
    for s, e, _word in hits:
        if s < pos or e > end:
            continue
        if s > pos:
            segments.append(Segment(text[pos:s]))
        segments.append(Segment(text[s:e], hit=True))
        pos = e
    if pos < end:
        segments.append(Segment(text[pos:end]))
    if end < len(text):
        segments.append(Segment(" …"))
    return segments


def _densest(hits: list[tuple[int, int, str]], *, reach: int) -> int:
    """Where the most different query words fall within ``reach`` characters (the first
    such place): "khuong quoc hung" shows the name, not the first "quốc" of the text."""
    best, best_count = 0, 0
    for i, (s, _e, _word) in enumerate(hits):
        words: set[str] = set()
        for s2, _e2, word in hits[i:]:
            if s2 - s > reach:
                break
            words.add(word)
        if len(words) > best_count:
            best, best_count = s, len(words)
    return best
