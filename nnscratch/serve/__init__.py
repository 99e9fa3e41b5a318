"""The HTTP prediction server (``nnscratch serve MODEL``), with Prometheus metrics.

``server.py`` holds the server; ``http.py`` the small helpers it shares with
the playground's server.
"""

from .server import Metrics, ModelServer, make_server, parse_size, serve

__all__ = ["make_server", "Metrics", "ModelServer", "parse_size", "serve"]
