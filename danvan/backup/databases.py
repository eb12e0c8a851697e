"""The two vendors behind one shape: raw connections, tables, row checksums, dump, load.

Checksums are computed on raw DB-API connections (sqlite3, psycopg) opened from a Django
``settings_dict``, never through Django's cursor, so the backup and the check after a
restore read the rows the same way. Rows are read in primary-key order (every column of
a table without one), each row hashed as the database prints it: on PostgreSQL the row's
text form (``t::text``) under fixed session settings (UTC, ISO dates, float digits), on
SQLite the ``repr`` of its values (only ints, floats, text, bytes and NULL exist there).
Sequences, indexes and the like are not rows: a restored database gives the same sums.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Progress = Callable[[str], None]
_BATCH = 2000
_PG_SESSION = (
    "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
    "SET extra_float_digits = 1; SET bytea_output = 'hex'"
)


class BackupError(Exception):
    """A refusal or a failure, with a Vietnamese message for the person running it."""


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str


def vendor_of(settings_dict: dict[str, Any]) -> str:
    engine = str(settings_dict["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {engine}.")


# --- PostgreSQL ---------------------------------------------------------------------------


def pg_params(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's keywords from Django's settings (the password never goes on a command line)."""
    options = settings_dict.get("OPTIONS") or {}
    params = {
        "dbname": settings_dict.get("NAME") or "",
        "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "",
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
        "sslmode": str(options.get("sslmode") or ""),
    }
    return {k: str(v) for k, v in params.items() if v}


def pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD"}
    names |= {"host": "PGHOST", "port": "PGPORT", "sslmode": "PGSSLMODE"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({names[k]: v for k, v in pg_params(settings_dict).items()})
    return env


def pg_connect(settings_dict: dict[str, Any]) -> Any:
    import psycopg

    try:
        conninfo = psycopg.conninfo.make_conninfo(**pg_params(settings_dict))
        conn = psycopg.connect(conninfo, autocommit=True)
    except psycopg.Error as exc:
        raise BackupError(f"Không kết nối được PostgreSQL: {exc}") from exc
    conn.execute(_PG_SESSION)
    conn.autocommit = False
    return conn


def pg_tool(name: str, server_version: int) -> tuple[str, str]:
    """The path of ``pg_dump``/``pg_restore`` on PATH and its version line; refused when
    missing or older than the server (it could not read the server's catalogue)."""
    path = shutil.which(name)
    if not path:
        raise BackupError(f"Không tìm thấy {name} trên PATH: cài gói postgresql-client.")
    line = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
    found = re.search(r"(\d+)(?:\.(\d+))?", line)
    major = int(found.group(1)) if found else 0
    if major < server_version // 10000:
        raise BackupError(
            f"{line} cũ hơn máy chủ PostgreSQL {server_version // 10000}: cài {name} "
            f"phiên bản {server_version // 10000} (cùng phiên bản với máy chủ)."
        )
    return path, line


def pg_tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    ).fetchall()
    return [row[0] for row in rows]


def _pg_key(conn: Any, table: str) -> list[str]:
    rows = conn.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
        "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
        "ORDER BY array_position(i.indkey::int2[], a.attnum)",
        [f'"{table}"'],
    ).fetchall()
    return [row[0] for row in rows]


def _pg_rows(conn: Any, table: str) -> Iterator[bytes]:
    from psycopg import sql

    key = _pg_key(conn, table)
    order = sql.SQL(", ").join(sql.Identifier("t", c) for c in key) if key else sql.SQL("1")
    query = sql.SQL("SELECT t::text FROM {} AS t ORDER BY {}").format(sql.Identifier(table), order)
    with conn.cursor(name=f"sum_{abs(hash(table))}") as cursor:
        cursor.itersize = _BATCH
        cursor.execute(query)
        for (text,) in cursor:
            yield text.encode()


def pg_dump(settings_dict: dict[str, Any], snapshot: str, out: Path, server: int) -> str:
    """``pg_dump --format=custom`` of the exported ``snapshot``: what the sums were read from."""
    path, line = pg_tool("pg_dump", server)
    command = [path, "--format=custom", "--no-password", f"--snapshot={snapshot}", "-f", str(out)]
    done = subprocess.run(command, env=pg_env(settings_dict), capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_dump lỗi (mã {done.returncode}): {done.stderr.strip()}")
    return line


def pg_restore(settings_dict: dict[str, Any], dump: Path, server: int) -> str:
    """All or nothing (one transaction); objects owned by whoever restores."""
    path, line = pg_tool("pg_restore", server)
    command = [path, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    command += ["--no-password", "--dbname", settings_dict.get("NAME") or "", str(dump)]
    done = subprocess.run(command, env=pg_env(settings_dict), capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_restore lỗi (mã {done.returncode}): {done.stderr.strip()}")
    return line


# --- SQLite -------------------------------------------------------------------------------


def sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables; a full-text index (virtual table) is kept by its shadow tables."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _sqlite_rows(conn: sqlite3.Connection, table: str) -> Iterator[bytes]:
    quoted = '"' + table.replace('"', '""') + '"'
    columns = conn.execute(f"PRAGMA table_info({quoted})").fetchall()
    key = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
    order = key or [c[1] for c in columns]
    order_sql = ", ".join('"' + c.replace('"', '""') + '"' for c in order)
    cursor = conn.execute(f"SELECT * FROM {quoted} ORDER BY {order_sql}")
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            yield repr(row).encode()


@contextmanager
def sqlite_connect(path: Path | str) -> Iterator[sqlite3.Connection]:
    """Read-only; ``path`` may also be Django's URI name of a shared in-memory database."""
    name = str(path)
    conn = sqlite3.connect(name if name.startswith("file:") else f"file:{name}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


# --- both ---------------------------------------------------------------------------------


def table_sums(conn: Any, vendor: str, progress: Progress) -> dict[str, TableSum]:
    """Rows and SHA-256 of every table, in a stable order; one progress line per table."""
    tables = pg_tables(conn) if vendor == "postgresql" else sqlite_tables(conn)
    rows_of = _pg_rows if vendor == "postgresql" else _sqlite_rows
    sums: dict[str, TableSum] = {}
    for number, table in enumerate(tables, 1):
        digest, count = hashlib.sha256(), 0
        for row in rows_of(conn, table):
            digest.update(row)
            digest.update(b"\n")
            count += 1
        sums[table] = TableSum(count, digest.hexdigest())
        progress(f"  [{number}/{len(tables)}] bảng {table}: {count} dòng")
    return sums


def applied_migrations(conn: Any) -> dict[str, list[str]]:
    rows = conn.execute("SELECT app, name FROM django_migrations ORDER BY app, name").fetchall()
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return applied
