from datetime import timedelta

from django.utils import timezone

from fanzha.accounts import services
from fanzha.accounts.models import ApiToken
from fanzha.core.testing import PASSWORD, expect_matrix


def test_only_the_hash_of_a_token_is_stored(personas):
    token, secret = services.issue_token(personas["bank_x"], name="核心系统")
    assert secret.startswith("fz_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.key_hash, stored.prefix)
    assert services.user_for_token(secret) == personas["bank_x"]


def test_revoked_and_expired_tokens_are_refused(personas):
    _, revoked = services.issue_token(personas["bank_x"], name="a")
    services.revoke_token(ApiToken.objects.get(name="a"))
    _, expired = services.issue_token(personas["bank_x"], name="b", expires_at=timezone.now() - timedelta(1))
    assert services.user_for_token(revoked) is None
    assert services.user_for_token(expired) is None
    assert services.user_for_token("fz_garbage") is None


def test_api_login_returns_a_bearer_token(personas, client):
    response = client.post(
        "/api/v1/auth/login", {"username": "station_a", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["unit"] == "T-D1-SA"


def test_api_login_refuses_bad_credentials_in_the_error_shape(personas, client):
    response = client.post(
        "/api/v1/auth/login", {"username": "station_a", "password": "bad"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "bad_credentials", "message": "用户名或密码错误", "fields": {}}
    }


def test_token_issue_is_for_admins_only(api_as):
    def check(name):
        return api_as(name).post("/api/v1/tokens", json={"username": "bank_x", "name": "对接"}).status_code

    expect_matrix(
        check,
        {
            "station_a": 403,
            "station_b": 403,
            "district": 403,
            "city_admin": 201,
            "bank_x": 403,
            "carrier": 403,
            "outsider": 403,
        },
    )


def test_issued_token_is_shown_once_and_can_be_revoked_by_api(api_as):
    admin = api_as("city_admin")
    issued = admin.post("/api/v1/tokens", json={"username": "bank_x", "name": "对接"}).json()
    assert issued["token"].startswith("fz_")
    listed = admin.get("/api/v1/tokens").json()["items"]
    assert all("token" not in item for item in listed)
    assert admin.delete(f"/api/v1/tokens/{issued['id']}").status_code == 204
    assert services.user_for_token(issued["token"]) is None


def test_a_checked_token_is_trusted_for_a_few_seconds_without_a_query(
    personas, settings, django_assert_num_queries
):
    settings.API_TOKEN_CACHE_SECONDS = 5
    services.forget_checked_tokens()
    token, secret = services.issue_token(personas["bank_x"], name="核心系统")
    first = services.user_for_token(secret)
    with django_assert_num_queries(0):
        again = services.user_for_token(secret)
    assert again == first == personas["bank_x"] and again is not first
    services.revoke_token(token)  # revoking here is seen at once
    assert services.user_for_token(secret) is None
    _, other = services.issue_token(personas["bank_x"], name="另一个")
    assert services.user_for_token(other) is not None
    services.update_user(personas["bank_x"], is_active=False)  # so is deactivating the user
    assert services.user_for_token(other) is None
    services.forget_checked_tokens()


def test_a_cached_check_never_outlives_the_token(
    personas, settings, monkeypatch, django_assert_max_num_queries
):
    settings.API_TOKEN_CACHE_SECONDS = 60
    services.forget_checked_tokens()
    _, secret = services.issue_token(
        personas["bank_x"], name="短期", expires_at=timezone.now() + timedelta(seconds=2)
    )
    assert services.user_for_token(secret) is not None
    later = services.time.monotonic() + 3
    monkeypatch.setattr(services.time, "monotonic", lambda: later)
    with django_assert_max_num_queries(3) as ctx:
        services.user_for_token(secret)
    assert ctx.captured_queries, "the expired cache entry must send the check back to the database"
    services.forget_checked_tokens()
