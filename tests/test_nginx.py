"""The shipped deploy/nginx.conf, run by real nginx: sub-path, gzip, caching, 404, CSP."""

from __future__ import annotations

import gzip
import os
import re
import urllib.error
import urllib.request

import pytest

from support.servers import find_nginx

pytestmark = pytest.mark.skipif(
    not find_nginx() and not os.environ.get("REQUIRE_NGINX"), reason="nginx not installed (apt-get install nginx)"
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, gzip_ok=True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_is_what_serves_the_tests(site_server):
    assert find_nginx(), "the browser tests must run against real nginx where it is installed"
    _status, headers, _body = fetch(site_server)
    assert headers["Server"].startswith("nginx")


@pytest.mark.parametrize("kind", ["html", "css", "js", "json"])
def test_text_is_gzipped(site_server, built_site, kind):
    paths = {
        "html": "",
        "css": next(built_site.glob("assets/stylesheets/main.*.min.css")).relative_to(built_site).as_posix(),
        "js": next(built_site.glob("assets/javascripts/bundle.*.min.js")).relative_to(built_site).as_posix(),
        "json": "search/search_index.json",
    }
    status, headers, body = fetch(site_server + paths[kind])
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert len(gzip.decompress(body)) > len(body)


def test_hashed_assets_are_cached_for_a_year_and_pages_revalidate(site_server, built_site):
    css = next(built_site.glob("assets/stylesheets/main.*.min.css")).relative_to(built_site).as_posix()
    _status, headers, _body = fetch(site_server + css)
    assert re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1) == "31536000"
    _status, headers, _body = fetch(site_server + "zhifa/")
    assert headers["Cache-Control"] == "no-cache"
    # Unhashed files (the search index) must not be cached for long either.
    _status, headers, _body = fetch(site_server + "search/search_index.json")
    assert headers["Cache-Control"] == "no-cache"


def test_missing_page_gets_the_sites_404_page(site_server):
    status, headers, body = fetch(site_server + "no/such/page/", gzip_ok=False)
    assert status == 404
    assert "页面不存在" in body.decode("utf-8")
    assert "Content-Security-Policy" in headers


def test_subpath_without_slash_redirects(site_server):
    status, headers, _body = fetch(site_server.rstrip("/"))
    assert status == 301
    assert headers["Location"] == "/fazhi/"


def test_content_security_policy_allows_only_this_origin(site_server):
    _status, headers, _body = fetch(site_server)
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    for directive, sources in csp.items():
        assert "http" not in sources and "*" not in sources, directive
    assert headers["X-Content-Type-Options"] == "nosniff"
