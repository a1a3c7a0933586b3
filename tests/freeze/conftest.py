from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.cases import services
from fanzha.cases.testing import case_input


@pytest.fixture
def make_case(personas):
    """Creates a case through the service as `who` (a station_a victim by default)."""

    def make(who="station_a", **kw):
        return services.create_case(personas[who], case_input(**kw))

    return make


@pytest.fixture
def earlier():
    return timezone.now() - timedelta(days=1)


@pytest.fixture
def sent(make_case, personas):
    """A case of station_a with one transfer to bank X, and the stop-payment request for it."""
    from fanzha.freeze import services as freeze

    case = make_case()
    return freeze.request_for_payment(personas["station_a"], case.payments.get())
