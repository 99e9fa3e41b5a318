"""The HTTP server: real requests on 127.0.0.1, bad ones included, its metrics, and graceful shutdown."""

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from nnscratch import load_csv
from nnscratch.network import Network
from nnscratch.serve import make_server, parse_size

from conftest import DATASETS, ROOT

SAMPLE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? \S+$')


@pytest.fixture(scope="module")
def model():
    iris = load_csv(DATASETS / "iris" / "iris.csv", target="species")
    net = Network([4, 5, 3], seed=0)
    net.train(iris.inputs, iris.labels, epochs=30, learning_rate=0.05, optimizer="adam", normalize=True)
    net.classes, net.columns = iris.classes, iris.columns
    return net, iris.inputs


@pytest.fixture
def server(model):
    srv = make_server(model[0], port=0, name="iris", max_body=4096, max_rows=20, timeout=0.5).start()
    yield srv
    srv.stop()


def request(server, method, path, body=None, headers=None, connection=None):
    conn = connection or http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        headers = {"Content-Type": "application/json", **(headers or {})}
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    if connection is None:
        conn.close()
    kind = response.getheader("Content-Type", "")
    return response.status, (json.loads(data) if kind.startswith("application/json") else data.decode())


def metrics(server):
    return request(server, "GET", "/metrics")[1]


def counts(text):
    """{(route, code): n} from nnscratch_requests_total samples."""
    out = {}
    for route, code, n in re.findall(r'nnscratch_requests_total\{route="([^"]*)",code="(\d+)"\} (\d+)', text):
        out[route, int(code)] = int(n)
    return out


class TestPredict:
    def test_predictions_equal_model_predict_exactly(self, server, model):
        net, rows = model
        status, answer = request(server, "POST", "/predict", {"inputs": rows[:20]})
        assert status == 200
        assert answer["outputs"] == net.predict(rows[:20])
        assert answer["classes"][0] == "setosa" and len(answer["classes"]) == 20
        assert answer["model"] == "iris@" + net.metadata["date"]

    def test_single_input_form(self, server, model):
        net, rows = model
        status, answer = request(server, "POST", "/predict", {"input": rows[100]})
        assert status == 200 and answer["output"] == net.predict([rows[100]])[0] == answer["outputs"][0]

    def test_keep_alive_connection_serves_many_requests(self, server, model):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        for row in model[1][:10]:
            assert request(server, "POST", "/predict", {"input": row}, connection=conn)[0] == 200
        conn.close()

    def test_healthz_and_model(self, server):
        assert request(server, "GET", "/healthz") == (200, {"status": "ok"})
        status, info = request(server, "GET", "/model")
        assert status == 200 and info["sizes"] == [4, 5, 3] and info["classes"][0] == "setosa"
        assert info["format_version"] == 1 and info["training"]["epochs"] == 30
        assert info["activations"] == ["sigmoid", "softmax"]


class TestBadRequests:
    @pytest.mark.parametrize("body, status, message", [
        ('{"inputs": [[1, 2, 3, 4]', 400, "not valid JSON"),
        ({"inputs": [[1, 2, 3]]}, 422, "inputs[0]: expected a row of 4 numbers, got 3 values"),
        ({"inputs": [[1, 2, 3, 4], [1, "a", 3, 4]]}, 422, 'inputs[1], column 1: expected a finite number, got "a"'),
        ('{"inputs": [[1, 2, NaN, 4]]}', 422, "inputs[0], column 2: expected a finite number, got nan"),
        ('{"inputs": [[1, 2, 3, 1e999]]}', 422, "inputs[0], column 3: expected a finite number, got inf"),
        ({"input": [1, True, 3, 4]}, 422, "input, column 1: expected a finite number, got true"),
        ({"rows": [[1, 2, 3, 4]]}, 422, 'expected {"inputs"'),
        ({"inputs": []}, 422, "inputs: expected a non-empty list"),
        ({"inputs": [[1, 2, 3, 4]] * 21}, 413, "21 rows; the limit is 20"),
        ({"inputs": [[1.0] * 2000]}, 413, "the limit is 4096"),
    ])
    def test_bad_body(self, server, body, status, message):
        headers = {"Content-Type": "application/json"} if isinstance(body, str) else None
        got, answer = request(server, "POST", "/predict", body, headers)
        assert got == status and message in answer["error"], answer
        assert request(server, "GET", "/healthz")[0] == 200  # and the server keeps serving

    @pytest.mark.parametrize("headers, status", [({}, 415), ({"Content-Type": "text/plain"}, 415),
                                                 ({"Content-Type": "application/json; charset=utf-8"}, 200)])
    def test_content_type(self, server, headers, status):
        got, _ = request(server, "POST", "/predict", '{"input": [1, 2, 3, 4]}', headers)
        assert got == status

    def test_wrong_method_and_unknown_path(self, server):
        status, answer = request(server, "GET", "/predict")
        assert status == 405 and "POST" in answer["error"]
        assert request(server, "DELETE", "/metrics")[0] == 405
        assert request(server, "GET", "/nowhere")[0] == 404

    def test_no_content_length(self, server):
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
            s.sendall(b"POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n")
            assert s.recv(100).startswith(b"HTTP/1.1 411")

    def test_stalled_client_is_cut_off_without_holding_up_others(self, server):
        """A partial body then silence: answered 408 and closed after the timeout; others are served meanwhile."""
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        s.sendall(b"POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 100\r\n\r\n{\"inputs\": [[")
        started = time.perf_counter()
        assert request(server, "GET", "/healthz")[0] == 200  # not held up by the stalled one
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        assert data.startswith(b"HTTP/1.1 408") and time.perf_counter() - started < 5

    def test_garbage_request_line(self, server):
        """Not HTTP: 400 with a status line (not http.server's HTTP/0.9 answer), a JSON error, counted."""
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
            s.sendall(b"HELLO\r\n\r\n")
            reply = b""
            while True:  # the server closes after the answer
                chunk = s.recv(1000)
                if not chunk:
                    break
                reply += chunk
        assert reply.startswith(b"HTTP/1.1 400 ") and b'"error":"Bad request syntax' in reply
        assert counts(metrics(server))["none", 400] == 1


