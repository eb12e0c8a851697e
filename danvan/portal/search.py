"""The portal search (/tim-kiem/): articles, notices and published documents, without marks.

Pages are found through Wagtail's database search backend (SQLite FTS5, PostgreSQL
tsvector "simple"), which holds a folded copy of each page's title and text
(``SearchablePage.folded_title``/``folded_text``): the query is folded the same way, so
"dan van kheo", "dân vận khéo" and "DÂN VẬN KHÉO" all ask for the same three words.

Only runs of letters and digits reach the engine, as one AND of words. Passed as typed, a
query is not safe on either backend: SQLite FTS5 raises on a double quote (the backend
quotes each word without escaping one inside it), and on PostgreSQL a query of only "-"
leaves no word and matches every page.

Documents come from the register (``published_documents``: folded ``contains``, the same
search as the /van-ban/ page), counted in full and listed up to ``DOCUMENTS_SHOWN``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page

from danvan.documents.models import Document
from danvan.lib.text import fold, normalize_spaces
from danvan.portal import selectors
from danvan.portal.models import ArticlePage, DocumentListPage, NoticePage

PER_PAGE = 10
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

    found = (
        Page.objects.live()
        .public()
        .type(ArticlePage, NoticePage)
        .specific()
        .search(" ".join(terms), operator="and")
    )
    pages = Paginator(found, PER_PAGE).get_page(page_number)
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
