from django import forms

from fanzha.detect.choices import IndicatorKind

MAX_DESK_TEXT = 20_000


class DeskForm(forms.Form):
    text = forms.CharField(
        label="待检测文本",
        max_length=MAX_DESK_TEXT,
        widget=forms.Textarea(
            attrs={"rows": 8, "autofocus": True, "placeholder": "粘贴短信、聊天记录、通话内容或受害人陈述"}
        ),
        help_text="支持短信、多轮对话、通话转写、邮件和受害人自述。Ctrl+Enter 提交。",
    )


class IndicatorForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=IndicatorKind.choices)
    value = forms.CharField(label="值", max_length=300)
    note = forms.CharField(label="备注", max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV 或 STIX 2.1 JSON 文件", help_text="CSV 表头至少包含 kind,value 两列")
