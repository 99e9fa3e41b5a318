"""The servers under hostile clients: each finding of the hostile review as a case, then a fuzz of the parser.

Real sockets to servers started in-process on port 0, with a deadline and a
grace period of half a second, so the whole file runs in seconds.
"""

import http.client
import io
import json
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

import nnscratch
from nnscratch import load_csv
from nnscratch.network import Network
from nnscratch.playground import make_server as make_playground
from nnscratch.serve import make_server
from nnscratch.serve.connection import MAX_HEAD
from nnscratch.serve.http import BACKLOG
from nnscratch.serve.server import serve

from conftest import DATASETS, ROOT

#: The servers' deadline and grace period here, in seconds: short, so that waiting for them is quick.
TIMEOUT = GRACE = 0.5
MAX_BODY = 4096
#: The Prometheus text format: a HELP or TYPE comment, or a sample `name{labels} value`.
COMMENT = re.compile(r"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$")
SAMPLE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? \S+$')


@pytest.fixture(scope="module")
def model():
    iris = load_csv(DATASETS / "iris" / "iris.csv", target="species")
    net = Network([4, 5, 3], seed=0)
    net.train(iris.inputs, iris.labels, epochs=10, learning_rate=0.05, optimizer="adam")
    net.classes, net.columns = iris.classes, iris.columns
    # Weights of 2 on the first neuron, as the review's model had: [1e308, -1e308, ...] then sums
    # 2e308 = inf and -2e308 = -inf, and inf - inf is NaN.
    net.layers[0].weights[0] = [2.0, 2.0, 2.0, 2.0]
    return net


@pytest.fixture
def server(model):
    srv = make_server(model, port=0, name="iris", max_body=MAX_BODY, max_rows=20, timeout=TIMEOUT,
                      grace=GRACE).start()
    yield srv
    srv.stop()


# ----- talking to a server -----------------------------------------------------------


def post(body, headers=b"", length=True):
    """A POST /predict request of body (bytes or str), with a Content-Length unless length=False."""
    body = body.encode("utf-8") if isinstance(body, str) else body
    head = b"POST /predict HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" + headers
    if length:
        head += b"Content-Length: %d\r\n" % len(body)
    return head + b"\r\n" + body


def read_all(sock):
    """Everything the server sends until it closes: (bytes, whether it reset the connection)."""
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return data, True
        if not chunk:
            return data, False
        data += chunk


def parse(raw):
    """(status, JSON payload or None) of an answer; (None, None) for no answer."""
    if not raw:
        return None, None
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    try:
        return status, json.loads(body)
    except ValueError:
        return status, None


def exchange(port, data, how="half"):
    """Send a request and read the answer: (status, payload, seconds taken, reset?).

    how: "half" sends it all then closes our side (the server sees the end);
    "stall" sends it and waits; "trickle" sends its head at once if it is whole, then the rest a byte
    every 50 ms, for up to 3 s.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        started = time.perf_counter()
        if how == "trickle":
            thread = threading.Thread(target=_trickle, args=(sock, data), daemon=True)
            thread.start()
        else:
            sock.sendall(data)
            if how == "half":
                sock.shutdown(socket.SHUT_WR)
        raw, reset = read_all(sock)
    return parse(raw) + (time.perf_counter() - started, reset)


def _trickle(sock, data):
    head, blank, body = data.partition(b"\r\n\r\n")
    head, data = (head + blank, body) if blank else (b"", data)
    try:
        sock.sendall(head)
        for k in range(min(len(data), 60)):
            sock.sendall(data[k:k + 1])
            time.sleep(0.05)
    except OSError:  # cut off: what the server is meant to do
        pass


def counts(port):
    """{(route, code): n} from the server's /metrics; also checks the text format, line by line."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/metrics")
    text = conn.getresponse().read().decode()
    conn.close()
    for line in text.splitlines():
        assert COMMENT.match(line) or SAMPLE.match(line), line
    found = re.findall(r'nnscratch_requests_total\{route="([^"]*)",code="(\d+)"\} (\d+)', text)
    return {(route, int(code)): int(n) for route, code, n in found}


