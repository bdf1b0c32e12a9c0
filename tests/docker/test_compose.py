"""The production Compose profile is complete and valid (Docker itself cannot run here)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker" / "compose.yml"
SECRETS = {
    "RASA_AUTH_TOKEN": "test-rasa-token",
    "API_SERVICE_TOKEN": "test-service-token",
    "PSEUDONYM_SECRET": "test-pseudonym-secret",
    "POSTGRES_PASSWORD": "test-db-password",
}


def compose_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker-compose", "-f", str(COMPOSE), "config"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin:/usr/sbin:/sbin", **env},
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture(scope="module")
def resolved() -> dict:
    result = compose_config(SECRETS)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_the_compose_file_is_valid_against_the_compose_specification(resolved: dict) -> None:
    assert {"postgres", "redis", "rasa", "actions", "api", "nginx", "migrate"} <= set(
        resolved["services"]
    )


def test_compose_refuses_to_start_without_the_secrets() -> None:
    result = compose_config({})
    assert result.returncode != 0
    assert "RASA_AUTH_TOKEN" in result.stderr or "POSTGRES_PASSWORD" in result.stderr


def test_rasa_runs_several_processes_on_postgres_and_redis(resolved: dict) -> None:
    rasa = resolved["services"]["rasa"]
    assert int(rasa["deploy"]["replicas"]) >= 2
    assert rasa["environment"]["TRACKER_DB_HOST"] == "postgres"
    assert rasa["environment"]["REDIS_HOST"] == "redis"
    assert int(resolved["services"]["actions"]["deploy"]["replicas"]) >= 2
    assert resolved["services"]["api"]["environment"]["DATABASE_URL"].startswith("postgresql")


def test_only_the_load_balancer_publishes_a_port(resolved: dict) -> None:
    published = [name for name, svc in resolved["services"].items() if svc.get("ports")]
    assert published == ["nginx"]


def test_every_service_runs_in_production_mode(resolved: dict) -> None:
    for name in ("api", "rasa", "actions"):
        assert resolved["services"][name]["environment"]["ENVIRONMENT"] == "production"


def test_every_file_the_images_copy_or_mount_exists(resolved: dict) -> None:
    for svc in resolved["services"].values():
        build = svc.get("build")
        if build:
            dockerfile = Path(build["context"]) / build["dockerfile"]
            assert dockerfile.is_file(), dockerfile
            text = dockerfile.read_text()
            for source in re.findall(r"^COPY (\S+) ", text, flags=re.MULTILINE):
                assert (ROOT / source).exists(), f"{dockerfile.name} copies missing {source}"
            if "target" in build:
                assert re.search(rf"^FROM .+ AS {build['target']}$", text, re.MULTILINE)
        for volume in svc.get("volumes", []):
            source = str(volume).split(":")[0]
            if source.startswith("/"):
                assert Path(source).exists(), source


def test_the_production_endpoints_use_postgres_and_the_redis_lock_store() -> None:
    endpoints = yaml.safe_load((ROOT / "bot" / "endpoints.production.yml").read_text())
    assert endpoints["tracker_store"]["dialect"] == "postgresql"
    assert endpoints["lock_store"]["type"] == "bot.ops.lock_store.AtomicRedisLockStore"
    assert "${ACTION_SERVER_URL}" in endpoints["action_endpoint"]["url"]
