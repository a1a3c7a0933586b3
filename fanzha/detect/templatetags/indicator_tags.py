from django import template

from fanzha.detect.choices import IndicatorKind

register = template.Library()
_LABELS = {**dict(IndicatorKind.choices), "amount": "金额", "resident_id": "身份证号"}


@register.filter
def kind_label(kind: str) -> str:
    """Chinese name of an indicator kind ("bank_account" → 银行账号)."""
    return _LABELS.get(kind, kind)
