"""The production profile translates on its own LibreTranslate and shares the directory."""

from __future__ import annotations

from test_compose import resolved  # noqa: F401 - the resolved Compose file, as a fixture


def test_rasa_and_the_actions_translate_on_the_self_hosted_libretranslate(
    resolved: dict,  # noqa: F811
) -> None:
    for name in ("rasa", "actions"):
        environment = resolved["services"][name]["environment"]
        assert environment["TRANSLATOR"] == "libre"
        assert environment["LIBRETRANSLATE_URL"] == "http://libretranslate:5000"
    assert "libretranslate" in resolved["services"]
    assert not resolved["services"]["libretranslate"].get("ports")


def test_the_action_servers_share_one_directory_snapshot(resolved: dict) -> None:  # noqa: F811
    actions = resolved["services"]["actions"]
    assert actions["environment"]["DIRECTORY_FILE"].startswith("/var/lib/sendvoices/")
    assert any("/var/lib/sendvoices" in str(v) for v in actions["volumes"])