class TestMetrics:
    def test_every_request_is_counted(self, server, model):
        sent = {("/predict", 200): 3, ("/predict", 422): 2, ("/predict", 415): 1, ("/healthz", 200): 4,
                ("other", 404): 2, ("/predict", 405): 1}
        for _ in range(3):
            request(server, "POST", "/predict", {"inputs": model[1][:5]})
        for _ in range(2):
            request(server, "POST", "/predict", {"inputs": [[1, 2]]})
        request(server, "POST", "/predict", "{}", {"Content-Type": "text/csv"})
        for _ in range(4):
            request(server, "GET", "/healthz")
        for _ in range(2):
            request(server, "GET", "/x")
        request(server, "GET", "/predict")
        text = metrics(server)
        assert {k: v for k, v in counts(text).items() if k[0] != "/metrics"} == sent
        assert "nnscratch_rows_predicted_total 15" in text
        classes = dict(re.findall(r'nnscratch_predictions_total\{class="([^"]+)"\} (\d+)', text))
        assert sum(map(int, classes.values())) == 15
        assert "nnscratch_requests_in_flight 1" in text  # the /metrics request itself
        assert re.search(r'nnscratch_model_info\{name="iris",version="[^"]+",kind="network"', text)
        assert re.search(r"^process_start_time_seconds \d+\.\d+$", text, flags=re.M)

    def test_histogram_is_consistent(self, server, model):
        for n in (1, 5, 20):
            request(server, "POST", "/predict", {"inputs": model[1][:n]})
        text = metrics(server)
        buckets = re.findall(r'nnscratch_prediction_latency_seconds_bucket\{le="([^"]+)"\} (\d+)', text)
        values = [int(v) for _, v in buckets]
        assert values == sorted(values) and buckets[-1][0] == "+Inf"
        count = int(re.search(r"nnscratch_prediction_latency_seconds_count (\d+)", text).group(1))
        assert values[-1] == count == 3
        assert float(re.search(r"nnscratch_prediction_latency_seconds_sum (\S+)", text).group(1)) > 0

    def test_text_format(self, server, model):
        """Every line is a HELP or TYPE comment, or a sample: name{labels} value."""
        request(server, "POST", "/predict", {"inputs": model[1][:2]})
        request(server, "GET", "/nope")
        lines = metrics(server).splitlines()
        for line in lines:
            assert re.match(r"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$", line) or SAMPLE.match(line), line
        types = [l.split()[2:] for l in lines if l.startswith("# TYPE")]
        assert ["nnscratch_prediction_latency_seconds", "histogram"] in types


class SlowNetwork(Network):
    """A network that takes a second to predict, to have a request in flight."""

    def predict(self, rows, workers=1):
        time.sleep(1.0)
        return super().predict(rows, workers)


def test_graceful_shutdown_finishes_the_request_in_flight(model):
    net = SlowNetwork([4, 5, 3], seed=0)
    srv = make_server(net, port=0).start()
    port = srv.port
    idle = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    idle.request("GET", "/healthz")
    idle.getresponse().read()  # a kept-alive connection, idle: shutdown must not wait for it
    results = []
    worker = threading.Thread(target=lambda: results.append(request(srv, "POST", "/predict", {"input": [1, 2, 3, 4]})))
    worker.start()
    time.sleep(0.3)
    started = time.perf_counter()
    srv.stop()
    worker.join()
    assert results[0][0] == 200 and results[0][1]["outputs"][0] == Network.predict(net, [[1, 2, 3, 4]])[0]
    assert time.perf_counter() - started < 5
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_cli_serve_stops_on_sigterm(tmp_path, model):
    path = model[0].save(tmp_path / "iris.json")
    process = subprocess.Popen([sys.executable, "-m", "nnscratch", "serve", str(path), "--port", "0"],
                               cwd=str(ROOT), stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", "/predict", body=json.dumps({"input": [5.1, 3.5, 1.4, 0.2]}),
                 headers={"Content-Type": "application/json"})
    assert json.loads(conn.getresponse().read())["classes"] == ["setosa"]
    conn.close()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert "stopped" in process.stderr.read()


def test_parse_size():
    assert parse_size("1MiB") == 1 << 20
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")
