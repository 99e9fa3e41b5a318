"""Load test of the HTTP server: ``python -m nnscratch.bench serve``.

    python -m nnscratch.bench serve                        # 20 clients x 500 requests, twice
    python -m nnscratch.bench serve --clients 8 --requests 100 --model m.json
    python -m nnscratch.bench serve --quick                # a smoke run

It starts ``python -m nnscratch serve`` on loopback in its own process (the
iris network it trains first, unless ``--model`` names a file), then runs the
same load twice. Each run: N client threads, each on one keep-alive
connection, send a fixed number of /predict requests of 1 row, then of 100
rows. It reports throughput and p50/p90/p99 latency, and checks that

- every answer is exactly the model's own prediction for its rows;
- no request failed, and /metrics counted no error;
- /metrics counts exactly the requests and rows sent;

and, on Linux, how the server's resident memory grew from the first run to
the second (a leak would show there). Exit status 1 if a check fails.
"""

import argparse
import http.client
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..data.builtin import load_iris
from ..engine.network import Network
from ..files.modelfile import save
from ..files.persist import load

ROW_COUNTS = (1, 100)


def _iris_model(folder):
    """Train the iris network the server will serve; return (its file, its rows)."""
    data = load_iris()
    net = Network([4, 5, 3], seed=0)
    net.train(data.inputs, data.labels, epochs=200, learning_rate=0.01, batch_size=32, optimizer="adam")
    net.classes, net.columns = data.classes, data.columns
    return save(net, Path(folder) / "iris.json"), data.inputs


