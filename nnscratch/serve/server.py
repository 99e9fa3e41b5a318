"""Serve predictions over HTTP, with Prometheus metrics: article 004 in production.

    python -m nnscratch serve model.json [--host 127.0.0.1] [--port 8000] [--max-body 1MiB] [--max-rows 10000]

Standard library only: ``http.server``'s threaded server (one thread per
connection, keep-alive), and the Prometheus text format written in
``metrics.py``. Routes:

    POST /predict   {"inputs": [[...], ...]} or {"input": [...]}
                    -> {"outputs": [[...], ...], "classes": [...], "model": "name@version"}
                    ("classes" is each row's predicted class; the model's input
                    scaling is applied first)
    GET  /healthz   -> {"status": "ok"}
    GET  /model     -> layer sizes, activations, classes, format version, training metadata
    GET  /metrics   -> Prometheus text format (see ``metrics.py``)

HEAD is answered on each GET route as GET is, without the body, and counted
the same. "Expect: 100-continue" gets "100 Continue" only for a request about
to be read; one refused earlier gets its final answer at once (``connection.py``).

A bad request gets ``{"error": "..."}`` and its status, and the server keeps
serving: 400 malformed JSON or framing (a Content-Length that is not ASCII
digits, two Content-Length headers, even equal ones, as RFC 9112 section 6.3
allows, or a header line that is not "Name: value"), or a body whose JSON
names a key twice in one object (Python's json keeps the last value, other
readers the first: a proxy or firewall that checks the request would see
another one; model files refuse repeated keys too),
404 unknown path, 405 wrong method (any method, known to http.server or not),
408 a request that did not arrive whole in time, 411 no Content-Length (or a
Transfer-Encoding), 413 body or row count over the limit, 415 not JSON, 422 a
bad value, naming its row and column (an integer too large for a float, 1e999,
NaN), or a row whose outputs are not finite numbers (the model's DataError, or
the server's own check: JSON has no NaN), 431 request line and headers too
large, 503 too many connections, 505 HTTP/2 or later (this is HTTP/1.1).

Limits: this module's are a body of at most ``max_body`` bytes (``MAX_BODY``,
1 MiB) and ``max_rows`` rows (``MAX_ROWS``, 10000) a request. Those shared
with the playground are each described once: the backlog, the connection cap
(``max_connections``) and the grace period on stop (``grace``) in ``http.py``;
the total deadline (``timeout``), the head size, the framing and the lingering
close in ``connection.py``.

``make_server(model)`` gives the same server in-process: ``start()`` runs it
in a thread, ``port`` says where, and ``stop()`` shuts it down gracefully.
``serve`` does the same on SIGTERM or Ctrl-C. A ``timeout`` or ``grace`` that
is not a finite number (above 0; grace may be 0) raises ValueError.
"""

import json
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path

from .._checks import check_outputs, is_finite
from .._version import __version__
from ..errors import NNScratchError
from ..files.modelfile import FORMAT_VERSION, to_dict
from ..files.persist import model_classes
from ..files.untrusted import repeated_key
from ..maths.metrics import label_index
from ..text import printable
from .connection import TIMEOUT, DeadlineHandler, RequestError
from .http import GRACE, MAX_CONNECTIONS, BackgroundServer
from .metrics import Metrics

__all__ = ["make_server", "ModelServer", "parse_size", "serve"]

#: Defaults: the largest request body, the most rows in one request. (TIMEOUT is in connection.py,
#: MAX_CONNECTIONS and GRACE in http.py.)
MAX_BODY = 1 << 20
MAX_ROWS = 10000
#: The most digits of a finite float (1.8e308): a JSON integer with more is refused unconverted.
DIGITS_MAX = 309
#: Each path and the methods it answers: HEAD wherever GET is, as RFC 9110 section 9.3.2 asks.
ROUTES = {"/predict": ("POST",), "/healthz": ("GET", "HEAD"), "/model": ("GET", "HEAD"),
          "/metrics": ("GET", "HEAD")}


