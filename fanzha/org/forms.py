from __future__ import annotations

from typing import Any

from django import forms

from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit


class UnitForm(forms.Form):
    code = forms.RegexField(
        label="单位代码",
        max_length=32,
        regex=r"^[A-Za-z0-9_-]+$",
        error_messages={"invalid": "只能包含字母、数字、- 和 _"},
    )
    name = forms.CharField(label="单位名称", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=UnitKind.choices)
    parent = forms.ModelChoiceField(label="上级单位", queryset=OrgUnit.objects.none(), required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args: Any, units: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units if units is not None else OrgUnit.objects.none()  # type: ignore[attr-defined]
        if editing:
            self.fields["code"].disabled = True
            self.fields["kind"].disabled = True
