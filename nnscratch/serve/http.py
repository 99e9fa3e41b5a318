"""The threaded HTTP server that nnscratch's two servers (``serve``, ``playground``) run on: accepting
connections, capping them, shutting down gracefully, in a background thread if wanted.

Each limit is a default here and an argument of ``BackgroundServer``:

- **backlog**: the listen queue holds ``BACKLOG`` (1024, or the system's
  ``SOMAXCONN`` if lower) connections waiting to be accepted, so a burst of
  clients waits its turn instead of being dropped (socketserver's default is 5).
- **connection cap**: at most ``max_connections`` connections (``MAX_CONNECTIONS``,
  256) are served at once, one thread each, idle keep-alive ones included. One
  more is answered at once with 503 and a JSON error, and closed, as gently as a
  lingering close: the accepting thread keeps it, without waiting on it, until
  the client closes or the linger time is up (at most ``MAX_REFUSED_WAITING``
  such at once).
- **grace period**: ``stop()`` stops accepting (connections already queued get
  503), closes idle connections, waits up to ``grace`` seconds (``GRACE``, 5)
  for the requests in flight, then cuts off those still running.

What each connection's thread does with its requests (the total deadline, the
head size, the framing of bodies, the lingering close) is ``connection.py``'s:
the handler is a ``DeadlineHandler``. Text from a request that reaches the log
passes through ``text.printable``.
"""

import json
import math
import socket
import sys
import threading
import time
import traceback
from http.server import ThreadingHTTPServer

from .._checks import is_number, is_whole
from ..text import printable
from .connection import LINGER_SECONDS, TIMEOUT

__all__ = ["BackgroundServer", "check_seconds", "BACKLOG", "MAX_CONNECTIONS", "GRACE"]

#: Connections the system queues for accept(): nginx's and Go's order of size (socketserver's default is 5).
BACKLOG = 1024
#: Connections served at once by default: each holds a thread; one more gets 503.
MAX_CONNECTIONS = 256
#: Seconds stop() waits for the requests in flight by default: under Docker's and systemd's kill delays.
GRACE = 5.0
#: Connections refused with 503 that may wait at once for their client to read the answer.
MAX_REFUSED_WAITING = 256


def check_seconds(value, name, zero_ok=False):
    """Return value if it is a finite number of seconds above 0 (or 0, if zero_ok), else raise ValueError."""
    try:
        ok = is_number(value) and math.isfinite(value) and (value > 0 or zero_ok and value == 0)
    except OverflowError:  # an int too large for a float
        ok = False
    if not ok:
        raise ValueError("%s must be a finite number of seconds %s, got %r"
                         % (name, "of at least 0" if zero_ok else "above 0", value))
    return value


