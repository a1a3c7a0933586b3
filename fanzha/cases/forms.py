"""Case pages' forms. Fields stay plain text so the domain validation speaks (in Chinese, per field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from fanzha.cases.choices import ContactChannel, Education, PaymentChannel
from fanzha.cases.validation import CaseInput, PaymentInput, VictimInput
from fanzha.core.errors import DomainError
from fanzha.detect import services as detect
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _blank(choices: Any, label: str = "请选择") -> list[tuple[str, str]]:
    return [("", label), *[(str(v), str(n)) for v, n in choices]]


def _text(label: str, **kw: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, **kw)


class CaseForm(forms.Form):
    reported_at = _text("报案时间", widget=DATETIME, help_text="留空为当前时间")
    incident_at = _text("案发时间", widget=DATETIME)
    victim_name = _text("受害人姓名", max_length=50)
    victim_id_number = _text("身份证号", max_length=30, help_text="18位，自动校验并识别性别、年龄")
    victim_phone = _text("手机号", max_length=30)
    victim_occupation = _text("职业", max_length=30)
    victim_education = forms.ChoiceField(label="文化程度", required=False, choices=_blank(Education.choices))
    victim_community = forms.ModelChoiceField(
        label="居住社区/村", required=False, queryset=OrgUnit.objects.none()
    )
    contact_channel = forms.ChoiceField(
        label="接触渠道", required=False, choices=_blank(ContactChannel.choices)
    )
    narrative = _text("简要案情", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    fraud_type = forms.ChoiceField(
        label="诈骗类型", required=False, help_text="系统会根据案情给出建议，请民警确认"
    )
    loss_yuan = _text("损失金额（元）", help_text="留空则按转账合计")
    reporter_name = _text("报案人（非受害人本人时）", max_length=50)
    reporter_phone = _text("报案人电话", max_length=30)
    source_ref = _text("来源案件编号", max_length=64, help_text="如 110 接警单号；用于重复导入时识别同一案件")

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        communities = OrgUnit.objects.visible_to(user).filter(kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE])
        self.fields["victim_community"].queryset = communities  # type: ignore[attr-defined]
        self.fields["fraud_type"].choices = _blank(detect.fraud_type_choices(), "待定")  # type: ignore[attr-defined]
        self.fields["narrative"].widget.attrs.update(
            {
                "hx-post": reverse("cases:suggest"),
                "hx-trigger": "input changed delay:600ms, blur",
                "hx-target": "#suggestion",
            }
        )


class PaymentForm(forms.Form):
    paid_at = _text("转账时间", widget=DATETIME)
    amount_yuan = _text("金额（元）")
    channel = forms.ChoiceField(label="支付方式", required=False, choices=_blank(PaymentChannel.choices))
    from_account = _text("付款账号", max_length=64)
    to_account = _text("收款账号", max_length=64)
    to_name = _text("收款户名", max_length=50)
    to_bank = forms.ModelChoiceField(
        label="收款银行",
        required=False,
        queryset=OrgUnit.objects.filter(kind=UnitKind.BANK),
        empty_label="按卡号识别",
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(k) for k in ("paid_at", "amount_yuan", "to_account", "from_account"))

    def to_input(self) -> PaymentInput:
        d = self.cleaned_data
        bank = d.get("to_bank")
        return PaymentInput(
            paid_at=d["paid_at"],
            amount_yuan=d["amount_yuan"],
            channel=d["channel"],
            to_account=d["to_account"],
            from_account=d["from_account"],
            to_name=d["to_name"],
            to_bank=bank.code if bank else "",
        )


PaymentFormSet = forms.formset_factory(PaymentForm, extra=3, max_num=50)


class AddPaymentForm(PaymentForm):
    """One more payment on a registered case (the victim remembers another transfer)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def case_input(form: CaseForm, payments: Any) -> tuple[CaseInput, list[int]]:
    """The domain input, plus which formset row each payment came from (for mapping errors back)."""
    d = form.cleaned_data
    community = d.get("victim_community")
    victim = VictimInput(
        name=d["victim_name"],
        id_number=d["victim_id_number"],
        community=community.code if community else "",
        phone=d["victim_phone"],
        occupation=d["victim_occupation"],
        education=d["victim_education"],
    )
    rows = [i for i, f in enumerate(payments.forms) if not f.is_blank()]
    data = CaseInput(
        narrative=d["narrative"],
        incident_at=d["incident_at"],
        reported_at=d["reported_at"] or None,
        contact_channel=d["contact_channel"],
        victim=victim,
        payments=[payments.forms[i].to_input() for i in rows],
        fraud_type=d["fraud_type"],
        loss_yuan=d["loss_yuan"] or None,
        reporter_name=d["reporter_name"],
        reporter_phone=d["reporter_phone"],
        source_ref=d["source_ref"],
    )
    return data, rows


def attach_errors(
    exc: DomainError, form: forms.Form, payments: Any = None, rows: list[int] | None = None
) -> None:
    """Puts the domain's per-field messages next to the fields they are about."""
    for key, message in exc.fields.items():
        parts = key.split(".")
        if parts[0] == "payments" and payments is not None and rows and len(parts) == 3:
            target = payments.forms[rows[int(parts[1])]]
            target.add_error(parts[2] if parts[2] in target.fields else None, message)
            continue
        name = key.replace(".", "_")
        if name in form.fields and not form.fields[name].widget.is_hidden:
            form.add_error(name, message)
        else:
            form.add_error(None, exc.message if name == "version" else message)
    if not exc.fields:
        form.add_error(None, exc.message)


class CaseEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    incident_at = _text("案发时间", widget=DATETIME)
    reported_at = _text("报案时间", widget=DATETIME)
    contact_channel = forms.ChoiceField(
        label="接触渠道", required=False, choices=_blank(ContactChannel.choices)
    )
    fraud_type = forms.ChoiceField(label="诈骗类型", required=False)
    loss_yuan = _text("损失金额（元）")
    narrative = _text("简要案情", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    reporter_name = _text("报案人（非受害人本人时）", max_length=50)
    reporter_phone = _text("报案人电话", max_length=30)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fraud_type"].choices = _blank(detect.fraud_type_choices(), "待定")  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="变更为")
    note = forms.CharField(label="说明", required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
    mode = forms.ChoiceField(
        label="有错误行时",
        choices=[("all", "全部不导入（先修改文件）"), ("valid", "只导入正确的行")],
        initial="all",
        widget=forms.RadioSelect,
    )
