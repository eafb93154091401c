import os

import pytest
from hypothesis import HealthCheck, settings

from actlib.activations import _REGISTRY

# `make test` runs the quick profile; `HYPOTHESIS_PROFILE=thorough` (`make test-thorough`, in CI) runs
# about eight times more examples: 2,500, because 10,000 took 20 minutes on a 2-core machine, almost half
# of CI's time budget.
settings.register_profile("quick", max_examples=300, deadline=None)
settings.register_profile(
    "thorough", max_examples=2_500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture
def registry():
    """Remove activations a test registers, so other tests see only the built-in ones."""
    before = dict(_REGISTRY)
    yield
    _REGISTRY.clear()
    _REGISTRY.update(before)
