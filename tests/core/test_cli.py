import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fanzha.accounts import services
from fanzha.accounts.models import User


def test_user_create_and_token_issue(personas):
    args = "create --username cli_user --password Cli-pass-2026 --role station_officer --unit T-D1-SA"
    call_command("user", *args.split())
    out = StringIO()
    call_command("token", "issue", "--username", "cli_user", stdout=out)
    secret = out.getvalue().strip()
    assert "\n" not in secret
    assert services.user_for_token(secret) == User.objects.get(username="cli_user")


def test_user_create_with_unknown_unit_is_a_clear_error(personas):
    with pytest.raises(CommandError, match="单位代码 NOPE 不存在"):
        call_command(
            "user",
            "create",
            "--username",
            "u",
            "--password",
            "Cli-pass-2026",
            "--role",
            "viewer",
            "--unit",
            "NOPE",
        )


def test_reset_password_unlocks(personas):
    call_command("user", "reset-password", "--username", "station_a", "--password", "Reset-pass-2026")
    assert services.check_login("station_a", "Reset-pass-2026").user is not None


def test_units_list_prints_the_tree(personas):
    out = StringIO()
    call_command("units", "list", stdout=out)
    assert "  T-D1\t测试一分局" in out.getvalue()


def _demo(seed, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = StringIO()
    call_command("demo", "--seed", str(seed), "--scale", "0.02", stdout=out)
    return out.getvalue()


def test_demo_builds_the_city_and_refuses_to_run_twice(db, settings, tmp_path):
    assert "演示账号" in _demo(3, settings, tmp_path)
    from fanzha.org.models import OrgUnit

    assert OrgUnit.objects.filter(kind="district").count() == 6
    assert 25 <= OrgUnit.objects.filter(kind="station").count() <= 35
    assert OrgUnit.objects.filter(kind="bank").count() == 8
    assert OrgUnit.objects.filter(kind="carrier").count() == 3
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {r for r, _ in User._meta.get_field("role").choices}
    with pytest.raises(CommandError):
        call_command("demo", "--seed", "3", stdout=StringIO())
    call_command("demo", "--if-empty", stdout=StringIO())


def _snapshot():
    from django.apps import apps

    counts = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "audit"}
    names = list(User.objects.order_by("username").values_list("full_name", flat=True))
    return counts, names


def test_demo_is_deterministic_for_a_seed(db, settings, tmp_path):
    from django.db import transaction

    with transaction.atomic():
        _demo(5, settings, tmp_path / "a")
        first = _snapshot()
        transaction.set_rollback(True)
    _demo(5, settings, tmp_path / "b")
    assert _snapshot() == first
    assert first[0]["org.OrgUnit"] > 0


def test_a_placeholder_secret_is_refused_outside_development():
    env = {k: v for k, v in os.environ.items() if not k.startswith("FANZHA_")}
    env["FANZHA_ENV"] = "production"
    env["DJANGO_SETTINGS_MODULE"] = "fanzha.settings"
    code = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "FANZHA_SECRET_KEY" in result.stderr


def test_serve_preloads_one_sync_worker_per_core(monkeypatch):
    seen: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda path, argv: seen.append(argv))
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.delenv("FANZHA_WORKERS", raising=False)
    call_command("serve", "--port", "8123", stdout=StringIO())
    argv = seen[0]
    assert argv[argv.index("--workers") + 1] == "4" and argv[argv.index("--threads") + 1] == "1"
    assert "--preload" in argv and argv[argv.index("--bind") + 1] == "127.0.0.1:8123"


def test_wsgi_warm_up_loads_the_detector_without_opening_the_database(tmp_path):
    # gunicorn imports fanzha.wsgi once and forks: a database connection opened there would be
    # shared by every worker. The database path cannot be opened, so any query would fail.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FANZHA_")}
    env.update(FANZHA_ENV="test", FANZHA_DATABASE_URL=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    code = (
        "import gc, fanzha.wsgi as w; from fanzha.detect.engine import detector; "
        "print(detector._load.cache_info().currsize, gc.get_freeze_count() > 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True"]
