from __future__ import annotations

from typing import Any

from django import forms

from fanzha.freeze.choices import FreezeStatus, ShutdownStatus
from fanzha.freeze.services import OnwardHop
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

RESULTS = [
    (s.value, s.label)
    for s in (FreezeStatus.STOPPED, FreezeStatus.FROZEN, FreezeStatus.MOVED_ON, FreezeStatus.FAILED)
]


class AnswerForm(forms.Form):
    result = forms.ChoiceField(label="答复结果", choices=RESULTS)
    amount_yuan = forms.CharField(label="止付/冻结金额（元）", required=False)
    reason = forms.CharField(label="未能止付原因", required=False, max_length=300)
    note = forms.CharField(label="备注", required=False, max_length=500)


class OnwardForm(forms.Form):
    account = forms.CharField(label="转入账号", required=False, max_length=64)
    bank = forms.ModelChoiceField(
        label="转入银行", required=False, queryset=OrgUnit.objects.filter(kind=UnitKind.BANK)
    )
    amount_yuan = forms.CharField(label="金额（元）", required=False)
    account_name = forms.CharField(label="户名", required=False, max_length=50)

    def hop(self) -> OnwardHop | None:
        d: dict[str, Any] = self.cleaned_data
        if not (d.get("account") or d.get("amount_yuan")):
            return None
        bank = d.get("bank")
        return OnwardHop(d["account"], bank.code if bank else "", d["amount_yuan"], d.get("account_name", ""))


OnwardFormSet = forms.formset_factory(OnwardForm, extra=3, max_num=20)


class ReturnForm(forms.Form):
    recovered_yuan = forms.CharField(label="返还受害人金额（元）")


class ShutdownAnswerForm(forms.Form):
    result = forms.ChoiceField(
        label="处理结果",
        choices=[
            (ShutdownStatus.DONE.value, ShutdownStatus.DONE.label),
            (ShutdownStatus.REFUSED.value, ShutdownStatus.REFUSED.label),
        ],
    )
    note = forms.CharField(label="说明", required=False, max_length=500)
