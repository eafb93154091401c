import os

from hypothesis import HealthCheck, settings

# `make test` runs the quick profile; `HYPOTHESIS_PROFILE=thorough` runs many more examples.
settings.register_profile("quick", max_examples=300, deadline=None)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