# ----- requests --------------------------------------------------------------------


class _BigInteger:
    """A JSON integer of more digits than any float has (DIGITS_MAX): kept as its length, never converted.

    Converting a long digit string to an int takes time quadratic in its length (CPython 3.11 caps it at
    4300 digits with a ValueError; older versions do not): a request must not buy that much work.
    """

    def __init__(self, text):
        self.digits = len(text.lstrip("-"))


def _parse_int(text):
    return _BigInteger(text) if len(text.lstrip("-")) > DIGITS_MAX else int(text)


class _RepeatedKey(Exception):
    """An object of a request body names a key (args[0]) twice."""


def _object(pairs):
    """json's object_pairs_hook: a dict, or _RepeatedKey for a key that comes twice (json keeps the last)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _RepeatedKey(repeated_key(pairs))
    return obj


def _parse_body(body):
    """A request body's JSON; RequestError 400 for one that is not JSON, or names a key twice in an object.

    >>> _parse_body(b'{"input": [1], "input": [2]}')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnscratch.serve.connection.RequestError: (400, 'the key "input" appears twice in one object...')
    """
    try:
        return json.loads(body.decode("utf-8"), parse_int=_parse_int, object_pairs_hook=_object)
    except _RepeatedKey as e:
        raise RequestError(400, "the key %s appears twice in one object of the body; name each key once"
                           % _shown(e.args[0])) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise RequestError(400, "the body is not valid JSON: %s" % e) from None


def _shown(value):
    """A value from a request as an error message shows it: JSON, cut short."""
    if isinstance(value, _BigInteger):
        return "an integer of %d digits, too large for a float" % value.digits
    if isinstance(value, int) and not isinstance(value, bool) and not is_finite(value):
        return "an integer too large for a float"
    text = repr(value) if isinstance(value, float) else json.dumps(value, default=lambda v: "...")
    return text if len(text) <= 60 else text[:56] + " ..."


def _as_named_here(message, single):
    """A model's error message with its "rows[i]" named as the request names it ("inputs[i]" or "input").

    >>> _as_named_here("rows[2]: not finite", False), _as_named_here("rows[0]: not finite", True)
    ('inputs[2]: not finite', 'input: not finite')
    """
    match = re.match(r"rows\[(\d+)\]", message)
    if match is None:
        return message
    return ("input" if single else "inputs[%s]" % match.group(1)) + message[match.end():]


def _json_bytes(payload):
    return (json.dumps(payload, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")


class _Handler(DeadlineHandler):
    """One connection: answers requests until the client or the server closes it."""

    protocol_version = "HTTP/1.1"  # keep-alive
    server_version = "nnscratch/" + __version__

    def send_error(self, code, message=None, explain=None):
        """Errors http.server finds itself (a bad request line, a huge header): JSON too, and counted."""
        self.server.metrics.count_request("none", code)
        self.close_connection = True
        self._send(code, _json_bytes({"error": message or self.responses.get(code, ("error",))[0]}),
                   "application/json")

    def _send(self, code, body, content_type, extra_headers=()):
        try:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in extra_headers:
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:  # the client left, or stopped reading (socket.timeout is an OSError)
            self.close_connection = True

    def _dispatch(self):
        path = self.path.split("?", 1)[0]
        route = path if path in ROUTES else "other"
        self.server.metrics.request_started()
        extra = []
        try:
            if route == "other":
                raise RequestError(404, "no such path: %s; try /predict, /healthz, /model or /metrics" % path)
            if self.command not in ROUTES[path]:
                extra = [("Allow", ", ".join(ROUTES[path]))]
                raise RequestError(405, "%s takes %s, not %s" % (path, " or ".join(ROUTES[path]),
                                                                  self.command))
            code, body, content_type = getattr(self, "_route_" + path.strip("/"))()
        except RequestError as e:
            code, message = e.args
            if code in (400, 408, 411, 413, 415):
                self.close_connection = True  # the body may be unread or misframed: never read as a request
            body, content_type = _json_bytes({"error": message}), "application/json"
        except Exception as e:  # a bug: answer 500, keep serving
            code, body, content_type = 500, _json_bytes({"error": "internal error: %s" % type(e).__name__}), \
                "application/json"
            self.close_connection = True
        # Count before answering, so a client that reads /metrics next sees this request in it.
        self.server.metrics.request_finished(route, code)
        self._send(code, body, content_type, extra)

    # Any method, even one http.server does not know: 405 (or 404) and the Allow header, rather than 501.
    # HEAD runs the GET route and _send leaves the body out, so Content-Length is the GET answer's.
    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = unknown_method = _dispatch

    # ----- routes: each returns (status, body bytes, content type) ----------------

    def _route_healthz(self):
        return 200, _json_bytes({"status": "ok"}), "application/json"

    def _route_model(self):
        return 200, _json_bytes(self.server.description), "application/json"

    def _route_metrics(self):
        return 200, self.server.metrics.render().encode("utf-8"), "text/plain; version=0.0.4; charset=utf-8"

    def _route_predict(self):
        server = self.server
        started = time.perf_counter()
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise RequestError(415, "send the rows as JSON, with Content-Type: application/json (got %r)"
                               % (kind or "no Content-Type"))
        request = _parse_body(self.read_body(server.max_body))
        rows, single = self._rows(request)
        try:  # check_outputs again: JSON has no NaN, whatever the model let through
            outputs = check_outputs(server.model.predict(rows))
        except NNScratchError as e:  # the rows are the client's: e.g. Network.predict's DataError naming one
            raise RequestError(422, _as_named_here(str(e), single)) from None
        names = [server.classes[label_index(o)] for o in outputs]
        answer = {"outputs": outputs, "classes": names, "model": server.model_id}
        if single:
            answer["output"], answer["class"] = outputs[0], names[0]
        body = _json_bytes(answer)
        server.metrics.observe_prediction(time.perf_counter() - started, names)
        return 200, body, "application/json"

    def _rows(self, request):
        """The request's rows, checked: (rows, whether it was the one-row form)."""
        if not isinstance(request, dict) or len({"inputs", "input"} & set(request)) != 1:
            raise RequestError(422, 'expected {"inputs": [[...], ...]} or {"input": [...]}')
        single = "input" in request
        rows = [request["input"]] if single else request["inputs"]
        name = "input" if single else "inputs"
        if not isinstance(rows, list) or not rows:
            raise RequestError(422, "%s: expected a non-empty list" % name)
        if len(rows) > self.server.max_rows:
            raise RequestError(413, "%d rows; the limit is %d a request" % (len(rows), self.server.max_rows))
        width = self.server.width
        for i, row in enumerate(rows):
            where = name if single else "%s[%d]" % (name, i)
            if not isinstance(row, list) or len(row) != width:
                raise RequestError(422, "%s: expected a row of %d numbers, got %s" % (
                    where, width, "%d values" % len(row) if isinstance(row, list) else _shown(row)))
            for j, value in enumerate(row):
                if not is_finite(value):  # also refuses an int too large for a float, and a _BigInteger
                    raise RequestError(422, "%s, column %d: expected a finite number, got %s"
                                       % (where, j, _shown(value)))
        return rows, single


