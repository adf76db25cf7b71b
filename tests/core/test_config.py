"""Where the database is: --db, WELCOMEDESK_DB, the platform default; network shares refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from welcomedesk.config import ENV_DB, resolve_database
from welcomedesk.errors import StorageError


def test_the_default_is_a_file_in_the_data_folder(tmp_path: Path) -> None:
    target = resolve_database(None)
    assert target.default and target.sqlite_path == (tmp_path / "data" / "welcomedesk.sqlite3").resolve()


def test_db_beats_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "env.sqlite3"))
    assert resolve_database(None).sqlite_path == (tmp_path / "env.sqlite3").resolve()
    assert resolve_database(str(tmp_path / "arg.sqlite3")).sqlite_path == (tmp_path / "arg.sqlite3").resolve()
    assert not resolve_database(None).default


def test_postgresql_urls_use_psycopg_and_hide_the_password() -> None:
    target = resolve_database("postgresql://desk:s3cret@db.example/welcome")
    assert target.url.startswith("postgresql+psycopg://") and not target.is_sqlite
    assert "s3cret" not in target.describe()


@pytest.mark.parametrize("path", [r"\\server\share\desk.sqlite3", "//server/share/desk.sqlite3"])
def test_a_network_share_is_refused_with_a_pointer_to_postgresql(path: str) -> None:
    with pytest.raises(StorageError, match="PostgreSQL"):
        resolve_database(path)


def test_an_unknown_url_scheme_is_refused() -> None:
    with pytest.raises(StorageError):
        resolve_database("mysql://x/y")


def test_a_path_on_a_network_mount_is_recognised(tmp_path: Path) -> None:
    from welcomedesk.config import _is_network_path

    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/vda1 / ext4 rw 0 0\nserver:/export /mnt/share nfs4 rw 0 0\n"
                      "//nas/desk /mnt/desk cifs rw 0 0\n", encoding="utf-8")
    assert _is_network_path(Path("/mnt/share/desk.sqlite3"), mounts)
    assert _is_network_path(Path("/mnt/desk/sub/desk.sqlite3"), mounts)
    assert not _is_network_path(Path("/mnt/shared-local/desk.sqlite3"), mounts)
    assert not _is_network_path(Path("/home/maija/desk.sqlite3"), mounts)