# ----- the findings, one case each ---------------------------------------------------

HUGE = "9" * 400  # an integer no float holds
EXPECT = b"Expect: 100-continue\r\n"
#: (finding, how it is sent, request, expected status, fragment of the error, (route, code) counted).
FINDINGS = [
    ("2: a client trickling its headers meets a total deadline", "trickle",
     b"GET /healthz HTTP/1.1\r\n" + b"X-Slow: " + b"a" * 200, 408, "within 0.5 seconds", ("none", 408)),
    ("2: a client trickling its body meets the same deadline", "trickle",
     post(b'{"input": [1, 2, 3, 4]}' + b" " * 200)[:-150], 408, "within 0.5 seconds", ("/predict", 408)),
    ("3: Content-Length in a non-ASCII digit", "half",
     post(b"{}", b"Content-Length: \xb2\r\n", length=False), 400, "ASCII digits", ("/predict", 400)),
    ("3: two Content-Length headers that differ", "half",
     post(b'{"input": [1, 2, 3, 4]}', b"Content-Length: 5\r\n"), 400, "2 Content-Length headers",
     ("/predict", 400)),
    ("3: two equal Content-Length headers (refused too, as nginx does)", "half",
     post(b'{"input": [1, 2, 3, 4]}', b"Content-Length: 23\r\n"), 400, "2 Content-Length headers",
     ("/predict", 400)),
    ("3: Transfer-Encoding beside Content-Length", "half",
     post(b"{}", b"Transfer-Encoding: chunked\r\n"), 411, "no Transfer-Encoding", ("/predict", 411)),
    ("5: the connection closes in the middle of the headers", "half",
     b"POST /predict HTTP/1.1\r\nHost: test\r\nContent-Ty", 400, "before the end of the headers",
     ("none", 400)),
    ("5: the connection closes in the middle of the request line", "half",
     b"POST /pred", 400, "in the middle of the request line", ("none", 400)),
    ("5: a stalled request line", "stall", b"GET /healthz HT", 408, "within 0.5 seconds", ("none", 408)),
    ("6: inputs whose outputs are NaN", "half",
     post(json.dumps({"input": [1e308, -1e308, 1e308, -1e308]})), 422,
     "input: the model's outputs are not finite numbers", ("/predict", 422)),
    ("6: an integer too large for a float", "half",
     post('{"inputs": [[1, 2, 3, 4], [1, %s, 3, 4]]}' % HUGE), 422,
     "inputs[1], column 1: expected a finite number, got an integer of 400 digits", ("/predict", 422)),
    ("6: a 309-digit integer just over the largest float", "half",
     post('{"input": [1, 2, %d, 4]}' % (2 * 10 ** 308)), 422,
     "input, column 2: expected a finite number, got an integer too large for a float", ("/predict", 422)),
    ("6: 1e999, which Python's json reads as inf", "half",
     post('{"inputs": [[1e999, 2, 3, 4]]}'), 422, "inputs[0], column 0: expected a finite number, got inf",
     ("/predict", 422)),
    ("6: -Infinity", "half",
     post('{"input": [1, 2, 3, -Infinity]}'), 422, "input, column 3: expected a finite number, got -inf",
     ("/predict", 422)),
    ("-: a method http.server does not know", "half",
     b"BREW /healthz HTTP/1.1\r\n\r\n", 405, "/healthz takes GET or HEAD, not BREW", ("/healthz", 405)),
    ("3: a header line the parser cannot read hides a Content-Length after it", "half",
     post(b'{"input": [1, 2, 3, 4]}', b"Content-Ty\xcbe: x\r\n"), 400, "not of the form 'Name: value'",
     ("none", 400)),
    ("3: a space before the colon of Content-Length", "half",
     post(b'{"input": [1, 2, 3, 4]}', b"Content-Length : 23\r\n", length=False), 400,
     "not of the form 'Name: value'", ("none", 400)),
    ("-: request line and headers over 64 KiB", "half",
     b"GET /healthz HTTP/1.1\r\n" + b"X-Big: %s\r\n" % (b"a" * 1000) * 70 + b"\r\n", 431,
     "over 65536 bytes",
     ("none", 431)),
    # Review 2, finding 1: json keeps the last of two values, a proxy or firewall may check the first.
    ("r2-1: a key named twice in the body", "half",
     post('{"input": [1, 1, 1, 1], "input": [2, 2, 2, 2]}'), 400, 'the key "input" appears twice',
     ("/predict", 400)),
    ("r2-1: a key named twice in an object inside the body", "half",
     post('{"inputs": [[1, 2, 3, 4]], "note": {"a": 1, "a": 2}}'), 400, 'the key "a" appears twice',
     ("/predict", 400)),
    # Review 2, finding 3: a client that sent "Expect: 100-continue" and waits ("stall"), its body unsent,
    # gets the refusal as the first status line, never "100 Continue" first.
    ("r2-3: Expect 100-continue with a body over the limit", "stall",
     post(b"", EXPECT + b"Content-Length: 5000000\r\n", length=False), 413,
     "the body has 5000000 bytes; the limit is 4096", ("/predict", 413)),
    ("r2-3: Expect 100-continue without a Content-Length", "stall",
     post(b"", EXPECT, length=False), 411, "send a Content-Length header", ("/predict", 411)),
    ("r2-3: Expect 100-continue with a Content-Length that is not a number", "stall",
     post(b"", EXPECT + b"Content-Length: 5, 5\r\n", length=False), 400, "ASCII digits", ("/predict", 400)),
    ("r2-3: Expect 100-continue with the wrong Content-Type", "stall",
     b"POST /predict HTTP/1.1\r\nContent-Type: text/csv\r\n" + EXPECT + b"Content-Length: 9\r\n\r\n", 415,
     "with Content-Type: application/json", ("/predict", 415)),
    ("r2-3: Expect 100-continue on a route that takes no body", "stall",
     b"POST /healthz HTTP/1.1\r\n" + EXPECT + b"Content-Length: 9\r\n\r\n", 405,
     "/healthz takes GET or HEAD, not POST", ("/healthz", 405)),
    ("r2-3: Expect 100-continue with a header line that is not Name: value", "stall",
     post(b"", EXPECT + b"Content-Ty\xcbe: x\r\nContent-Length: 9\r\n", length=False), 400,
     "not of the form 'Name: value'", ("none", 400)),
]


