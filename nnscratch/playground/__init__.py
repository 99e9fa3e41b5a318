"""The playground: nnscratch training live in a browser page, through Pyodide.

    python -m nnscratch.playground [--port 8000] [--host 127.0.0.1] [--pyodide DIR] [--open]

It serves a hand-written page (``index.html``, ``app.js``, ``worker.js``,
``style.css``, kept beside this file) and nnscratch's own source files. The
page starts a Web Worker that loads Pyodide (CPython compiled to
WebAssembly), writes the package files into Pyodide's file system, imports
them, and trains ``nnscratch.Network`` there: the page runs exactly the
library installed here. The worker posts progress a few times a second, so
the page stays responsive.

Pyodide comes from a CDN by default (users with internet). For offline use,
``npm install pyodide`` and pass ``--pyodide node_modules/pyodide``: that
folder is then served from the same origin and nothing leaves the machine.

Routes, all GET (anything else is refused; no path outside these folders is
ever served):

    /                      the page          /app.js, /worker.js, /style.css
    /config.json           where Pyodide is, and which package files there are
    /nnscratch/<path>      the package's files: its .py source and its built-in
                           datasets (.csv.gz), the same files a copy of the folder has
    /pyodide/<file>        the local Pyodide, with --pyodide

The server is the one ``nnscratch serve`` runs on, with its limits
(``nnscratch/serve/http.py``: backlog, ``max_connections``, ``grace``;
``nnscratch/serve/connection.py``: the ``timeout`` deadline, head size, lingering
close). Control characters from a request never reach the log raw.
"""

import argparse
import json
import os
import sys
import webbrowser
from pathlib import Path

from ..serve.connection import TIMEOUT, DeadlineHandler
from ..serve.http import GRACE, MAX_CONNECTIONS, BackgroundServer
from ..text import printable
from .._version import __version__

__all__ = ["make_server", "main", "PYODIDE_VERSION", "DEFAULT_PYODIDE_URL"]

#: The Pyodide release the page is written and tested against (npm package "pyodide").
PYODIDE_VERSION = "314.0.7"
#: Where Pyodide comes from without --pyodide: the npm package's files on the jsDelivr CDN.
DEFAULT_PYODIDE_URL = "https://cdn.jsdelivr.net/npm/pyodide@%s/" % PYODIDE_VERSION

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
PAGE_FILES = {"/": "index.html", "/index.html": "index.html", "/app.js": "app.js", "/worker.js": "worker.js",
              "/style.css": "style.css"}
#: What Pyodide needs of the package folder to run it: the source and the built-in datasets.
PACKAGE_SUFFIXES = (".py", ".csv.gz")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".py": "text/x-python; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
    ".zip": "application/zip", ".csv": "text/csv; charset=utf-8", ".png": "image/png",
    ".map": "application/json", ".txt": "text/plain; charset=utf-8", ".tar": "application/x-tar",
    ".whl": "application/zip", ".data": "application/octet-stream", ".gz": "application/gzip",
}
#: An answer goes out in pieces of this many bytes, each with the timeout to be sent: a large file
#: (Pyodide's is 10 MB) reaches a slow client, and a client that stops reading is cut off.
WRITE_PIECE = 256 * 1024


def package_files():
    """The package files the worker copies into Pyodide (source, built-in data), relative to the package."""
    files = []
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if path.name.endswith(PACKAGE_SUFFIXES) and "__pycache__" not in relative.parts and path.is_file():
            files.append(relative.as_posix())
    return files


def _inside(root, relative):
    """root/relative if it is a file inside root (no "..", no link out), else None."""
    if not relative or "\\" in relative or "\0" in relative or relative.startswith("/"):
        return None
    parts = relative.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return None
    root = os.path.realpath(str(root))
    target = os.path.realpath(os.path.join(root, *parts))
    if os.path.commonpath([root, target]) != root or not os.path.isfile(target):
        return None
    return target


