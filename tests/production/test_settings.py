"""Settings come from the environment only; production refuses to start without a secret key,
and `check --deploy` is clean with the documented production environment."""

import secrets

import pytest

from tests.production.conftest import base_env, manage

pytestmark = pytest.mark.processes


def test_without_debug_and_without_secret_key_the_process_refuses_to_start_and_says_why(tmp_path):
    env = base_env(SECRET_KEY="", SECRET_KEY_FILE=str(tmp_path / "missing"))
    result = manage(env, "check", check=False)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "System check identified" not in result.stdout


def test_a_secret_key_file_is_read_when_the_variable_is_not_set(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(secrets.token_urlsafe(50))
    result = manage(base_env(SECRET_KEY="", SECRET_KEY_FILE=str(key_file)), "check", check=False)
    assert result.returncode == 0, result.stderr


def test_a_misspelt_switch_is_refused_not_guessed():
    result = manage(base_env(HTTPS="ture"), "check", check=False)
    assert result.returncode != 0
    assert "HTTPS='ture': use true or false" in result.stderr


def production_env(tmp_path, **overrides):
    """The environment README's Deploy section documents, on this machine."""
    documented = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "HTTPS": "true",
                  "ALLOWED_HOSTS": "night.example.cn", "SECRET_KEY": secrets.token_urlsafe(50)}
    return base_env(**{**documented, **overrides})


def test_check_deploy_reports_no_warnings_with_the_documented_production_environment(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_https_is_switched_off(tmp_path):
    """The loopback switch is for trying the stack, and the deploy check says so."""
    result = manage(production_env(tmp_path, HTTPS="false"), "check", "--deploy", "--fail-level", "WARNING",
                    check=False)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout, warning


def test_postgresql_gives_up_connecting_after_a_timeout_instead_of_hanging():
    env = base_env(DATABASE_URL="postgres://u:p@127.0.0.1:9/none", DB_CONNECT_TIMEOUT="2")
    result = manage(env, "shell", "-c", "from django.db import connection; print(connection.settings_dict['OPTIONS'])")
    assert "'connect_timeout': 2" in result.stdout
