"""Serving a built site locally under a sub-path with Python's http.server.

Used by the browser tests (when nginx is not installed) and by the
benchmarks that open the site in Chromium. The deployed site runs on nginx
(deploy/nginx.conf); this server mimics its sub-path and 404 page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path

SUBPATH = "/fazhi/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    site_dir: Path
    subpath: str = SUBPATH

    def log_message(self, *args):  # keep test output clean
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.subpath):
            return str(self.site_dir / "__outside_subpath__")
        return super().translate_path("/" + path[len(self.subpath):])

    def send_error(self, code, message=None, explain=None):
        page = self.site_dir / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve_python(site_dir: Path, port: int, subpath: str = SUBPATH):
    """Fallback when nginx is absent: http.server with the same sub-path and 404 page."""
    attrs = {"site_dir": site_dir, "subpath": subpath}
    handler = functools.partial(type("H", (_SubpathHandler,), attrs), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{subpath}"
    finally:
        server.shutdown()
        server.server_close()