def _resident_kib(pid):
    """The process's resident memory in KiB, from /proc (Linux); None elsewhere."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _client(port, bodies, expected, latencies, failures):
    """One client: one keep-alive connection, one request per body; record latencies and any wrong answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for body, want in zip(bodies, expected):
        start = time.perf_counter()
        try:
            conn.request("POST", "/predict", body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as e:
            failures.append("connection: %s" % e)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            failures.append("status %d: %s" % (response.status, data[:200]))
        elif json.loads(data)["outputs"] != want:
            failures.append("a wrong answer")
    conn.close()


def _load(port, rows, model, clients, requests, rows_per_request):
    """One load: every client sends ``requests`` requests; return (seconds, latencies, failures)."""
    bodies, expected = [], []
    for k in range(requests):
        chunk = [rows[(k * rows_per_request + i) % len(rows)] for i in range(rows_per_request)]
        bodies.append(json.dumps({"inputs": chunk}))
        expected.append(model.predict(chunk))
    latencies, failures = [], []
    threads = [threading.Thread(target=_client, args=(port, bodies, expected, latencies, failures))
               for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, latencies, failures


def _metrics(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/metrics")
    text = conn.getresponse().read().decode()
    conn.close()
    requests = {(r, int(c)): int(n) for r, c, n in
                re.findall(r'nnscratch_requests_total\{route="([^"]*)",code="(\d+)"\} (\d+)', text)}
    rows = int(re.search(r"^nnscratch_rows_predicted_total (\d+)$", text, flags=re.M).group(1))
    return requests, rows


def _percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(clients, requests, model_path=None, rounds=2, out=sys.stdout):
    """Run the load test; return (results dict, list of failed checks)."""
    with tempfile.TemporaryDirectory() as folder:
        if model_path is None:
            model_path, rows = _iris_model(folder)
        else:
            rows = None
        model = load(model_path)
        if rows is None:
            import random

            rng = random.Random(0)
            width = len(model.columns or []) or model.sizes[0]
            rows = [[rng.random() for _ in range(width)] for _ in range(500)]
        command = [sys.executable, "-m", "nnscratch", "serve", str(model_path), "--port", "0"]
        folder = Path(__file__).resolve().parents[2]  # the folder that holds nnscratch/
        server = subprocess.Popen(command, cwd=str(folder), stderr=subprocess.PIPE, text=True)
        try:
            line = server.stderr.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)", line)
            if not found:
                raise RuntimeError("the server did not start: %s%s" % (line, server.stderr.read()))
            port = int(found.group(1))
            results, problems = {"clients": clients, "requests_per_client": requests, "runs": []}, []
            sent_requests = sent_rows = 0
            for round_ in range(1, rounds + 1):
                run_figures = {"run": round_}
                for n in ROW_COUNTS:
                    seconds, latencies, failures = _load(port, rows, model, clients, requests, n)
                    sent_requests += clients * requests
                    sent_rows += clients * requests * n
                    run_figures["%d_row" % n] = {
                        "requests_per_s": len(latencies) / seconds,
                        "rows_per_s": len(latencies) * n / seconds,
                        "p50_ms": 1000 * _percentile(latencies, 50),
                        "p90_ms": 1000 * _percentile(latencies, 90),
                        "p99_ms": 1000 * _percentile(latencies, 99), "failures": len(failures),
                    }
                    problems += ["run %d, %d-row requests: %s" % (round_, n, f) for f in failures[:5]]
                counted, rows_counted = _metrics(port)
                predicted = counted.get(("/predict", 200), 0)
                errors = sum(v for (route, code), v in counted.items() if code >= 400)
                run_figures.update(metrics_predict_200=predicted, metrics_errors=errors,
                                   metrics_rows=rows_counted, resident_kib=_resident_kib(server.pid))
                if predicted != sent_requests or rows_counted != sent_rows:
                    problems.append("run %d: /metrics counted %d requests and %d rows, %d and %d were sent"
                                    % (round_, predicted, rows_counted, sent_requests, sent_rows))
                if errors:
                    problems.append("run %d: /metrics counted %d errors" % (round_, errors))
                results["runs"].append(run_figures)
            memory = [r["resident_kib"] for r in results["runs"]]
            if None not in memory and len(memory) > 1:
                results["memory_growth"] = memory[-1] / memory[0] - 1
        finally:
            server.terminate()
            server.wait(timeout=30)
    return results, problems


def report(results, problems, out):
    out.write("HTTP load test: %d clients x %d requests each, keep-alive, server on loopback in its own "
              "process\n" % (results["clients"], results["requests_per_client"]))
    out.write("  %-4s %-10s %12s %12s %9s %9s %9s %9s\n"
              % ("run", "request", "requests/s", "rows/s", "p50 ms", "p90 ms", "p99 ms", "failed"))
    for r in results["runs"]:
        for n in ROW_COUNTS:
            f = r["%d_row" % n]
            out.write("  %-4d %-10s %12.0f %12.0f %9.2f %9.2f %9.2f %9d\n" % (
                r["run"], "%d row%s" % (n, "" if n == 1 else "s"), f["requests_per_s"], f["rows_per_s"],
                f["p50_ms"], f["p90_ms"], f["p99_ms"], f["failures"]))
        out.write("  run %d: /metrics counted %d predictions (code 200), %d rows, %d errors; "
                  "server memory %s\n" % (
            r["run"], r["metrics_predict_200"], r["metrics_rows"], r["metrics_errors"],
            "%.1f MiB" % (r["resident_kib"] / 1024) if r["resident_kib"] else "not measured (no /proc)"))
    if "memory_growth" in results:
        out.write("  server memory grew %.1f%% from the first run to the last\n"
                  % (100 * results["memory_growth"]))
    out.write("checks: %s\n" % ("all passed" if not problems else "FAILED\n  " + "\n  ".join(problems)))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m nnscratch.bench serve",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--requests", type=int, default=500,
                        help="requests per client and row size (default 500)")
    parser.add_argument("--model", help="a model file to serve (default: a freshly trained iris network)")
    parser.add_argument("--quick", action="store_true", help="4 clients x 25 requests")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.requests = 4, 25
    if args.clients < 1 or args.requests < 1:
        parser.error("--clients and --requests must be at least 1")
    results, problems = run(args.clients, args.requests, args.model)
    report(results, problems, sys.stdout)
    if args.json:
        from ..files.atomic import write_text_atomic

        write_text_atomic(args.json, json.dumps(dict(results, problems=problems), indent=1) + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
