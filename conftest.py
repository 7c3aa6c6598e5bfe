"""Suite-wide fixtures."""

import pytest


class RateLimitClock:
    """django-ratelimit's clock, held still: windows are aligned to the wall clock, so a window ending
    mid-test would otherwise reset the counts. Tests move it on purpose with `advance`."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def ratelimit_clock(monkeypatch):
    import django_ratelimit.core

    # A fixed instant; every window (per second, minute, hour, day) holds it for the whole test.
    clock = RateLimitClock(1_900_000_000.0)
    monkeypatch.setattr(django_ratelimit.core, "time", clock)
    return clock
