import pytest


@pytest.fixture
def sent(make_case, personas):
    """A case of station_a with one transfer to bank X, and the stop-payment request for it."""
    from fanzha.freeze import services as freeze

    case = make_case()
    return freeze.request_for_payment(personas["station_a"], case.payments.get())
