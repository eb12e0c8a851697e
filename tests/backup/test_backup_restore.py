"""`backup` then `restore` gives back the same rows and files, on the vendor CI runs.

On SQLite the restore goes into a new file; on PostgreSQL into a database created for the
test (and dropped after). The data must be committed for pg_dump to see it: these tests
run outside the usual per-test transaction.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from danvan.backup.databases import vendor_of
from danvan.backup.restore import restore
from danvan.org.services import org_unit_update
from danvan.people.models import Person
from tests.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = settings.MEDIA_ROOT / "documents" / "2024" / "Kế hoạch 138-KH.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 ke hoach " * 50)
    return upload


@pytest.fixture
def history(tree: Any, cast: Any, officials: Any) -> None:
    """Audited writes and a login: the audit log has rows of every kind."""
    org_unit_update(actor=cast.board, unit=tree.dai_kim, note="board sửa Đại Kim")
    client_for(cast.admin).get("/quan-ly/")


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """An empty database of the suite's vendor: settings_dict and a DATABASE_URL for it."""
    source = connection.settings_dict
    if vendor_of(source) == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield {"settings": {**source, "NAME": str(path)}, "url": f"sqlite:///{path}"}
        return
    import psycopg

    from danvan.backup.databases import pg_params

    base = str(source["NAME"]).removeprefix("test_")
    name = f"{base}_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(**pg_params(source), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    target = {**source, "NAME": name}
    p = pg_params(target)
    auth = p.get("user", "") + (":" + p["password"] if "password" in p else "")
    url = f"postgres://{auth}@{p.get('host', '')}:{p.get('port', '5432')}/{name}"
    try:
        yield {"settings": target, "url": url}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def take_backup(out: Path) -> dict[str, Any]:
    call_command("backup", str(out), stdout=io.StringIO())
    with tarfile.open(out) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return json.loads(member.read())


def restore_into(archive: Path, target: dict[str, Any], media_root: Path) -> Any:
    return restore(
        archive=archive,
        settings_dict=target["settings"],
        media_root=media_root,
        known_migrations=known_migrations(),
        progress=lambda line: None,
    )


def test_round_trip_gives_the_same_rows_and_files(history, media, empty_target, tmp_path):
    archive = tmp_path / "danvan.tar.gz"
    manifest = take_backup(archive)
    assert manifest["database"]["vendor"] == vendor_of(connection.settings_dict)
    assert manifest["tables"]["auditlog_logentry"]["rows"] == LogEntry.objects.count() >= 3
    assert manifest["tables"]["people_person"]["rows"] == Person.objects.count() == 3
    assert manifest["migrations"]["org"]  # the schema state travels with the data

    restored_media = tmp_path / "restored-media"
    outcome = restore_into(archive, empty_target, restored_media)
    assert outcome.mismatches == []
    counts = {table: s.rows for table, s in outcome.sums.items()}
    assert counts == {table: t["rows"] for table, t in manifest["tables"].items()}
    assert (
        outcome.sums["auditlog_logentry"].sha256
        == manifest["tables"]["auditlog_logentry"]["sha256"]
    )
    copy = restored_media / media.relative_to(settings.MEDIA_ROOT)
    assert copy.read_bytes() == media.read_bytes()


def test_a_changed_row_is_caught(history, media, empty_target, tmp_path):
    archive = tmp_path / "danvan.tar"
    take_backup(archive)
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as out:
        for member in source:
            data = source.extractfile(member)
            if member.name == "manifest.json" and data is not None:
                manifest = json.loads(data.read())
                manifest["tables"]["auditlog_logentry"]["sha256"] = "0" * 64
                raw = json.dumps(manifest).encode()
                member.size = len(raw)
                out.addfile(member, io.BytesIO(raw))
            else:
                out.addfile(member, data)
    env = dict(os.environ, DANVAN_TESTING="1", DATABASE_URL=empty_target["url"])
    env["MEDIA_ROOT"] = str(tmp_path / "restored-media")
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tampered)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode != 0
    assert "bảng auditlog_logentry: cùng" in done.stderr and "nội dung khác" in done.stderr
    assert "không khớp manifest" in done.stderr


def test_restore_refuses_a_database_that_has_tables(history, media, tmp_path, settings):
    archive = tmp_path / "danvan.tar"
    take_backup(archive)
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    with pytest.raises(CommandError, match=r"Không khôi phục: .* đã có .* bảng"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_restore_refuses_a_media_folder_holding_files(history, media, empty_target, tmp_path):
    archive = tmp_path / "danvan.tar"
    take_backup(archive)
    with pytest.raises(Exception, match=r"thư mục tệp tải lên .* đã có tệp"):
        restore_into(archive, empty_target, media.parent.parent.parent)


def test_backup_never_overwrites(history, media, tmp_path):
    archive = tmp_path / "danvan.tar"
    archive.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.read_bytes() == b"an older backup"
