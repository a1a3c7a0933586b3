from __future__ import annotations

from typing import Any

from django import forms

from fanzha.accounts.choices import Role
from fanzha.org.models import OrgUnit


class LoginForm(forms.Form):
    username = forms.CharField(
        label="用户名", max_length=150, widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(label="密码", max_length=256, widget=forms.PasswordInput)


class PasswordForm(forms.Form):
    old_password = forms.CharField(label="原密码", widget=forms.PasswordInput, max_length=256)
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput, max_length=256)
    new_password2 = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput, max_length=256)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", "两次输入的新密码不一致")
        return data


class UserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    unit = forms.ModelChoiceField(label="所属单位", queryset=OrgUnit.objects.none())
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        max_length=256,
        required=False,
        help_text="新建用户时必填",
    )
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args: Any, units: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()  # type: ignore[attr-defined]
        if editing:
            self.fields["username"].disabled = True
            del self.fields["password"]


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100, help_text="例如：某银行核心系统对接")
    expires_at = forms.DateTimeField(
        label="过期时间", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