@pytest.mark.parametrize("finding, how, request_bytes, status, fragment, counted", FINDINGS,
                         ids=[re.sub(r"[^a-zA-Z0-9]+", "-", row[0]).strip("-")[:50] for row in FINDINGS])
def test_finding(server, finding, how, request_bytes, status, fragment, counted):
    """Each hostile request gets its status and a JSON error saying why, is counted; the server serves on."""
    before = counts(server.port).get(counted, 0)
    got, payload, seconds, _ = exchange(server.port, request_bytes, how)
    assert got == status, (finding, payload)
    assert fragment in payload["error"], (finding, payload)
    assert counts(server.port).get(counted, 0) == before + 1, finding
    if how in ("trickle", "stall"):
        assert seconds < TIMEOUT + 1.0, "the deadline is total: %.2f s" % seconds
    assert exchange(server.port, b"GET /healthz HTTP/1.1\r\n\r\n")[:2] == (200, {"status": "ok"})


def test_review_2_finding_3_an_acceptable_request_gets_100_continue_then_its_answer(server):
    """Expect: 100-continue on a request the server will read: "100 Continue", then, the body sent, 200."""
    body = b'{"input": [5.1, 3.5, 1.4, 0.2]}'
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(post(body, EXPECT + b"Connection: close\r\n")[:-len(body)])  # the head alone
        interim = b""
        while not interim.endswith(b"\r\n\r\n"):
            chunk = sock.recv(1)
            assert chunk, interim
            interim += chunk
        assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        status, payload = parse(read_all(sock)[0])
    assert status == 200 and payload["classes"] == ["setosa"]
    assert counts(server.port)[("/predict", 200)] == 1


