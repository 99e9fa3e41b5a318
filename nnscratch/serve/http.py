"""What nnscratch's two HTTP servers (``serve``, ``playground``) share: a threaded
server run in the background.
"""

import threading
from http.server import ThreadingHTTPServer


class BackgroundServer(ThreadingHTTPServer):
    """A threaded HTTP server that can run in a background thread: ``start()``,
    ``port``, ``url``, ``stop()``.
    """

    _thread = None
    #: How often serve_forever checks for stop(): stop() takes up to this long
    #: (socketserver's default is 0.5 s).
    stop_poll_seconds = 0.05

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

    def stop(self):
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join()
