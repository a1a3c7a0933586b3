from datetime import datetime

from ninja import Schema
from pydantic import Field


class LoginIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=256)


class TokenOut(Schema):
    access_token: str
    token_type: str = "bearer"


class UserOut(Schema):
    username: str
    full_name: str
    role: str
    role_name: str
    unit: str | None
    unit_name: str | None
    is_active: bool


class UserIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=256)
    role: str
    unit: str
    full_name: str = Field("", max_length=50)
    phone: str = Field("", max_length=20)


class UserPatch(Schema):
    full_name: str | None = Field(None, max_length=50)
    phone: str | None = Field(None, max_length=20)
    role: str | None = None
    unit: str | None = None
    is_active: bool | None = None


class PasswordIn(Schema):
    old_password: str = Field(max_length=256)
    new_password: str = Field(min_length=1, max_length=256)


class ApiTokenIn(Schema):
    username: str
    name: str = Field(min_length=1, max_length=100)
    expires_at: datetime | None = None


class ApiTokenOut(Schema):
    id: int
    username: str
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiTokenIssued(ApiTokenOut):
    token: str
