from tests.tasks.conftest import today  # noqa: F401  (the frozen clock)