# ----- the server -----------------------------------------------------------------


class ModelServer(BackgroundServer):
    """A threaded HTTP server for one model (see the module docstring).

    ``max_connections`` and ``grace`` are those of ``BackgroundServer``;
    ``timeout``, ``grace`` and ``max_connections`` out of range raise ValueError.
    """

    def __init__(self, model, address, name, max_body, max_rows, timeout, access_log, *,
                 max_connections=MAX_CONNECTIONS, grace=GRACE):
        self.model = model
        self.classes = model_classes(model)
        self.width = model.n_inputs
        self.max_body, self.max_rows = max_body, max_rows
        version = (getattr(model, "metadata", {}) or {}).get("date") or "unsaved"
        self.model_id = "%s@%s" % (name, version)
        doc = to_dict(model)
        self.description = {
            "name": name, "version": version, "kind": doc["kind"], "format_version": FORMAT_VERSION,
            "nnscratch_version": __version__, "inputs": self.width, "columns": doc["columns"],
            "classes": self.classes, "training": doc["training"],
        }
        if doc["kind"] == "network":
            self.description.update(sizes=doc["model"]["sizes"], loss=doc["model"]["loss"],
                                    activations=[layer["activation"] for layer in doc["model"]["layers"]])
        self.metrics = Metrics([("name", name), ("version", version), ("kind", doc["kind"]),
                                ("format_version", FORMAT_VERSION), ("nnscratch_version", __version__)])
        super().__init__(address, _Handler, timeout=timeout, max_connections=max_connections, grace=grace,
                         log_requests=access_log)

    def note_refused(self):
        self.metrics.count_request("none", 503)


