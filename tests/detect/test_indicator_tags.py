from django.template import Context, Template


def test_kind_label_names_kinds_in_chinese_and_passes_unknown_ones_through():
    template = Template("{% load indicator_tags %}{{ a|kind_label }}/{{ b|kind_label }}/{{ c|kind_label }}")
    rendered = template.render(Context({"a": "bank_account", "b": "amount", "c": "mystery"}))
    assert rendered == "银行账号/金额/mystery"
