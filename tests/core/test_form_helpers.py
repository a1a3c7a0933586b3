from datetime import date

from django import forms

from fanzha.core.errors import DomainError
from fanzha.core.forms import apply_errors
from fanzha.core.listing import day_range


class NameForm(forms.Form):
    name = forms.CharField(required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _form():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def test_field_messages_go_next_to_their_fields():
    form = _form()
    apply_errors(form, DomainError("总体说明", fields={"name": "名称重复"}))
    assert form.errors == {"name": ["名称重复"]}


def test_messages_without_a_field_put_the_overall_message_on_top():
    form = _form()
    apply_errors(form, DomainError("总体说明", fields={"name": "名称重复", "unit": "单位不符"}))
    assert form.errors == {"name": ["名称重复"], "__all__": ["总体说明"]}
    bare = _form()
    apply_errors(bare, DomainError("没有字段"))
    assert bare.non_field_errors() == ["没有字段"]


def test_prefixed_keys_find_their_fields_and_hidden_fields_explain_on_top():
    form = _form()
    apply_errors(form, DomainError("总体说明", fields={"payment.name": "名称重复"}), prefix="payment.")
    assert form.errors == {"name": ["名称重复"]}
    stale = _form()
    apply_errors(stale, DomainError("已被他人修改，请刷新", fields={"version": "版本已过期"}))
    assert stale.errors == {"__all__": ["已被他人修改，请刷新"]}


def test_day_range_covers_whole_local_days():
    query = day_range("at", date(2026, 11, 1), date(2026, 11, 2))
    (_, lower), (_, upper) = query.children
    assert lower.isoformat() == "2026-11-01T00:00:00+08:00"
    assert upper.isoformat() == "2026-11-03T00:00:00+08:00"
    assert not day_range("at", None, None)