#: (method, path, status, Allow header or None): HEAD is answered wherever GET is (review 2, finding 4).
HEAD_CASES = [
    ("HEAD", "/healthz", 200, None), ("HEAD", "/model", 200, None), ("HEAD", "/metrics", 200, None),
    ("HEAD", "/nowhere", 404, None), ("HEAD", "/predict", 405, "POST"),
    ("POST", "/healthz", 405, "GET, HEAD"), ("DELETE", "/model", 405, "GET, HEAD"),
    ("PUT", "/metrics", 405, "GET, HEAD"), ("GET", "/predict", 405, "POST"),
]


@pytest.mark.parametrize("method, path, status, allow", HEAD_CASES,
                         ids=["%s-%s" % (m, p.strip("/")) for m, p, _, _ in HEAD_CASES])
def test_review_2_finding_4_head_is_get_without_the_body(server, method, path, status, allow):
    """HEAD: GET's status and Content-Length, no body, counted; Allow has HEAD with GET; keep-alive holds."""
    key = (path if path != "/nowhere" else "other", status)
    before = counts(server.port).get(key, 0)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request(method, path)
    response = conn.getresponse()
    body, length = response.read(), int(response.getheader("Content-Length"))
    assert (response.status, response.getheader("Allow")) == (status, allow)
    # Counted once; reading /metrics counts as (/metrics, 200) too, the reading before this one included.
    assert counts(server.port).get(key, 0) == before + 1 + (key == ("/metrics", 200))
    if method == "HEAD":
        assert body == b"" and length > 0
        if path != "/metrics" and status != 405:  # the same body for GET (/metrics changes, a 405 names
            # the method)
            conn.request("GET", path)
            assert length == len(conn.getresponse().read())
    conn.request("GET", "/healthz")  # on the same connection: a body sent after HEAD would be read here
    again = conn.getresponse()
    assert (again.status, json.loads(again.read())) == (200, {"status": "ok"})
    conn.close()


def test_finding_1_a_burst_waits_in_the_backlog_and_every_client_is_answered(model):
    """200 clients connect before the server accepts anything: the queue holds them, and each is answered."""
    srv = make_server(model, port=0, timeout=2.0, grace=GRACE, max_connections=16)
    assert srv.request_queue_size == min(BACKLOG, socket.SOMAXCONN) >= 128
    clients = []
    try:
        for _ in range(200):  # with socketserver's queue of 5, the 7th would time out here
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=2)
            sock.sendall(post('{"input": [5.1, 3.5, 1.4, 0.2]}', b"Connection: close\r\n"))
            clients.append(sock)
        srv.start()
        answers = [parse(read_all(sock)[0]) for sock in clients]
    finally:
        for sock in clients:
            sock.close()
        srv.stop()
    statuses = [status for status, _ in answers]
    assert set(statuses) <= {200, 503} and statuses.count(200) >= 16, statuses
    assert all("busy" in payload["error"] for status, payload in answers if status == 503)


def test_finding_2_beyond_the_connection_cap_the_answer_is_503(model):
    """With the cap reached by idle connections, one more gets 503 and a JSON error at once, counted."""
    srv = make_server(model, port=0, timeout=2.0, grace=GRACE, max_connections=4).start()
    idle = [socket.create_connection(("127.0.0.1", srv.port), timeout=5) for _ in range(4)]
    try:
        time.sleep(0.2)  # the four are accepted and each has its thread
        status, payload, seconds, reset = exchange(srv.port, post('{"input": [1, 2, 3, 4]}'), how="stall")
        assert (status, reset) == (503, False) and seconds < 1.0
        assert "the server is busy: it serves 4 connections at once" in payload["error"]
        for sock in idle:
            sock.close()
        time.sleep(0.2)
        assert counts(srv.port)[("none", 503)] == 1  # and, the idle ones gone, it serves again
    finally:
        srv.stop()


