"""Rebuild from an archive into an EMPTY database and media folder, then check the
result against the manifest: every table's row count and checksum, every file's SHA-256.

Nothing existing is ever overwritten: a database with tables, or a media folder holding
files, is refused before anything is written. An archive from a newer version of the
code (migrations this code does not have) or from the other database vendor is refused
too. Migrations the archive lacks are left to ``manage.py migrate`` afterwards.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from danvan.backup import databases as dbs
from danvan.backup.archive import DB_MEMBER, MEDIA, media_files, media_target, read_manifest
from danvan.backup.databases import BackupError, Progress, TableSum

_CHUNK = 1 << 20


@dataclass
class Outcome:
    tables: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    mismatches: list[str] = field(default_factory=list)
    sums: dict[str, TableSum] = field(default_factory=dict)


def _refuse_unless_empty(settings_dict: dict[str, Any], vendor: str, media_root: Path) -> None:
    if vendor == "postgresql":
        conn = dbs.pg_connect(settings_dict)
        try:
            tables = dbs.pg_tables(conn)
        finally:
            conn.close()
        where = f"cơ sở dữ liệu {settings_dict.get('NAME')}"
    else:
        name = str(settings_dict["NAME"])
        path = Path(name)
        tables = []
        if name.startswith("file:") or (path.exists() and path.stat().st_size):
            with dbs.sqlite_connect(name) as conn:
                tables = dbs.sqlite_tables(conn)
        where = f"tệp SQLite {name}"
        if not tables and (name.startswith("file:") or name == ":memory:"):
            raise BackupError(f"Không khôi phục vào cơ sở dữ liệu trong bộ nhớ ({name}).")
    if tables:
        raise BackupError(
            f"Không khôi phục: {where} đã có {len(tables)} bảng. Chỉ khôi phục vào cơ sở dữ "
            "liệu trống (tạo một cơ sở dữ liệu mới, hoặc đặt DATABASE_URL trỏ tới nó)."
        )
    if next(media_files(media_root), None):
        raise BackupError(
            f"Không khôi phục: thư mục tệp tải lên {media_root} đã có tệp. Chỉ khôi phục vào "
            "thư mục trống (đặt MEDIA_ROOT trỏ tới một thư mục mới)."
        )


def _check_compatible(manifest: dict[str, Any], vendor: str, known: set[tuple[str, str]]) -> None:
    theirs = manifest["database"]["vendor"]
    if theirs != vendor:
        raise BackupError(
            f"Bản sao lưu là của {theirs}, cơ sở dữ liệu đích là {vendor}: chỉ khôi phục vào "
            "cùng loại cơ sở dữ liệu."
        )
    newer = sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )
    if newer:
        raise BackupError(
            "Bản sao lưu từ phiên bản mới hơn của phần mềm (có migration chưa có ở đây: "
            f"{', '.join(newer[:5])}{'…' if len(newer) > 5 else ''}). Cập nhật phần mềm trước."
        )


def _copy_member(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> str:
    source = tar.extractfile(member)
    if source is None:
        raise BackupError(f"Bản sao lưu hỏng: {member.name} không phải tệp thường.")
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _load_database(
    tar: tarfile.TarFile, manifest: dict[str, Any], settings_dict: dict[str, Any], work: Path
) -> None:
    vendor = manifest["database"]["vendor"]
    name = DB_MEMBER[vendor]
    copy = work / name
    if _copy_member(tar, tar.getmember(name), copy) != manifest["database"].get("sha256"):
        raise BackupError(f"Bản sao lưu hỏng: {name} không khớp tổng kiểm tra trong manifest.")
    if vendor == "postgresql":
        conn = dbs.pg_connect(settings_dict)
        try:
            server = int(conn.info.server_version)
        finally:
            conn.close()
        dbs.pg_restore(settings_dict, copy, server)
        return
    target = Path(str(settings_dict["NAME"]))
    target.parent.mkdir(parents=True, exist_ok=True)
    with dbs.sqlite_connect(copy) as source:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()


def _table_check(
    manifest: dict[str, Any], settings_dict: dict[str, Any], progress: Progress
) -> dict[str, TableSum]:
    vendor = manifest["database"]["vendor"]
    if vendor == "postgresql":
        conn = dbs.pg_connect(settings_dict)
        try:
            return dbs.table_sums(conn, vendor, progress)
        finally:
            conn.close()
    with dbs.sqlite_connect(Path(str(settings_dict["NAME"]))) as conn:
        return dbs.table_sums(conn, vendor, progress)


def restore(
    *,
    archive: Path,
    settings_dict: dict[str, Any],
    media_root: Path,
    known_migrations: set[tuple[str, str]],
    progress: Progress,
) -> Outcome:
    """Restore ``archive``; the outcome lists every mismatch (empty when all agree)."""
    started = time.monotonic()
    vendor = dbs.vendor_of(settings_dict)
    if not archive.is_file():
        raise BackupError(f"Không thấy tệp sao lưu {archive}.")
    try:
        tar = tarfile.open(archive, "r:*")  # noqa: SIM115 (closed by the with below)
    except tarfile.TarError as exc:
        raise BackupError(f"Tệp {archive} không phải bản sao lưu đọc được: {exc}") from exc
    outcome = Outcome()
    with tar, tempfile.TemporaryDirectory(prefix="danvan-restore-") as tmp:
        manifest = read_manifest(tar)
        _check_compatible(manifest, vendor, known_migrations)
        _refuse_unless_empty(settings_dict, vendor, media_root)
        progress(f"Bản sao lưu {manifest['created_at']}, phiên bản {manifest['app_version']}.")
        progress(f"Đang nạp cơ sở dữ liệu ({DB_MEMBER[vendor]})…")
        _load_database(tar, manifest, settings_dict, Path(tmp))
        expected = manifest["media"]
        seen: set[str] = set()
        for member in tar:
            if not member.name.startswith(f"{MEDIA}/"):
                continue
            if not member.isfile():
                outcome.mismatches.append(f"{member.name}: không phải tệp thường, bỏ qua")
                continue
            digest = _copy_member(tar, member, media_target(media_root, member.name))
            seen.add(member.name)
            outcome.files += 1
            outcome.bytes += member.size
            want = expected.get(member.name, {}).get("sha256")
            ok = digest == want
            if not ok:
                outcome.mismatches.append(f"{member.name}: tổng kiểm tra không khớp manifest")
            progress(f"  tệp {outcome.files}: {member.name}{'' if ok else ' — KHÔNG KHỚP'}")
        outcome.mismatches += [
            f"{name}: thiếu trong bản sao lưu" for name in expected if name not in seen
        ]
    progress("Đang kiểm tra từng bảng theo manifest…")
    outcome.sums = _table_check(manifest, settings_dict, progress)
    for table, want in sorted(manifest["tables"].items()):
        got = outcome.sums.get(table)
        if got is None:
            outcome.mismatches.append(f"bảng {table}: không có sau khi khôi phục")
        elif got.rows != want["rows"]:
            outcome.mismatches.append(f"bảng {table}: {got.rows} dòng, manifest ghi {want['rows']}")
        elif got.sha256 != want["sha256"]:
            outcome.mismatches.append(f"bảng {table}: cùng {got.rows} dòng nhưng nội dung khác")
    outcome.mismatches += [
        f"bảng {t}: có sau khi khôi phục nhưng không có trong manifest"
        for t in sorted(set(outcome.sums) - set(manifest["tables"]))
    ]
    outcome.tables = len(outcome.sums)
    outcome.rows = sum(s.rows for s in outcome.sums.values())
    outcome.seconds = time.monotonic() - started
    return outcome
