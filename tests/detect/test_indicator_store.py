from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.core.errors import DomainError
from fanzha.detect import services
from fanzha.detect.models import Indicator, Sighting


def test_sightings_upsert_and_do_not_double_count_the_same_source(personas):
    unit = personas.unit("T-D1-SA")
    items = [("phone", "+86 139-1234-5678"), ("url", "hxxp://evil-pay[.]top/x")]
    services.record_sightings(
        items, source_type="case", source_id="7", owner_unit=unit, fraud_type="brush_order"
    )
    services.record_sightings(items, source_type="case", source_id="7", owner_unit=unit)
    services.record_sightings(items[:1], source_type="clue", source_id="3", owner_unit=unit)
    phone = Indicator.objects.get(kind="phone")
    assert phone.value == "13912345678"
    assert phone.sightings == 2
    assert phone.fraud_types == ["brush_order"]
    assert Indicator.objects.get(kind="url").value.startswith("http://evil-pay.top")


def test_allowlisted_and_invalid_values_are_not_stored(personas):
    services.record_sightings(
        [("phone", "95588"), ("domain", "www.icbc.com.cn"), ("domain", "a.mps.gov.cn"), ("phone", "123")],
        source_type="case", source_id="1", owner_unit=personas.unit("T-D1-SA"),
    )  # fmt: skip
    assert Indicator.objects.count() == 0


def test_related_sources_respect_scope(personas):
    a, b = personas.unit("T-D1-SA"), personas.unit("T-D1-SB")
    services.record_sightings([("phone", "13912345678")], source_type="case", source_id="1", owner_unit=a)
    services.record_sightings([("phone", "13912345678")], source_type="case", source_id="2", owner_unit=b)
    items = [("phone", "13912345678")]
    by_district = services.related_sources(items, user=personas["district"], exclude=("case", "1"))
    assert [(r.source_type, r.source_id) for r in by_district] == [("case", "2")]
    assert services.related_sources(items, user=personas["station_a"], exclude=("case", "1")) == []
    assert services.related_sources(items, user=personas["outsider"]) == []


def test_confidence_decays_with_time_since_last_sighting(personas):
    services.record_sightings([("phone", "13912345678")], source_type="case", source_id="1", owner_unit=None)
    ind = Indicator.objects.get()
    now = ind.last_seen
    fresh, month, late = (ind.confidence(now + timedelta(days=d)) for d in (0, 30, 200))
    assert fresh == pytest.approx(0.8)
    assert 0 < month < fresh
    assert late == 0.0


def test_lookup_reports_invalid_allowed_known_and_unknown(personas):
    services.record_sightings([("phone", "13912345678")], source_type="case", source_id="1", owner_unit=None)
    results = services.lookup(
        [("phone", "139 1234 5678"), ("phone", "110"), ("phone", "abc"), ("qq", "123456")]
    )
    assert [(r.valid, r.known, r.allowed) for r in results] == [
        (True, True, False), (True, False, True), (False, False, False), (True, False, False),
    ]  # fmt: skip
    assert results[2].error


def test_create_refuses_allowlisted_and_duplicates(personas):
    with pytest.raises(DomainError, match="白名单"):
        services.create_indicator(kind="phone", value="96110", owner_unit=None)
    services.create_indicator(kind="qq", value="12345678", owner_unit=None)
    with pytest.raises(DomainError, match="已存在"):
        services.create_indicator(kind="qq", value="12345678", owner_unit=None)


def test_sighting_scope_uses_the_owner_unit(personas):
    services.record_sightings(
        [("qq", "12345678")], source_type="case", source_id="1", owner_unit=personas.unit("T-D1-SA")
    )
    assert Sighting.objects.visible_to(personas["station_b"]).count() == 0
    assert Sighting.objects.visible_to(personas["district"]).count() == 1
    assert timezone.now() - Sighting.objects.get().seen_at < timedelta(minutes=1)


def test_a_batch_counts_each_source_once_and_matches_one_by_one_recording(personas):
    unit = personas.unit("T-D1-SA")
    batch = [
        services.Seen([("phone", "13912345678"), ("phone", "95588")], "case", "1", unit, "brush_order"),
        services.Seen([("phone", "139 1234 5678"), ("qq", "12345678")], "case", "2", unit, "investment"),
        services.Seen([("phone", "13912345678")], "case", "1", unit),
    ]
    services.record_sightings_batch(batch)
    services.record_sightings_batch(batch)
    phone = Indicator.objects.get(kind="phone")
    assert phone.sightings == 2
    assert sorted(phone.fraud_types) == ["brush_order", "investment"]
    assert Indicator.objects.get(kind="qq").sightings == 1
    assert not Indicator.objects.filter(value="95588").exists()
    assert Sighting.objects.count() == 3


@pytest.mark.parametrize(
    ("is_fraud", "score", "type_p", "expected"),
    [
        (True, 0.9, 0.3, "investment"),  # flagged: the detected type
        (False, 0.35, 0.3, "impersonate_police"),  # under the threshold, over LIKELY_FLOOR
        (False, 0.05, 0.85, "impersonate_police"),  # a low score, but plainly one type
        (False, 0.05, 0.45, "impersonate_police"),  # at LIKELY_TYPE_FLOOR and over
        (False, 0.05, 0.35, ""),  # a vague text: nothing to offer
        (False, 0.05, 0.3, ""),
    ],
)
def test_a_case_narrative_is_suggested_the_type_intake_would_offer(is_fraud, score, type_p, expected):
    from fanzha.detect.engine import Detection

    code = "investment" if is_fraud else None
    det = Detection(
        is_fraud, score, code, None, 0.8, likely_type="impersonate_police", likely_probability=type_p
    )
    assert services.case_type(det) == expected
