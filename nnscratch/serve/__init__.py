"""The HTTP prediction server (``nnscratch serve MODEL``), with Prometheus metrics.

``server.py`` holds the server; ``http.py`` what it shares with the
playground's server: a threaded server with the limits a server open to a
network needs (listen backlog, connection cap, total request deadline, grace
period on stop, lingering close, strict body framing).
"""

from .server import Metrics, ModelServer, make_server, parse_size, serve

__all__ = ["make_server", "Metrics", "ModelServer", "parse_size", "serve"]
