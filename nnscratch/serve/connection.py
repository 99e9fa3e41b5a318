"""One connection of nnscratch's HTTP servers: each request read whole within a deadline, and the
connection closed politely.

``DeadlineHandler`` is the request handler of ``http.BackgroundServer`` (the
server: accepting, capping, shutting down). Each limit of a connection is a
default here:

- **total deadline**: a request's line, headers and body must all arrive within
  the server's ``timeout`` (``TIMEOUT``, 10 s) of its first byte, however
  slowly they trickle in; a client that is late gets 408 and the connection is
  closed. A keep-alive connection idle that long is closed; an answer's write
  must finish within it too.
- **head size**: the request line and headers together may take ``MAX_HEAD``
  bytes (64 KiB, to within one read); more gets 431.
- **framing**: a request body is read only by its Content-Length (exactly one
  header, ASCII digits); a Transfer-Encoding is refused (411), and a header line
  that is not "Name: value" gets 400. An answer that leaves a body unread
  closes the connection, so the body is never read as a next request.
- **Expect: 100-continue**: "100 Continue" goes out only when the body is
  about to be read, its length checked (``read_body``); a request refused
  before (wrong path, method or content type, no or bad length, a body over
  the limit) gets its final answer at once, so the client never uploads a
  body the server will not read.
- **lingering close**: when the server closes a connection (after an error,
  a 413 with the body unread, "Connection: close", a stop), it shuts its side
  first, so the client sees the answer end, then reads and drops what the
  client still sends, until it closes, for at most ``LINGER_BYTES`` (4 MiB) and
  ``LINGER_SECONDS`` (2 s, or ``timeout`` if shorter). Closing at once, with
  bytes unread, makes the system send a reset, and a client still sending
  (``http.client``, ``requests``) then reports a broken pipe, not the answer.
  nginx's ``lingering_close`` and Go's net/http do the same.

Text from a request that reaches the log passes through ``text.printable``.
"""

import io
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler

from ..text import printable

__all__ = ["DeadlineHandler", "RequestError", "declared_length", "TIMEOUT", "MAX_HEAD", "LINGER_BYTES",
           "LINGER_SECONDS"]

#: Seconds a request may take to arrive whole (from its first byte), by default.
TIMEOUT = 10.0
#: Bytes of request line and headers together (nginx's default buffers hold 32 KiB).
MAX_HEAD = 64 * 1024
#: The most a lingering close reads and drops, in bytes and seconds.
LINGER_BYTES = 4 << 20
LINGER_SECONDS = 2.0


class RequestError(Exception):
    """(status, message): a request the server refuses, answered as {"error": message}."""


class _HeadTooLarge(Exception):
    """The request line and headers went over MAX_HEAD bytes."""


def declared_length(headers):
    """Return the body length a request's Content-Length header gives, or None without one.

    Valid is exactly one header of ASCII digits. Anything else raises
    ValueError: a sign, a digit such as "²" that ``str.isdigit`` accepts, a
    list "5, 5", and two headers, even equal ones (nginx refuses those too). A
    proxy in front may read such framing otherwise than we do, which is how
    requests are smuggled (RFC 9112, section 6.3: answer 400 and close).

    >>> from http.client import parse_headers
    >>> from io import BytesIO
    >>> declared_length(parse_headers(BytesIO(b"Content-Length: 12\\r\\n\\r\\n")))
    12
    >>> declared_length(parse_headers(BytesIO(b"Content-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n")))
    Traceback (most recent call last):
    ...
    ValueError: 2 Content-Length headers: send one
    """
    values = headers.get_all("Content-Length") or []
    if not values:
        return None
    if len(values) > 1:
        raise ValueError("%d Content-Length headers: send one" % len(values))
    text = values[0].strip(" \t")
    if not (text.isdigit() and text.isascii()):
        raise ValueError("Content-Length must be a number of bytes in ASCII digits, got %r" % values[0][:40])
    text = text.lstrip("0") or "0"
    return int(text) if len(text) <= 18 else 10 ** 18  # 18 digits: more than any limit; int() stays cheap