def test_finding_2_graceful_stop_waits_only_for_its_grace_period(model):
    """A request still running and a client sending its body slowly hold stop() up for `grace` s only."""
    net = Network([4, 5, 3], seed=0)

    def slow_predict(rows, workers=1):  # three seconds: longer than the grace period, so still running
        time.sleep(3.0)
        return Network.predict(net, rows, workers)

    net.predict = slow_predict
    srv = make_server(net, port=0, timeout=5.0, grace=GRACE).start()
    slow = threading.Thread(target=exchange, args=(srv.port, post('{"input": [1, 2, 3, 4]}'), "half"))
    slow.start()
    trickler = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
    threading.Thread(target=_trickle, args=(trickler, post('{"input": [1, 2, 3, 4]}')), daemon=True).start()
    time.sleep(0.3)
    started = time.perf_counter()
    late = srv.stop()
    assert late == 2 and time.perf_counter() - started < GRACE + 0.5
    slow.join(5)  # its connection was cut off: it ends without an answer
    assert not slow.is_alive()
    trickler.close()


def test_finding_4_a_body_over_the_limit_gets_413_not_a_broken_pipe(server):
    """http.client sends a body twice the limit before it reads: the lingering close lets it read the 413."""
    for size in (2 * MAX_BODY, 64 * MAX_BODY):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("POST", "/predict", body=b"[" * size, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        answer = json.loads(response.read())
        conn.close()
        assert response.status == 413 and "the limit is %d" % MAX_BODY in answer["error"]
        assert response.getheader("Connection") == "close"


def test_finding_4_a_body_on_a_route_without_one_is_not_read_as_a_request(server):
    """A GET with a body: answered, then the connection closes, so the body is never taken for a request."""
    status, payload, _, _ = exchange(server.port, b"GET /healthz HTTP/1.1\r\nContent-Length: 25\r\n\r\n"
                                                  b"GET /metrics HTTP/1.1\r\n\r\n")
    assert (status, payload) == (200, {"status": "ok"})
    assert ("/metrics", 200) not in counts(server.port)


class SilentNetwork(Network):
    """A network whose predict gives NaN without complaining (as a model from elsewhere might)."""

    def predict(self, rows, workers=1):
        return [[float("nan")] * 3 for _ in rows]


def test_finding_6_outputs_that_are_not_finite_never_reach_the_json(model):
    """Even when the model does not refuse them, NaN outputs get 422 naming the row, never a NaN token."""
    srv = make_server(SilentNetwork([4, 5, 3], seed=0), port=0, timeout=TIMEOUT, grace=GRACE).start()
    try:
        status, payload, _, _ = exchange(srv.port, post('{"inputs": [[1, 2, 3, 4], [5, 6, 7, 8]]}'))
    finally:
        srv.stop()
    assert status == 422 and payload["error"].startswith("inputs[0]: the model's outputs are not finite")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 0, -1, 10 ** 400, "10", True, None],
                         ids=["nan", "inf", "0", "-1", "400-digit-int", "str", "bool", "None"])
def test_finding_7_a_timeout_that_is_not_a_finite_positive_number_is_refused(model, value):
    """make_server, serve (called as cli.py calls it) and the playground raise ValueError naming timeout."""
    with pytest.raises(ValueError, match="timeout must be a finite number of seconds above 0"):
        make_server(model, port=0, timeout=value)
    with pytest.raises(ValueError, match="timeout must be"):
        serve(model, "iris.json", "127.0.0.1", 0, MAX_BODY, 20, value, False, io.StringIO())
    with pytest.raises(ValueError, match="timeout must be"):
        make_playground(port=0, timeout=value)


@pytest.mark.parametrize("settings, message", [
    ({"grace": float("nan")}, "grace must be a finite number of seconds of at least 0"),
    ({"grace": -1}, "grace must be"), ({"max_connections": 0}, "max_connections must be a whole number"),
    ({"max_connections": 2.5}, "max_connections must be"),
])
def test_finding_7_the_other_limits_are_checked_too(model, settings, message):
    with pytest.raises(ValueError, match=message):
        make_server(model, port=0, **settings)


