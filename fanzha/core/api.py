"""The /api/v1 root: one NinjaAPI, every domain adds a router, every error has one shape."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from fanzha.accounts.auth import API_AUTH
from fanzha.core.errors import DomainError, error_body


def _fields(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for err in errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path", "payload")]
        key = ".".join(loc) or "_"
        fields.setdefault(key, _translate(err))
    return fields


_MESSAGES = {
    "missing": "必填",
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "datetime_parsing": "时间格式无效，应为 ISO 8601",
    "datetime_from_date_parsing": "时间格式无效，应为 ISO 8601",
    "date_from_datetime_parsing": "日期格式无效，应为 YYYY-MM-DD",
    "string_too_long": "内容过长",
    "string_too_short": "内容过短",
    "too_long": "条目过多",
    "enum": "不是允许的取值",
    "literal_error": "不是允许的取值",
    "json_invalid": "JSON 格式错误",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为列表",
}


def _translate(err: dict[str, Any]) -> str:
    return _MESSAGES.get(str(err.get("type", "")), str(err.get("msg", "取值无效")))


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="fanzha 反诈平台 API",
        version="1",
        description="供银行、运营商、平台等合作系统调用的接口。认证：Authorization: Bearer <令牌>。",
        auth=API_AUTH,
        urls_namespace="api",
    )
    _install_handlers(api)
    return api


def _install_handlers(api: NinjaAPI) -> None:
    def respond(
        request: HttpRequest, status: int, code: str, message: str, fields: Any = None
    ) -> HttpResponse:
        return api.create_response(request, error_body(code, message, fields), status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return respond(request, exc.status, exc.code, exc.message, exc.fields)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = _fields(list(exc.errors))
        if any(e.get("type") == "json_invalid" for e in exc.errors):
            return respond(request, 400, "bad_json", "请求体不是有效的 JSON", fields)
        return respond(request, 422, "invalid", "请求数据校验失败", fields)

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, "unauthorized", "未登录或令牌无效")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and "parse" in str(exc).lower():
            return respond(request, 400, "bad_json", "请求体不是有效的 JSON")
        return respond(request, exc.status_code, "http_error", str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, "not_found", "记录不存在或您无权查看")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, "forbidden", "您无权执行此操作")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413, "too_large", "请求体过大")