class _DeadlineReader(io.RawIOBase):
    """The connection's bytes, read against a deadline (time.monotonic) and, for the head, a byte budget."""

    def __init__(self, sock):
        super().__init__()
        self.sock = sock
        self.deadline = 0.0
        self.budget = None  # bytes left for the request line and headers; None once they are read
        self.eof = self.timed_out = False

    def start(self, seconds, budget):
        """Give what is read from now on `seconds` in all, and the head `budget` bytes (None: no limit)."""
        self.deadline = time.monotonic() + seconds
        self.budget = budget
        self.eof = self.timed_out = False

    def readable(self):
        return True

    def readinto(self, buffer):
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.timed_out = True
            raise socket.timeout("timed out")
        # The socket's timeout is per call: setting it to what is left before each read makes a total.
        self.sock.settimeout(left)
        try:
            n = self.sock.recv_into(buffer)
        except socket.timeout:
            self.timed_out = True
            raise
        if n == 0:
            self.eof = True
        if self.budget is not None:
            self.budget -= n
            if self.budget < 0:
                raise _HeadTooLarge()
        return n


class DeadlineHandler(BaseHTTPRequestHandler):
    """One connection, each request read against the total deadline (see the module docstring).

    Subclasses write ``do_GET`` and the like as usual and read a body with
    ``read_body(limit)``; ``unknown_method`` answers a method without a
    ``do_`` method (501 unless overridden). A request cut off before its
    headers ended is answered through ``send_error`` (408 late, 400 closed or
    reset, 431 too large), so a server that counts its errors there counts it.

    Its server is an ``http.BackgroundServer``: the handler reads its
    ``timeout_seconds``, ``draining`` and ``log_requests``, and reports to its
    ``track``/``untrack`` whether it is busy, so that ``stop()`` knows.
    """

    # Headers and body go out in two writes; without this, Nagle's algorithm holds the body back until the
    # client's delayed ACK, adding about 40 ms to every answer.
    disable_nagle_algorithm = True
    # An error in a request line gets a status line: for HTTP/0.9, http.server's default, it would have none.
    default_request_version = "HTTP/1.0"

    def setup(self):
        super().setup()
        self.rfile.close()  # StreamRequestHandler's reader: replaced by one with a deadline
        self.reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self.reader)
        self.head_done = self.body_done = self.expects_continue = False
        self.server.track(self, busy=False)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.untrack(self)

    def handle_one_request(self):
        """Wait for a request, read it within the deadline and answer it; answer one cut off."""
        self.close_connection = True
        if not self._wait_for_request():
            return
        self.server.track(self, busy=True)
        try:
            self._read_and_answer()
        except socket.timeout:
            self.close_connection = True
            if self.reader.timed_out:  # else a write timed out: the client is not reading, just close
                self.request_cut_off(408, "the request did not arrive whole within %g seconds"
                                     % self.server.timeout_seconds)
        except _HeadTooLarge:
            self.request_cut_off(431, "the request line and headers are over %d bytes" % MAX_HEAD)
        except ConnectionError:  # the client reset the connection (or left while we answered)
            if not self.head_done:
                self.request_cut_off(400, "the connection was reset before the end of the headers")
            self.close_connection = True
        finally:
            self.server.track(self, busy=False)
        if self.server.draining:
            self.close_connection = True
        if self.close_connection:  # closing while the client may still send: let it, so it reads the answer
            self.linger()

    def _wait_for_request(self):
        """Wait up to timeout for the first byte of a next request; False if none comes (close quietly)."""
        self.reader.start(self.server.timeout_seconds, None)
        try:
            return bool(self.rfile.peek(1))
        except OSError:  # idle too long (socket.timeout is an OSError), or reset
            return False

    def _read_and_answer(self):
        """Read the request line and headers (the deadline starts now, at the first byte) and answer."""
        self.head_done = self.body_done = self.expects_continue = False
        self.command, self.requestline, self.request_version = None, "", self.default_request_version
        # The budget counts what is read from now on: what _wait_for_request read is in the buffer already.
        self.reader.start(self.server.timeout_seconds, MAX_HEAD - len(self.rfile.peek(1)))
        self.raw_requestline = self.rfile.readline(MAX_HEAD + 1)
        if self.reader.eof:  # readline met the end before a newline
            return self.request_cut_off(400, "the connection closed in the middle of the request line")
        if not self.parse_request():  # it answered the error
            return None
        if self.reader.eof:  # the headers ended without their blank line
            return self.request_cut_off(400, "the connection closed before the end of the headers")
        if self.headers.defects or self.headers.get_payload():
            # The email parser behind http.server stops at a line that is not "Name: value" and keeps the
            # rest as a body: a Content-Length after it would be ignored and the body read as a request.
            return self.request_cut_off(400, "a header line is not of the form 'Name: value'")
        self.head_done = True
        self.reader.budget = None
        getattr(self, "do_" + self.command, self.unknown_method)()
        self.wfile.flush()
        return None

    def request_cut_off(self, code, message):
        """Answer a request that could not be read whole (best effort: the client may be gone); close."""
        self.close_connection = True
        try:
            self.send_error(code, message)
        except OSError:
            pass

    def handle_expect_100(self):
        """http.server's hook for "Expect: 100-continue": note it; read_body answers it, if it gets there.

        http.server would send "100 Continue" at once, before the path, the
        method or the length is looked at, inviting the body of a request it
        then refuses (413, say).
        """
        self.expects_continue = True
        return True

    def unknown_method(self):
        self.send_error(501, "Unsupported method (%r)" % self.command)

    def read_body(self, limit):
        """Return the request's body, of at most limit bytes, read within the deadline; or RequestError.

        A client that sent "Expect: 100-continue" is told to go on only here,
        once the framing and the length are found acceptable.
        """
        if self.headers.get("Transfer-Encoding") is not None:
            raise RequestError(411, "send the body with a Content-Length header (no Transfer-Encoding)")
        try:
            length = declared_length(self.headers)
        except ValueError as e:
            raise RequestError(400, str(e)) from None
        if length is None:
            raise RequestError(411, "send a Content-Length header with the body's size in bytes")
        if length > limit:
            raise RequestError(413, "the body has %d bytes; the limit is %d" % (length, limit))
        try:
            if self.expects_continue and length:  # the request is acceptable so far: ask for the body now
                self.expects_continue = False
                self.send_response_only(100)
                super().end_headers()  # not ours: a body still unread must not close a "100 Continue"
            body = self.rfile.read(length)
        except socket.timeout:
            raise RequestError(408, "the request did not arrive whole within %g seconds"
                               % self.server.timeout_seconds) from None
        except ConnectionError:
            raise RequestError(400, "the connection was reset in the middle of the body") from None
        if len(body) < length:
            raise RequestError(400, "the body ended after %d of %d bytes" % (len(body), length))
        self.body_done = True
        return body

    def body_unread(self):
        """Whether the request has a body not read: it must not be read as the next request."""
        if not self.head_done or self.body_done:
            return False
        if self.headers.get("Transfer-Encoding") is not None:
            return True
        try:
            return bool(declared_length(self.headers))
        except ValueError:  # framing we cannot trust
            return True

    def end_headers(self):
        """End the headers; an answer leaving a body unread closes the connection and says so."""
        if not self.close_connection and self.body_unread():
            self.send_header("Connection", "close")  # also sets close_connection
        super().end_headers()

    def flush_headers(self):
        # Writing: the socket's timeout was what was left of the request's deadline; give the answer its own.
        self.connection.settimeout(self.server.timeout_seconds)
        super().flush_headers()

    def linger(self):
        """Close gently: shut our side, then read and drop what the client still sends, within bounds.

        Skipped when the client closed already or was too slow; a well-behaved
        client sees the end of the answer and closes, which ends it at once.
        """
        if self.reader.eof or self.reader.timed_out:
            return
        deadline = time.monotonic() + min(LINGER_SECONDS, self.server.timeout_seconds)
        left = LINGER_BYTES
        try:
            self.connection.shutdown(socket.SHUT_WR)  # the client sees the answer end
            while left > 0 and time.monotonic() < deadline:
                self.connection.settimeout(deadline - time.monotonic())
                chunk = self.connection.recv(min(left, 65536))
                if not chunk:  # the client closed: nothing unread is left for a reset
                    break
                left -= len(chunk)
        except (OSError, ValueError):  # late, reset, or a timeout <= 0 from the last subtraction
            pass

    def abort(self):
        """Cut this connection off (from another thread): its reads see the end, its writes fail."""
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def log_message(self, format, *args):
        """One line on stderr if the server logs requests; the request's text passes through printable."""
        if self.server.log_requests:
            sys.stderr.write("%s - %s\n" % (printable(self.address_string()), printable(format % args)))