def test_finding_8_request_text_in_the_log_is_printable(model, capsys):
    """Escape sequences in a request line or header reach the access log escaped, never raw."""
    srv = make_server(model, port=0, timeout=TIMEOUT, grace=GRACE, access_log=True).start()
    try:
        exchange(srv.port, b"GET /\x1b]0;owned\x07\x1b[2J HTTP/1.1\r\nUser-Agent: \x1b[31m\r\n\r\n")
        exchange(srv.port, b"G\x1bET /healthz HTTP/1.1\r\n\r\n")
        exchange(srv.port, b"GET /\x9b31m HTTP/1.1\r\n", how="stall")  # 408, with a C1 control character
    finally:
        srv.stop()
    log = capsys.readouterr().err
    assert "\\x1b]0;owned\\x07\\x1b[2J" in log and "G\\x1bET" in log and "\\x9b31m" in log
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", log), log


class StopOnFirstLine(io.StringIO):
    """serve()'s output: its first line (the banner) asks serve() to stop, as SIGTERM would."""

    def write(self, text):
        if not self.getvalue():
            signal.raise_signal(signal.SIGTERM)  # the handler serve() installed runs, in this thread
        return super().write(text)


#: Text a model file (or its path) holds, and how the banner must show it: escaped.
EVIL_FILE_TEXT = [("\x1b[31m", "\\x1b[31m"), ("\u202e", "\\u202e"),
                  ("\x1b]0;pwned\x07\x1b[31mRED", "\\x1b]0;pwned\\x07\\x1b[31mRED")]


@pytest.mark.parametrize("in_path", [False, True], ids=["in-the-date", "in-the-file-name"])
@pytest.mark.parametrize("evil, shown", EVIL_FILE_TEXT, ids=["csi", "bidi-override", "osc-title"])
def test_review_2_finding_2_the_serve_banner_escapes_the_files_text(tmp_path, evil, shown, in_path):
    """A model file whose date (or name) holds escape sequences: serve() prints them escaped, never raw."""
    net = nnscratch.Network([4, 3, 3], seed=0)
    net.classes = ["\x1b[2Jsetosa", "versicolor", "virginica"]
    net.metadata["date"] = "2026-01-01" if in_path else evil
    path = net.save(tmp_path / ("iris%s.json" % (evil if in_path else "")))  # save computes the checksum
    out = StopOnFirstLine()
    status = serve(nnscratch.load(path), str(path), "127.0.0.1", 0, MAX_BODY, 20, TIMEOUT, False, out,
                   grace=GRACE)
    printed = out.getvalue()
    assert status == 0 and printed.startswith("serving ") and printed.endswith("stopped\n")
    assert shown in printed.splitlines()[0]  # in the path, and in the model's name or version
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", printed), printed


def run_playground(*args):
    return subprocess.run([sys.executable, "-m", "nnscratch.playground", *args], cwd=str(ROOT),
                          capture_output=True, text=True, timeout=30)


def test_finding_9_playground_refuses_bad_ports_and_reports_errors_in_one_line(tmp_path):
    """Ports out of range: a usage error (status 2); a port in use or no Pyodide: one line (status 1)."""
    for port in ("99999", "-1"):
        result = run_playground("--port", port)
        assert result.returncode == 2 and "--port must be from 0 to 65535, got %s" % port in result.stderr
        assert "Traceback" not in result.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = run_playground("--port", str(taken.getsockname()[1]))
    assert result.returncode == 1 and result.stderr.startswith("playground: cannot listen on 127.0.0.1 port")
    assert len(result.stderr.splitlines()) == 1
    result = run_playground("--port", "0", "--pyodide", str(tmp_path))
    assert result.returncode == 1 and result.stderr.startswith("playground: no pyodide.mjs in")
    assert len(result.stderr.splitlines()) == 1


