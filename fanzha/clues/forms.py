from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from fanzha.clues.choices import ClueSource, FeedbackResult, Priority
from fanzha.clues.deadlines import Policy
from fanzha.detect import services as detect


class ClueForm(forms.Form):
    source = forms.ChoiceField(label="来源", choices=ClueSource.choices)
    source_ref = forms.CharField(
        label="来源编号",
        max_length=64,
        required=False,
        help_text="上级或合作单位的线索编号；同一来源不能重复",
    )
    title = forms.CharField(label="标题", max_length=200)
    content = forms.CharField(label="线索内容", widget=forms.Textarea(attrs={"rows": 6}))
    priority = forms.ChoiceField(label="紧急程度", choices=Priority.choices, initial=Priority.NORMAL)
    fraud_type = forms.ChoiceField(label="诈骗类型", required=False, help_text="留空则根据内容自动识别")
    indicators = forms.CharField(
        label="涉案标识",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "电话号码:13800138000\n银行账号:6222…"}),
        help_text="每行一条，格式“类型:值”；新建时留空则从内容自动提取",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "（自动识别）"), *detect.fraud_type_choices()]
        self.fields["fraud_type"].choices = choices  # type: ignore[attr-defined]


class DispatchForm(forms.Form):
    # Free text behind a select, so a unit outside the tree gets the service's clear refusal.
    to_unit = forms.CharField(label="下发至", max_length=32, widget=forms.Select)
    note = forms.CharField(label="下发要求", max_length=500, required=False)

    def __init__(self, *args: Any, targets: Sequence[Any] = (), holder: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(u.code, "本单位自办" if u == holder else u.name) for u in targets]
        self.fields["to_unit"].widget.choices = [("", "请选择单位"), *choices]


class AssessForm(forms.Form):
    text = forms.CharField(label="研判意见", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(forms.Form):
    result = forms.ChoiceField(label="反馈结果", choices=[("", "请选择"), *FeedbackResult.choices])
    text = forms.CharField(label="反馈内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class StepForm(forms.Form):
    """A step without fields (acknowledge, close): only carries the refusal message."""


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
    mode = forms.ChoiceField(
        label="有错误行时",
        choices=[("all", "全部不导入（先修正文件）"), ("valid", "只导入正确的行")],
        initial="all",
        widget=forms.RadioSelect,
    )


POLICY_FIELDS = (
    ("dispatch_minutes", "签收时限", 1),
    ("assess_minutes", "研判时限", 1),
    ("feedback_minutes", "反馈时限", 1),
    ("warn_percent", "预警比例", 0),
    ("warn_minutes", "提前预警", 0),
)


class DeadlineForm(forms.Form):
    """One row of minutes per level × priority; field names are `<level>.<priority>.<field>`."""

    def __init__(self, *args: Any, table: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.table = list(table)
        for row in self.table:
            for name, label, low in POLICY_FIELDS:
                key = f"{row.level}.{row.priority}.{name}"
                self.fields[key] = forms.IntegerField(
                    label=label,
                    min_value=low,
                    max_value=100 if name == "warn_percent" else 60 * 24 * 30,
                    required=name != "warn_minutes",
                    initial=getattr(row.policy, name),
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "style": "width:7em"}),
                )

    def rows(self) -> list[tuple[Any, list[Any]]]:
        """(table row, its bound fields in POLICY_FIELDS order) for the template."""
        return [
            (row, [self[f"{row.level}.{row.priority}.{name}"] for name, _, _ in POLICY_FIELDS])
            for row in self.table
        ]

    def policies(self) -> dict[tuple[str, str], Policy]:
        data = self.cleaned_data
        return {
            (row.level, row.priority): Policy(
                **{name: data[f"{row.level}.{row.priority}.{name}"] for name, _, _ in POLICY_FIELDS}
            )
            for row in self.table
        }
