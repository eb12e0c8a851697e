"""The portal search page and the public download of a published document.

Search results are cached for anonymous readers like the pages (the query and the page
number are part of the cache key, ``portal.cache``; publishing empties it). The download
is not: a document withdrawn from the portal must stop downloading at once.
"""

from __future__ import annotations

from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from danvan.core.dbrouter import replica_reads
from danvan.documents.selectors import public_documents
from danvan.portal.models.pages import mark_cacheable
from danvan.portal.search import document_list_page, portal_search


@replica_reads
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    results = portal_search(q=request.GET.get("q", ""), page_number=request.GET.get("trang") or 1)
    response = render(
        request,
        "portal/search.html",
        {
            "query": results.query,
            # The shared pager (includes/pagination.html) keeps ``q`` in its links.
            "q": results.query,
            "results": results,
            "items": results.pages,
            "document_list": document_list_page() if results.document_count else None,
        },
    )
    return mark_cacheable(response)


@require_safe
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file of a document published on the portal; 404 for anything else, so a
    private entry of the register is not even confirmed to exist."""
    document = public_documents().filter(pk=pk).first()
    if document is None or not document.file:
        raise Http404("Không có văn bản công bố nào có tệp với mã này.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp của văn bản này không còn trên máy chủ.") from exc
    filename = document.file_name or PurePath(document.file.name).name
    # Always a download, never shown inline: an uploaded file must not run in the page.
    return FileResponse(handle, as_attachment=True, filename=filename)
