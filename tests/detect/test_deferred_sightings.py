"""Detection sightings written off the request path, and the batched store lookups."""

import pytest

from fanzha.detect import services
from fanzha.detect.models import Indicator, Sighting
from fanzha.detect.sightings import SightingBuffer

POLICE = "我是公安局的，您涉嫌洗钱，请把钱转到安全账户，联系13912345678"


@pytest.fixture
def deferred(monkeypatch):
    """The detection buffer as production runs it: sightings wait for the writer thread."""
    buffer = SightingBuffer(services.record_sightings_batch, delay_s=3600)
    monkeypatch.setattr(services, "_detections", buffer)
    return buffer


def test_a_fraud_verdict_waits_in_the_buffer_and_lands_on_flush(personas, deferred):
    user = personas.users["station_a"]
    body = services.detect_for(user, POLICE)
    assert body["is_fraud"]
    assert deferred.pending() == 1
    assert not Indicator.objects.filter(value="13912345678").exists()
    assert services.flush_detection_sightings() == 1
    ind = Indicator.objects.get(kind="phone", value="13912345678")
    assert ind.sightings == 1 and ind.owner_unit == user.unit
    assert Sighting.objects.filter(indicator=ind, source_type="detect").count() == 1
    assert deferred.pending() == 0


def test_a_failed_write_keeps_the_sightings_for_the_next_round(personas):
    calls = []

    def flaky(batch):
        calls.append(len(batch))
        if len(calls) == 1:
            raise RuntimeError("database is locked")

    buffer = SightingBuffer(flaky, delay_s=3600)
    buffer.add("a")
    buffer.add("b")
    assert buffer.flush() == 0 and buffer.pending() == 2
    assert buffer.flush() == 2 and calls == [2, 2]


def test_the_writer_thread_flushes_on_its_own(personas):
    import threading

    written = threading.Event()
    buffer = SightingBuffer(lambda batch: written.set(), delay_s=0.05)
    buffer.add("x")
    assert written.wait(5)


def test_zero_delay_writes_inside_the_call():
    seen = []
    buffer = SightingBuffer(seen.extend, delay_s=0)
    buffer.add("now")
    assert seen == ["now"] and buffer.pending() == 0


def test_known_among_answers_many_pairs_in_one_query(personas, django_assert_num_queries):
    services.record_sightings(
        [("phone", "13912345678"), ("url", "http://kd-refund.top/")],
        source_type="test", source_id="1", owner_unit=personas.unit("T-D1-SA"),
    )  # fmt: skip
    stored = set(Indicator.objects.values_list("kind", "value"))
    pairs = [*stored, ("phone", "13800000000"), ("qq", "123456")]
    with django_assert_num_queries(len({k for k, _ in pairs})):
        assert services.known_among(pairs) == stored


def test_allowed_among_keeps_official_numbers_and_domains(db):
    # the allow-list comes from the data migration, read from the database
    pairs = [("phone", "95588"), ("url", "https://www.icbc.com.cn/x"), ("phone", "13912345678")]
    assert services.allowed_among(pairs) == {pairs[0], pairs[1]}