class BackgroundServer(ThreadingHTTPServer):
    """A threaded HTTP server with the limits of the module docstring, that can run in a background
    thread: ``start()``, ``port``, ``url``, ``stop()``.

    ``handler`` should be a ``connection.DeadlineHandler``; ``timeout`` is its
    deadline. ``timeout`` and ``grace`` are seconds (a finite number above 0;
    grace may be 0), ``max_connections`` a whole number above 0: anything else
    raises ValueError. ``log_requests`` prints a line per request on stderr. A
    host with a ":" is IPv6.
    """

    daemon_threads = True  # stop() waits for requests only up to its grace period, then lets the process exit
    block_on_close = False
    # Read by server_activate() when __init__ binds: a class attribute, so that it takes effect. The system
    # caps it too (Linux: net.core.somaxconn).
    request_queue_size = min(BACKLOG, socket.SOMAXCONN)
    _thread = None
    #: How often serve_forever checks for stop() and for refused clients: stop() takes up to this long
    #: to begin (socketserver's default is 0.5 s).
    stop_poll_seconds = 0.05

    def __init__(self, address, handler, *, timeout=TIMEOUT, max_connections=MAX_CONNECTIONS, grace=GRACE,
                 log_requests=False):
        self.timeout_seconds = check_seconds(timeout, "timeout")
        self.grace_seconds = check_seconds(grace, "grace", zero_ok=True)
        if not (is_whole(max_connections) and max_connections >= 1):
            raise ValueError("max_connections must be a whole number of at least 1, got %r" % max_connections)
        self.max_connections = max_connections
        self.log_requests = log_requests
        self.draining = False
        self._lock = threading.Lock()
        self._connections = {}  # handler -> busy? (reading or answering a request, not waiting for one)
        self._active = 0  # connections with a thread, counted from accept() on
        self._refused = []  # (socket, deadline): answered 503, waiting for the client to read it and close
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)

    @property
    def port(self):
        """The port the server is bound to (the one the system picked, for port 0)."""
        return self.server_address[1]

    @property
    def url(self):
        host = self.server_address[0]
        return "http://%s:%d/" % ("[%s]" % host if ":" in host else host, self.port)

    def start(self):
        """Serve in a background thread; return self."""
        self._thread = threading.Thread(target=self.serve_forever,
                                        kwargs={"poll_interval": self.stop_poll_seconds},
                                        name=type(self).__name__, daemon=True)
        self._thread.start()
        return self

    # ----- connections ---------------------------------------------------------------

    def process_request(self, request, client_address):
        """Serve a new connection in a thread of its own, or answer 503 if max_connections are served."""
        with self._lock:
            admitted = self._active < self.max_connections and not self.draining
            if admitted:
                self._active += 1
        if not admitted:
            return self.refuse(request)
        try:
            threading.Thread(target=self.process_request_thread, args=(request, client_address),
                             daemon=self.daemon_threads).start()
        except RuntimeError:  # the system has no thread left to give
            self._release()
            self.refuse(request)
        return None

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release()

    def _release(self):
        with self._lock:
            self._active -= 1

    def refuse(self, request):
        """Answer 503 at once and close once the client has read it (see service_actions)."""
        self.note_refused()
        if self.draining:
            message = "the server is shutting down"
        else:
            message = "the server is busy: it serves %d connections at once; try again" % self.max_connections
        body = json.dumps({"error": message}).encode("utf-8") + b"\n"
        head = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                "Retry-After: 1\r\nConnection: close\r\n\r\n" % len(body)).encode("ascii")
        try:
            request.setblocking(False)  # this is the accepting thread: it must never wait on a client
            request.send(head + body)  # a few hundred bytes: a new connection's empty buffer takes them whole
            request.shutdown(socket.SHUT_WR)
        except OSError:
            request.close()
            return
        # Closing now, with the request unread, would make the system send a reset, which can destroy the
        # answer before the client reads it: keep the socket a moment, reading and dropping what comes.
        self._refused.append((request, time.monotonic() + min(LINGER_SECONDS, self.timeout_seconds)))
        if len(self._refused) > MAX_REFUSED_WAITING:
            self._refused.pop(0)[0].close()

    def note_refused(self):
        """Called for each connection refused with 503 (a server with metrics counts it)."""

    def service_actions(self):
        """Between two accepts (serve_forever calls it): close the refused connections that are done."""
        self._drain_refused()

    def _drain_refused(self, close_all=False):
        now = time.monotonic()
        waiting = []
        for sock, deadline in self._refused:
            if close_all or now >= deadline or _client_done(sock):
                sock.close()
            else:
                waiting.append((sock, deadline))
        self._refused = waiting

    def track(self, handler, busy):
        with self._lock:
            self._connections[handler] = busy

    def untrack(self, handler):
        with self._lock:
            self._connections.pop(handler, None)

    def handle_error(self, request, client_address):
        """A handler's uncaught error: its traceback on stderr, through printable (it may quote a request)."""
        lines = ["error while serving %s:" % (client_address,)] + traceback.format_exc().splitlines()
        sys.stderr.write("".join(printable(line) + "\n" for line in lines))

    # ----- stopping ------------------------------------------------------------------

    def stop(self):
        """Shut down gracefully (the grace period of the module docstring); return how many requests
        were still running when it ended."""
        self.draining = True
        if self._thread is not None:
            self.shutdown()  # stops serve_forever (running in another thread)
            self._thread.join()
        self._refuse_queued()
        self.server_close()
        deadline = time.monotonic() + self.grace_seconds
        while True:
            with self._lock:
                idle = [h for h, busy in self._connections.items() if not busy]
                running = self._active
            for handler in idle:  # wake the threads waiting for a next request on a kept-alive connection
                handler.abort()
            if (running == 0 and not self._refused) or time.monotonic() >= deadline:
                break
            self._drain_refused()
            time.sleep(min(self.stop_poll_seconds, max(0.0, deadline - time.monotonic())))
        with self._lock:
            left = list(self._connections.items())
        for handler, _ in left:
            handler.abort()
        self._drain_refused(close_all=True)
        return sum(busy for _, busy in left)

    def _refuse_queued(self):
        """Answer 503 to the connections the system queued but serve_forever did not accept."""
        try:
            self.socket.setblocking(False)
            for _ in range(self.request_queue_size):
                request, _ = self.socket.accept()
                self.refuse(request)
        except OSError:  # BlockingIOError: the queue is empty
            pass


def _client_done(sock):
    """Read and drop what a refused client sent (without waiting); True once it closed or failed."""
    try:
        for _ in range(16):  # a bounded amount a call, so that one client cannot hold up the accepting
            if not sock.recv(65536):
                return True
        return False
    except BlockingIOError:
        return False
    except OSError:
        return True
