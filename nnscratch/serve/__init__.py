"""The HTTP prediction server (``nnscratch serve MODEL``), with Prometheus metrics.

``server.py`` holds the server's routes and model, ``metrics.py`` its
Prometheus metrics. What it shares with the playground's server:
``http.py``, the threaded server (listen backlog, connection cap, grace period
on stop), and ``connection.py``, one connection's requests (total request
deadline, head size, strict body framing, lingering close).
"""

from .metrics import Metrics
from .server import ModelServer, make_server, parse_size, serve

__all__ = ["make_server", "Metrics", "ModelServer", "parse_size", "serve"]
