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
