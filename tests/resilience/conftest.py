import pytest

from tests.resilience.procs import RedisServer


@pytest.fixture
def redis_server():
    """A redis-server of the test's own on a free port (the shared one is never touched)."""
    server = RedisServer()
    server.start()
    yield server
    server.stop()
