from django.db import models


class AuditAction(models.TextChoices):
    CREATE = "create", "新增"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出"
    LOCKED = "locked", "账号锁定"
    PASSWORD = "password", "修改密码"
    TOKEN_ISSUE = "token_issue", "签发令牌"
    TOKEN_REVOKE = "token_revoke", "吊销令牌"
    EXPORT = "export", "导出"
    IMPORT = "import", "导入"
    VIEW = "view", "查看敏感信息"