class _Handler(DeadlineHandler):
    server_version = "nnscratch-playground/" + __version__

    def do_GET(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == "/config.json":
            return self._send(200, json.dumps(self.server.config()).encode(), CONTENT_TYPES[".json"])
        target = None
        if path in PAGE_FILES:
            target = _inside(HERE, PAGE_FILES[path])
        elif path.startswith("/nnscratch/") and path.endswith(PACKAGE_SUFFIXES):
            target = _inside(PACKAGE, path[len("/nnscratch/"):])
        elif path.startswith("/pyodide/") and self.server.pyodide_dir is not None:
            target = _inside(self.server.pyodide_dir, path[len("/pyodide/"):])
        if target is None:
            return self._send(404, b"not found\n", CONTENT_TYPES[".txt"])
        with open(target, "rb") as f:
            body = f.read()
        suffix = os.path.splitext(target)[1].lower()
        self._send(200, body, CONTENT_TYPES.get(suffix, "application/octet-stream"))

    def do_HEAD(self):
        self.do_GET()

    def _refuse(self):
        self._send(405, b"the playground only answers GET\n", CONTENT_TYPES[".txt"], [("Allow", "GET")])

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def _send(self, code, body, content_type, headers=()):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            view = memoryview(body)
            for start in range(0, len(body), WRITE_PIECE):
                self.wfile.write(view[start:start + WRITE_PIECE])


class PlaygroundServer(BackgroundServer):
    """The playground's server: the page, the package's files, a local Pyodide (see the module docstring)."""

    def __init__(self, address, pyodide_dir, pyodide_url, verbose, **limits):
        self.pyodide_dir = Path(pyodide_dir).resolve() if pyodide_dir else None
        self.pyodide_url = "/pyodide/" if pyodide_dir else (pyodide_url or DEFAULT_PYODIDE_URL)
        self.verbose = verbose
        super().__init__(address, _Handler, log_requests=verbose, **limits)

    def config(self):
        return {
            "pyodide": self.pyodide_url, "pyodide_version": PYODIDE_VERSION,
            "local_pyodide": self.pyodide_dir is not None,
            "files": package_files(), "nnscratch_version": __version__,
        }


def make_server(host="127.0.0.1", port=0, pyodide_dir=None, pyodide_url=None, verbose=False, *,
                timeout=TIMEOUT, max_connections=MAX_CONNECTIONS, grace=GRACE):
    """A playground server bound to host:port (0: a free port); call start() to serve in a thread.

    ``timeout``, ``max_connections`` and ``grace`` are the limits of
    ``nnscratch.serve.http.BackgroundServer``; out of range, they raise ValueError.
    """
    if pyodide_dir is not None and not (Path(pyodide_dir) / "pyodide.mjs").is_file():
        raise FileNotFoundError("no pyodide.mjs in %s: give the folder of the npm package "
                                "(npm install pyodide@%s; then node_modules/pyodide)"
                                % (pyodide_dir, PYODIDE_VERSION))
    return PlaygroundServer((host, port), pyodide_dir, pyodide_url, verbose, timeout=timeout,
                            max_connections=max_connections, grace=grace)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m nnscratch.playground",
        description="Serve the nnscratch playground: train networks live in a browser.")
    parser.add_argument("--port", type=int, default=8000, help="default 8000; 0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1: this machine only")
    parser.add_argument("--pyodide", metavar="DIR",
                        help="a local Pyodide (e.g. node_modules/pyodide after npm install pyodide@%s): "
                             "served from the same origin, fully offline" % PYODIDE_VERSION)
    parser.add_argument("--pyodide-url", metavar="URL", help="load Pyodide from this URL instead of %s"
                        % DEFAULT_PYODIDE_URL)
    parser.add_argument("--open", action="store_true", help="open the page in the default browser")
    parser.add_argument("--verbose", action="store_true", help="print a line per request")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be from 0 to 65535, got %d" % args.port)
    try:
        server = make_server(args.host, args.port, args.pyodide, args.pyodide_url, args.verbose)
    except FileNotFoundError as e:
        sys.stderr.write("playground: %s\n" % printable(e))
        return 1
    except OSError as e:  # the port is taken, the host is not this machine's, ...
        sys.stderr.write("playground: cannot listen on %s port %d: %s\n"
                         % (printable(args.host), args.port, printable(e.strerror or e)))
        return 1
    sys.stderr.write("nnscratch playground at %s (Pyodide from %s); Ctrl-C stops\n"
                     % (server.url, args.pyodide or server.pyodide_url))
    if args.open:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
