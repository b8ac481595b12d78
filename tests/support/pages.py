"""Reading pages of a built site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def soup(site: Path, path: str) -> BeautifulSoup:
    """The parsed HTML of ``path`` (a page URL like ``zhifa/`` or a file name) in the built ``site``."""
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
