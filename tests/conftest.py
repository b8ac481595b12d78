"""Shared fixtures: one real build of the site, served under a sub-path, and a headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fazhi.site_build import PROJECT_ROOT, build_site
from support.browser import PageWatch, origin_of
from support.servers import SUBPATH, find_nginx, free_port, serve_nginx, serve_python

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def server_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, server_port) -> Path:
    """The real site, built with --strict for deployment at http://127.0.0.1:PORT/fazhi/.

    Material's instant navigation only intercepts links listed in sitemap.xml,
    matched with their port and path, so the build must know the address the
    site is served at, as a real deployment does (SITE_URL).
    """
    site_dir = tmp_path_factory.mktemp("build") / "site"
    result = build_site(site_dir, site_url=f"http://127.0.0.1:{server_port}{SUBPATH}")
    assert result.ok, f"mkdocs build --strict failed:\n{result.output}"
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site, tmp_path_factory, server_port):
    """Base URL (ending in /fazhi/) of the built site on a local web server."""
    if find_nginx():
        with serve_nginx(built_site, tmp_path_factory.mktemp("nginx"), server_port) as base:
            yield base
    else:
        with serve_python(built_site, server_port) as base:
            yield base


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright starts each browser with a fresh temporary profile.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project's sources, for builds with broken content."""
    dest = tmp_path / "project"
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache")
    shutil.copytree(PROJECT_ROOT, dest, ignore=ignore)
    return dest


@pytest.fixture()
def page(chromium, site_server):
    """A fresh browser context (empty localStorage) with a PageWatch on its page, as ``page.watch``."""
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page, origin_of(site_server))
    yield page
    context.close()


@pytest.fixture(scope="session")
def content_site(tmp_path_factory):
    """(site folder, base URL) of the project built with the content-page fixtures added
    (tests/support/content_site.py), served under /fazhi/ by Python's server while the session lasts.

    The build knows the address it is served at, so that Material's instant navigation works.
    """
    from support.content_site import project_with_fixtures

    port = free_port()
    project = project_with_fixtures(tmp_path_factory.mktemp("content") / "project")
    site_dir = project / "site"
    result = build_site(site_dir, project, site_url=f"http://127.0.0.1:{port}{SUBPATH}")
    assert result.ok, f"mkdocs build --strict of the content fixtures failed:\n{result.output}"
    with serve_python(site_dir, port) as base:
        yield site_dir, base
