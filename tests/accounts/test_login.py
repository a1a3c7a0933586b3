from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from fanzha.accounts import services
from fanzha.audit.models import AuditEntry
from fanzha.core.errors import DomainError
from fanzha.core.testing import PASSWORD


def test_a_good_password_logs_in_and_is_audited(personas):
    result = services.check_login("station_a", PASSWORD)
    assert result.user == personas["station_a"]
    assert AuditEntry.objects.filter(action="login", actor_username="station_a").count() == 1


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(personas):
    result = services.check_login("station_a", "wrong-password")
    assert result.user is None
    assert result.error == "用户名或密码错误"
    assert AuditEntry.objects.filter(action="login_failed", actor_username="station_a").exists()


def test_unknown_users_are_audited_too(db):
    assert services.check_login("nobody", "x").user is None
    assert AuditEntry.objects.filter(action="login_failed", summary__contains="nobody").exists()


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_repeated_failures_lock_the_account_even_for_the_right_password(personas):
    for _ in range(3):
        services.check_login("station_a", "wrong-password")
    result = services.check_login("station_a", PASSWORD)
    assert result.user is None
    assert "锁定" in result.error
    assert AuditEntry.objects.filter(action="locked", actor_username="station_a").count() == 1


@override_settings(LOGIN_MAX_FAILURES=2)
def test_the_lock_expires(personas):
    for _ in range(2):
        services.check_login("station_a", "wrong-password")
    user = personas["station_a"]
    user.refresh_from_db()
    user.locked_until = timezone.now() - timedelta(seconds=1)
    user.save(update_fields=["locked_until"])
    assert services.check_login("station_a", PASSWORD).user == user


def test_inactive_users_cannot_log_in(personas):
    user = personas["station_a"]
    user.is_active = False
    user.save()
    assert services.check_login("station_a", PASSWORD).user is None


def test_login_page_shows_the_chinese_error(personas):
    response = Client().post("/accounts/login/", {"username": "station_a", "password": "bad"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()


def test_login_page_does_not_redirect_off_site(personas):
    response = Client().post(
        "/accounts/login/?next=https://evil.example/", {"username": "station_a", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logout_needs_post_and_ends_the_session(page_as):
    client = page_as("station_a")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_change_password_checks_the_old_one(personas):
    with pytest.raises(DomainError, match="原密码不正确"):
        services.change_password(personas["station_a"], "nope", "Another-good-pass-1")
    services.change_password(personas["station_a"], PASSWORD, "Another-good-pass-1")
    assert services.check_login("station_a", "Another-good-pass-1").user is not None


@pytest.mark.parametrize("weak", ["short", "1234567890123", "password123"])
def test_weak_passwords_are_refused_in_chinese(personas, weak):
    with pytest.raises(DomainError) as err:
        services.set_password(personas["station_a"], weak)
    assert err.value.code == "weak_password"
    assert "密码" in err.value.message


def test_password_page_changes_password(page_as):
    client = page_as("station_a")
    data = {
        "old_password": PASSWORD,
        "new_password": "Brand-new-pass-77",
        "new_password2": "Brand-new-pass-77",
    }
    assert client.post("/accounts/password/", data).status_code == 302
    assert services.check_login("station_a", "Brand-new-pass-77").user is not None


def test_password_page_reports_mismatch_per_field(page_as):
    data = {"old_password": PASSWORD, "new_password": "Brand-new-pass-77", "new_password2": "other"}
    response = page_as("station_a").post("/accounts/password/", data)
    assert "两次输入的新密码不一致" in response.content.decode()