def make_server(model, host="127.0.0.1", port=0, *, name="model", max_body=MAX_BODY, max_rows=MAX_ROWS,
                timeout=TIMEOUT, access_log=False, max_connections=MAX_CONNECTIONS, grace=GRACE):
    """Return a ModelServer for a model, bound to host and port (0: a free port); call start() to serve.

    A ``timeout`` or ``grace`` that is not a finite number of seconds (above
    0; grace may be 0), or a ``max_connections`` below 1, raises ValueError.
    """
    return ModelServer(model, (host, port), name, max_body, max_rows, timeout, access_log,
                       max_connections=max_connections, grace=grace)


def parse_size(text):
    """A byte count like "1MiB", "512KiB", "2MB" or "1000000".

    >>> parse_size("1MiB"), parse_size("64KiB"), parse_size("2MB"), parse_size("1500")
    (1048576, 65536, 2000000, 1500)
    """
    units = {"": 1, "B": 1, "KB": 1000, "MB": 10 ** 6, "GB": 10 ** 9,
             "KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30}
    text = text.strip()
    digits = len(text) - len(text.lstrip("0123456789"))
    number, unit = text[:digits], text[digits:].strip().upper()
    if not number or unit not in units:
        raise NNScratchError("not a size: %r (try 1MiB, 512KiB or 1000000)" % text)
    return int(number) * units[unit]


def serve(model, model_path, host, port, max_body, max_rows, timeout, access_log, out=sys.stderr, *,
          max_connections=MAX_CONNECTIONS, grace=GRACE):
    """Run the server until SIGTERM or SIGINT, then shut down gracefully; return the exit status.

    Shutting down waits up to ``grace`` seconds for the requests in flight
    (see ``BackgroundServer.stop``). Settings out of range raise ValueError
    before anything is served.
    """
    server = make_server(model, host, port, name=Path(model_path).stem, max_body=max_body, max_rows=max_rows,
                         timeout=timeout, access_log=access_log, max_connections=max_connections,
                         grace=grace)
    stopping = threading.Event()

    def ask_to_stop(signum, frame):
        stopping.set()

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.start()
        # The path, and the model's name and date in model_id, are the file's text: escaped, so that a
        # file cannot retitle or recolour the terminal.
        out.write("serving %s (%s) at %s  [pid %d; Ctrl-C or SIGTERM stops]\n"
                  % (printable(model_path), printable(server.model_id), printable(server.url), os.getpid()))
        out.flush()
        while not stopping.wait(0.5):
            pass
        out.write("stopping: finishing the requests in flight (for up to %g s)\n" % server.grace_seconds)
        out.flush()
        late = server.stop()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if late:
        out.write("cut off %d request%s still running after %g s\n"
                  % (late, "" if late == 1 else "s", server.grace_seconds))
    out.write("stopped\n")
    return 0