def test_finding_9_playground_cuts_off_a_stalled_client():
    """A client that sends part of its headers and waits is answered 408 after the deadline, and closed."""
    srv = make_playground(port=0, timeout=TIMEOUT, grace=GRACE).start()
    try:
        status, _, seconds, _ = exchange(srv.port, b"GET / HTTP/1.1\r\nHost: x", how="stall")
        trickled, _, trickle_seconds, _ = exchange(srv.port, b"GET / HTTP/1.1\r\nX" + b"y" * 99, "trickle")
    finally:
        srv.stop()
    assert status == trickled == 408 and seconds < TIMEOUT + 1.0 and trickle_seconds < TIMEOUT + 1.0


# ----- fuzz: whatever arrives, a 4xx JSON error or a clean close, never a 500 ----------------

VALID = post('{"inputs": [[5.1, 3.5, 1.4, 0.2], [6.2, 2.9, 4.3, 1.3]]}')
METHODS = [b"GET", b"POST", b"BREW", b"get", b"G\x00T", b"\xff\xfe", b"CONNECT", b"TRACE", b"PRI", b"*" * 300]
SHAPES = ['{"inputs": {}}', '{"inputs": [[[1, 2], 2, 3, 4]]}', '{"inputs": ["abcd"]}', '{"input": true}',
          '{"inputs": [[true, false, true, false]]}', '{"inputs": [null]}', '{"input": "1,2,3,4"}', "[]",
          '"inputs"', "1e999", "null", '{"input": [1, 2, 3, 4], "inputs": [[1, 2, 3, 4]]}', '{"input": []}',
          '{"inputs": [[1, 2, 3, {"a": 1}]]}', '{"inputs": [[1, 2, 3, 4]], "extra": %s}' % HUGE,
          "[" * 2000 + "]" * 2000, '{"input": [1, 2, 3, "\\ud800"]}', '{"input": [1, 2, 3, 4]', "\ufeff{}",
          '{"input": [1, 2, 3, %s]}' % ("9" * 3000)]


def fuzz_cases(seed=20261125, n=120):
    """Requests from a fixed seed: mutated, truncated and random bytes, odd methods, huge and many headers."""
    rng = random.Random(seed)
    cases = [post(shape) for shape in SHAPES]
    cases += [method + b" /predict HTTP/1.1\r\nContent-Length: 0\r\n\r\n" for method in METHODS]
    cases += [b"GET /healthz HTTP/1.1\r\n" + b"X-%d: y\r\n" % k * 101 + b"\r\n" for k in (1, 2)]
    cases += [b"GET /healthz HTTP/1.1\r\nX: " + b"y" * (MAX_HEAD + 10) + b"\r\n\r\n",
              b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", b"GET /healthz HTTP/2.0\r\n\r\n",
              b"GET /healthz HTTP/1.1\r\nContent-Length: -5\r\n\r\n", b"\r\n\r\n", b"\x16\x03\x01\x00\xa5"]
    for _ in range(n):
        data = bytearray(VALID)
        kind = rng.randrange(4)
        if kind == 0:  # a few bytes changed
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 1:  # cut short
            data = data[:rng.randrange(len(data))]
        elif kind == 2:  # random bytes in the middle
            k = rng.randrange(len(data))
            data[k:k] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
        else:  # random bytes only
            data = bytearray(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        cases.append(bytes(data))
    return cases


def test_fuzz_the_parser(server):
    """Every answer is a 200, a 4xx with a JSON error, or 505 for HTTP/2 and later; never a 500, no reset."""
    answered = 0
    for data in fuzz_cases():
        status, payload, _, reset = exchange(server.port, data)
        assert not reset, data[:80]
        if status is None:  # no answer: only for nothing, or a blank first line (as http.server does)
            assert not data.split(b"\n", 1)[0].strip(), data[:80]
            continue
        answered += 1
        assert status == 200 or 400 <= status < 500 or status == 505, (status, payload, data[:80])
        if status != 200:
            assert isinstance(payload, dict) and payload["error"], (status, data[:80])
    found = counts(server.port)
    assert not [key for key in found if key[1] >= 500 and key[1] != 505], found
    assert sum(found.values()) == answered  # each request answered is counted, once
    assert exchange(server.port, VALID)[0] == 200  # and the server still serves
