"""`python -m api.cli forum-key` makes keys, even while the server is running."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from sqlmodel import Session, select

from api import cli
from api.models import ApiKey, Forum, Role

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

REPO_ROOT = Path(__file__).resolve().parents[3]
GetViews = Callable[..., httpx.Response]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a separate process, as `make forum-key` does."""
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        cwd=REPO_ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_forum_key_prints_the_key_alone_on_the_last_line_and_the_key_works(
    client: TestClient, get_views: GetViews
) -> None:
    # `client` has started the app, so this runs while the server holds the database open.
    result = run_cli("forum-key", "--forum", "local", "--role", "moderator")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.rstrip("\n").splitlines()
    assert len(lines) >= 2, "expected an explanation before the key"
    key = lines[-1]
    assert key.startswith("sv_")
    assert key.strip() == key and " " not in key
    assert key not in "\n".join(lines[:-1])
    assert get_views(key).status_code == 200


def test_forum_key_creates_a_new_forum_with_its_display_name(
    client: TestClient, session: Session
) -> None:
    result = run_cli(
        "forum-key", "--forum", "north-yorkshire", "--role", "reader", "--name", "NY Forum"
    )

    assert result.returncode == 0, result.stderr
    forum = session.exec(select(Forum).where(Forum.slug == "north-yorkshire")).one()
    assert forum.name == "NY Forum"
    assert forum.k == 5
    api_key = session.exec(select(ApiKey).where(ApiKey.forum_id == forum.id)).one()
    assert api_key.role is Role.reader
    assert "Created the forum" in result.stdout


def test_forum_key_works_on_a_database_that_does_not_exist_yet(
    api_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["forum-key", "--forum", "local", "--role", "admin"])

    assert code == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("sv_")


@pytest.mark.parametrize("role", ["owner", "", "moderators"])
def test_a_bad_role_exits_2_with_a_plain_message(
    api_env: dict[str, str], capsys: pytest.CaptureFixture[str], role: str
) -> None:
    code = cli.main(["forum-key", "--forum", "local", "--role", role])

    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "reader, moderator, admin" in captured.err


def test_a_bad_role_exits_2_from_the_command_line(api_env: dict[str, str]) -> None:
    result = run_cli("forum-key", "--forum", "local", "--role", "superuser")

    assert result.returncode == 2
    assert "not a role we know" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_forum_name_that_cannot_be_a_short_name_exits_2(
    api_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["forum-key", "--forum", "north yorkshire!", "--role", "reader"])

    assert code == 2
    assert "short name" in capsys.readouterr().err


def test_migrate_brings_a_new_database_up_to_date(
    api_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["migrate"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_rebuild_stats_recounts_a_forums_views(
    client: TestClient,
    post_view: Callable[..., httpx.Response],
    capsys: pytest.CaptureFixture[str],
) -> None:
    post_view()
    post_view()

    code = cli.main(["rebuild-stats", "--forum", "local"])

    assert code == 0
    assert "Recounted 2 views" in capsys.readouterr().out


def test_rebuild_stats_for_an_unknown_forum_exits_1(
    api_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["rebuild-stats", "--forum", "nowhere"]) == 1
    assert "no forum called 'nowhere'" in capsys.readouterr().err
