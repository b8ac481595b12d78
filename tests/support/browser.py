"""Watching a page in the browser tests."""

from __future__ import annotations

from urllib.parse import urlsplit


class PageWatch:
    """Records what a page requested, what failed and what it logged as an error."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.external: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        page.on("response", self._response)
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.external.append(request.url)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def assert_clean(self, where: str):
        assert self.external == [], f"{where}: requests to other origins: {self.external}"
        assert self.failed == [], f"{where}: failed requests: {self.failed}"
        assert self.errors == [], f"{where}: console errors: {self.errors}"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
