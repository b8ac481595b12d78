"""Find what a built page or stylesheet would load from another origin.

The site runs on an intranet without internet access: a page that loads a
script, stylesheet, font, image or frame from another origin is broken there
(and leaks the reader's visit). ``external_loads`` lists such references in
HTML; ``external_css_urls`` in CSS. Plain links (``<a href>``) to outside sites
are navigation, not loads, and are allowed; so are ``<link rel="canonical">``
and similar non-loading relations.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# <link rel=…> values that make the browser fetch the target.
LOADING_LINK_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
    "modulepreload", "prefetch", "manifest", "mask-icon", "dns-prefetch",
    "preconnect",
}

# Attributes that load a resource, per tag.
LOADING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG <image>
    "use": ("href", "xlink:href"),    # SVG <use>
}

_EXTERNAL = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//", re.ASCII)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I)


def is_external(url: str) -> bool:
    """True for a URL that points at another origin (http:, https:, //host)."""
    return bool(_EXTERNAL.match(url or ""))


def external_css_urls(css: str) -> list[str]:
    """URLs in ``url(…)`` or ``@import`` of a stylesheet that leave the origin."""
    found = []
    for match in _CSS_URL.finditer(css):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if url and is_external(url):
            found.append(url)
    return found


class _LoadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        line = self.getpos()[0]
        names = LOADING_ATTRS.get(tag, ())
        if tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if rels & LOADING_LINK_RELS:
                names = ("href",)
        for name in names:
            value = attrs.get(name, "")
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            for url in urls:
                if is_external(url):
                    self.found.append((line, f"<{tag} {name}>", url))
        for url in external_css_urls(attrs.get("style", "")):
            self.found.append((line, f"<{tag} style>", url))
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for url in external_css_urls(data):
                self.found.append((self.getpos()[0], "<style>", url))


def external_loads(html: str) -> list[tuple[int, str, str]]:
    """``(line, where, url)`` for every reference in ``html`` that loads from another origin."""
    finder = _LoadFinder()
    finder.feed(html)
    finder.close()
    return finder.found
