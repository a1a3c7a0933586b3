from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fanzha.accounts import services
from fanzha.accounts.models import ApiToken
from fanzha.core.context import acting_as
from fanzha.core.errors import DomainError


class Command(BaseCommand):
    help = "接口令牌：token issue --username U（令牌单独一行输出到 stdout） | token revoke --prefix P"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="签发令牌")
        issue.add_argument("--username", required=True)
        issue.add_argument("--name", default="命令行签发")
        issue.add_argument("--days", type=int, default=0, help="有效天数，0 表示不过期")
        revoke = sub.add_parser("revoke", help="吊销令牌")
        revoke.add_argument("--prefix", required=True, help="令牌前缀（fz_ 之后的 8 位）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with acting_as(channel="cli"):
                if options["action"] == "issue":
                    self._issue(options)
                else:
                    self._revoke(options["prefix"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _issue(self, options: dict[str, Any]) -> None:
        user = services.get_user(options["username"])
        expires = timezone.now() + timedelta(days=options["days"]) if options["days"] > 0 else None
        _, secret = services.issue_token(user, name=options["name"], expires_at=expires)
        self.stdout.write(secret)

    def _revoke(self, prefix: str) -> None:
        token = ApiToken.objects.select_related("user").filter(prefix=prefix.removeprefix("fz_")).first()
        if token is None:
            raise CommandError(f"没有前缀为 {prefix} 的令牌")
        services.revoke_token(token)
        self.stderr.write(f"已吊销 {token.user.username} 的令牌 {token.name}")
