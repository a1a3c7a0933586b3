import io
import json

from fanzha.detect import exchange, services
from fanzha.detect.models import Indicator


def _seed():
    for kind, value in (
        ("phone", "13912345678"),
        ("url", "http://evil.top/a'b"),
        ("bank_account", "6222021234567890128"),
    ):
        services.create_indicator(kind=kind, value=value, owner_unit=None, fraud_types=["brush_order"])


def test_stix_round_trip_keeps_kinds_and_values(db):
    _seed()
    bundle = exchange.to_stix(Indicator.objects.all())
    assert bundle["type"] == "bundle"
    assert all(o["spec_version"] == "2.1" and o["pattern_type"] == "stix" for o in bundle["objects"])
    parsed = {(r.kind, r.value) for r in exchange.from_stix(json.dumps(bundle))}
    assert parsed == set(Indicator.objects.values_list("kind", "value"))


def test_csv_round_trip_and_reimport_does_not_duplicate(db):
    _seed()
    text = "".join(exchange.to_csv(Indicator.objects.all()))
    summary = services.import_indicators(exchange.from_csv(text), owner_unit=None)
    assert (summary.created, summary.updated) == (0, 3)
    assert Indicator.objects.count() == 3


def test_import_reports_bad_rows_and_keeps_the_good_ones(db):
    text = "kind,value\nphone,13912345678\nphone,not-a-number\nspaceship,x\nphone,95588\n"
    summary = services.import_indicators(exchange.from_csv(text), owner_unit=None)
    assert summary.created == 1
    assert summary.skipped_allowlisted == 1
    assert [n for n, _ in summary.errors] == [2, 3]


def test_import_file_rejects_non_utf8(db):
    class Upload(io.BytesIO):
        size = 10

    import pytest

    from fanzha.core.errors import DomainError

    with pytest.raises(DomainError, match="UTF-8"):
        services.import_file(Upload(b"\xff\xfe\x00bad"), owner_unit=None)
