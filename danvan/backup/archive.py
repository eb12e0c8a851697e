"""One archive holds everything needed to rebuild the system: the database, the uploaded
files and a manifest to check the result against.

Members, in this order: ``database.pgdump`` (PostgreSQL, ``pg_dump --format=custom``) or
``database.sqlite3`` (SQLite, a copy made with the online backup API), then ``media/…``
(every file under MEDIA_ROOT), then ``manifest.json`` last, since the files' checksums are
computed while they are streamed in. The archive is written beside its final name and
renamed when complete, so a half-written backup never carries the name.

The database copy and its checksums come from one moment: on PostgreSQL the checksums are
read in a repeatable-read transaction whose snapshot ``pg_dump --snapshot`` dumps; on
SQLite they are read from the copy itself. Files uploaded during the backup may be missing
or newer than the database (as with any file backup taken live); run it in a quiet hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from danvan.backup import databases as dbs
from danvan.backup.databases import BackupError, Progress, TableSum

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DB_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Summary:
    tables: int
    rows: int
    files: int
    bytes: int
    seconds: float


def app_version() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return f"{version}+{commit}" if commit else str(version)


class _Hashing(io.RawIOBase):
    """A file read through: the archive gets the bytes, ``digest`` their SHA-256."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.digest = raw, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data


def media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under ``root`` (links are not followed), sorted; with its name
    in the archive."""
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path, f"{MEDIA}/{path.relative_to(root).as_posix()}"


def _open_out(out: Path) -> tarfile.TarFile:
    compressed = out.name.endswith((".tar.gz", ".tgz"))
    partial = out.with_name(out.name + ".partial")
    return tarfile.open(partial, "w:gz" if compressed else "w", format=tarfile.PAX_FORMAT)


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> str:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as raw:
        reader = _Hashing(raw)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return reader.digest.hexdigest()


def _snapshot_database(
    settings_dict: dict[str, Any], django_connection: Any, work: Path, progress: Progress
) -> tuple[Path, dict[str, Any], dict[str, TableSum], dict[str, list[str]]]:
    """The database copy in ``work``, what it is, its checksums and its migrations."""
    vendor = dbs.vendor_of(settings_dict)
    copy = work / DB_MEMBER[vendor]
    if vendor == "postgresql":
        conn = dbs.pg_connect(settings_dict)
        try:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            server = int(conn.info.server_version)
            progress("Đang xuất cơ sở dữ liệu (pg_dump)…")
            tool = dbs.pg_dump(settings_dict, snapshot, copy, server)
            progress("Đang tính tổng kiểm tra từng bảng…")
            sums = dbs.table_sums(conn, vendor, progress)
            migrations = dbs.applied_migrations(conn)
        finally:
            conn.close()
        info = {"server_version": f"{server // 10000}.{server % 10000}", "tool": tool}
    else:
        progress("Đang chép cơ sở dữ liệu (SQLite online backup)…")
        django_connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            django_connection.connection.backup(target)
        finally:
            target.close()
        progress("Đang tính tổng kiểm tra từng bảng…")
        with dbs.sqlite_connect(copy) as conn:
            sums = dbs.table_sums(conn, vendor, progress)
            migrations = dbs.applied_migrations(conn)
        info = {"server_version": sqlite3.sqlite_version, "tool": "sqlite3.Connection.backup"}
    return copy, {"vendor": vendor, "file": copy.name, **info}, sums, migrations


def backup(
    *,
    out: Path,
    settings_dict: dict[str, Any],
    django_connection: Any,
    media_root: Path,
    progress: Progress,
) -> Summary:
    """Write the archive ``out`` (``.tar``, or ``.tar.gz``/``.tgz`` compressed)."""
    started = time.monotonic()
    if out.exists():
        raise BackupError(f"Tệp {out} đã có: chọn tên khác (không ghi đè một bản sao lưu).")
    if not out.parent.is_dir():
        raise BackupError(f"Thư mục {out.parent} không tồn tại.")
    partial = out.with_name(out.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="danvan-backup-", dir=out.parent) as tmp:
        copy, database, sums, migrations = _snapshot_database(
            settings_dict, django_connection, Path(tmp), progress
        )
        try:
            with _open_out(out) as tar:
                progress(f"Đang ghi {copy.name} ({copy.stat().st_size} byte)…")
                database["sha256"] = _add_file(tar, copy, copy.name)
                copy.unlink()
                files: dict[str, dict[str, Any]] = {}
                for number, (path, name) in enumerate(media_files(media_root), 1):
                    size = path.stat().st_size
                    files[name] = {"bytes": size, "sha256": _add_file(tar, path, name)}
                    progress(f"  tệp {number}: {name} ({size} byte)")
                manifest = {
                    "format": FORMAT,
                    "app": "danvan",
                    "app_version": app_version(),
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "database": database,
                    "migrations": migrations,
                    "tables": {name: asdict(s) for name, s in sums.items()},
                    "media": files,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(time.time())
                tar.addfile(info, io.BytesIO(data))
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    return Summary(
        tables=len(sums),
        rows=sum(s.rows for s in sums.values()),
        files=len(files),
        bytes=sum(f["bytes"] for f in files.values()),
        seconds=time.monotonic() - started,
    )


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        raw = tar.extractfile(member)
        manifest = json.loads(raw.read()) if raw else None
    except (KeyError, ValueError) as exc:
        raise BackupError("Tệp không phải bản sao lưu danvan (thiếu manifest.json).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu có định dạng không đọc được (manifest.json khác).")
    return manifest


def media_target(media_root: Path, name: str) -> Path:
    """Where a ``media/…`` member goes; a name leaving the folder is refused."""
    parts = PurePosixPath(name).parts
    if len(parts) < 2 or parts[0] != MEDIA or any(p in ("..", "") for p in parts) or name[0] == "/":
        raise BackupError(f"Bản sao lưu có tệp với đường dẫn không hợp lệ: {name}")
    return media_root.joinpath(*parts[1:])
