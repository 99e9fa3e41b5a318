"""The prediction server's metrics, written in the Prometheus text exposition format (version 0.0.4).

``Metrics`` keeps, safe to update from many threads, what ``/metrics`` shows:

- ``nnscratch_requests_total``, by route and status code: every request that
  began to arrive, errors included. Those cut off before their headers ended
  have route "none" and code 408 (late), 400 (closed or reset) or 431 (too
  large); connections refused at the cap, route "none" and code 503. A
  connection closed without sending a byte is not a request.
- ``nnscratch_prediction_latency_seconds``: a histogram of the time to answer a
  ``/predict`` that succeeded, in the ``BUCKETS`` below;
- ``nnscratch_rows_predicted_total`` and ``nnscratch_predictions_total`` (rows,
  and rows by predicted class);
- ``nnscratch_requests_in_flight``, ``nnscratch_model_info`` (the model's name,
  version and format as labels) and ``process_start_time_seconds``.

>>> metrics = Metrics([("name", "iris")])
>>> metrics.count_request("/healthz", 200)
>>> [line for line in metrics.render().splitlines() if line.startswith("nnscratch_requests_total")]
['nnscratch_requests_total{route="/healthz",code="200"} 1']
"""

import threading
import time

from ..text import printable

__all__ = ["Metrics", "BUCKETS"]

#: Prediction latency histogram buckets, in seconds: 50 microseconds to 2.5 seconds.
BUCKETS = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
           1.0, 2.5)


def _escape(value):
    """A label value as the text format wants it: backslash, double quote and newline escaped.

    Other control characters (from a model file's names or date) are written as
    ``printable`` writes them, so ``curl /metrics`` cannot recolour a terminal.

    >>> _escape('a"b\\n\x1b[31m')
    'a\\\\"b\\\\n\\\\x1b[31m'
    """
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return printable(text)


def _labels(pairs):
    return "{" + ",".join('%s="%s"' % (k, _escape(v)) for k, v in pairs) + "}" if pairs else ""


class Metrics:
    """The server's counters, gauge and histogram, safe to update from many threads."""

    def __init__(self, model_labels):
        self._lock = threading.Lock()
        self.requests = {}  # (route, code) -> count
        self.rows = 0
        self.by_class = {}  # class name -> count
        self.in_flight = 0
        self.buckets = [0] * len(BUCKETS)  # observations <= each bound (cumulative when written)
        self.latency_sum = 0.0
        self.latency_count = 0
        self.model_labels = model_labels
        self.start_time = time.time()

    def request_started(self):
        with self._lock:
            self.in_flight += 1

    def request_finished(self, route, code):
        with self._lock:
            self.in_flight -= 1
        self.count_request(route, code)

    def count_request(self, route, code):
        """Count an answered request (also one that never got as far as request_started)."""
        key = (route, int(code))  # http.server passes HTTPStatus members, which print by name before 3.11
        with self._lock:
            self.requests[key] = self.requests.get(key, 0) + 1

    def observe_prediction(self, seconds, classes):
        with self._lock:
            for k, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    self.buckets[k] += 1
                    break
            self.latency_sum += seconds
            self.latency_count += 1
            self.rows += len(classes)
            for name in classes:
                self.by_class[name] = self.by_class.get(name, 0) + 1

    def render(self):
        """The metrics in the Prometheus text exposition format, version 0.0.4."""
        with self._lock:
            lines = [
                "# HELP nnscratch_requests_total HTTP requests answered, by route and status code.",
                "# TYPE nnscratch_requests_total counter",
            ]
            for (route, code), count in sorted(self.requests.items()):
                lines.append("nnscratch_requests_total%s %d"
                             % (_labels([("route", route), ("code", code)]), count))
            lines += [
                "# HELP nnscratch_prediction_latency_seconds "
                "Time to answer a /predict request that succeeded.",
                "# TYPE nnscratch_prediction_latency_seconds histogram",
            ]
            cumulative = 0
            for bound, count in zip(BUCKETS, self.buckets):
                cumulative += count
                lines.append('nnscratch_prediction_latency_seconds_bucket{le="%s"} %d'
                             % (repr(bound), cumulative))
            lines.append('nnscratch_prediction_latency_seconds_bucket{le="+Inf"} %d' % self.latency_count)
            lines.append("nnscratch_prediction_latency_seconds_sum %r" % self.latency_sum)
            lines.append("nnscratch_prediction_latency_seconds_count %d" % self.latency_count)
            lines += [
                "# HELP nnscratch_rows_predicted_total Input rows predicted.",
                "# TYPE nnscratch_rows_predicted_total counter",
                "nnscratch_rows_predicted_total %d" % self.rows,
                "# HELP nnscratch_predictions_total Rows predicted, by predicted class.",
                "# TYPE nnscratch_predictions_total counter",
            ]
            for name, count in sorted(self.by_class.items()):
                lines.append("nnscratch_predictions_total%s %d" % (_labels([("class", name)]), count))
            lines += [
                "# HELP nnscratch_requests_in_flight Requests being answered now.",
                "# TYPE nnscratch_requests_in_flight gauge",
                "nnscratch_requests_in_flight %d" % self.in_flight,
                "# HELP nnscratch_model_info The model being served (always 1).",
                "# TYPE nnscratch_model_info gauge",
                "nnscratch_model_info%s 1" % _labels(self.model_labels),
                "# HELP process_start_time_seconds "
                "Start time of the process since the Unix epoch, in seconds.",
                "# TYPE process_start_time_seconds gauge",
                "process_start_time_seconds %r" % self.start_time,
            ]
        return "\n".join(lines) + "\n"
