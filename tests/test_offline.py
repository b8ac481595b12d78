"""No built page or stylesheet loads anything from another origin."""

from __future__ import annotations

from bs4 import BeautifulSoup

from fazhi.offline import external_css_urls, external_loads, is_external
from fazhi.site_build import build_site

LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}


def test_is_external():
    assert is_external("https://cdn.jsdelivr.net/x.svg")
    assert is_external("//fonts.googleapis.com/css")
    assert not is_external("../assets/x.css")
    assert not is_external("/fazhi/assets/x.css")
    assert not is_external("data:image/svg+xml;base64,AAAA")


def test_external_loads_finds_every_kind_of_load():
    html = """<html><head>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="canonical" href="https://intranet.example/page/">
<style>body { background: url("https://example.com/bg.png") }</style>
</head><body>
<img src="https://cdn.jsdelivr.net/gh/twitter/twemoji/svg/1f600.svg" alt="😀">
<img srcset="local.png 1x, https://example.com/big.png 2x">
<iframe src="//video.example.com/embed/1"></iframe>
<script src="https://unpkg.com/mermaid@11"></script>
<div style="background-image:url(http://example.com/a.png)"></div>
<a href="https://flk.npc.gov.cn/">国家法律法规数据库</a>
</body></html>"""
    found = [(where, url) for _line, where, url in external_loads(html)]
    assert ("<link href>", "https://fonts.googleapis.com/css?family=Roboto") in found
    assert ("<style>", "https://example.com/bg.png") in found
    assert ("<img src>", "https://cdn.jsdelivr.net/gh/twitter/twemoji/svg/1f600.svg") in found
    assert ("<img srcset>", "https://example.com/big.png") in found
    assert ("<iframe src>", "//video.example.com/embed/1") in found
    assert ("<script src>", "https://unpkg.com/mermaid@11") in found
    assert ("<div style>", "http://example.com/a.png") in found
    assert len(found) == 7  # canonical link and <a href> are not loads


def test_external_css_urls():
    css = "@import 'https://x.example/a.css'; a{background:url(../img/a.png)} b{src:url('https://fonts.gstatic.com/f.woff2')}"
    assert external_css_urls(css) == ["https://x.example/a.css", "https://fonts.gstatic.com/f.woff2"]


def test_built_site_loads_nothing_from_other_origins(built_site):
    """Independent of the build hook: parse every page and stylesheet with BeautifulSoup."""
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in LOADING.items():
            for el in html.find_all(tag):
                assert not is_external(el.get(attr, "")), f"{page}: <{tag} {attr}={el.get(attr)}>"
        for link in html.find_all("link"):
            if set(link.get("rel", [])) & {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "preconnect"}:
                assert not is_external(link["href"]), f"{page}: {link}"
        for style in html.find_all("style"):
            assert external_css_urls(style.get_text()) == [], page
        for el in html.select("[style]"):
            assert external_css_urls(el["style"]) == [], page
    stylesheets = list(built_site.rglob("*.css"))
    assert stylesheets
    for css in stylesheets:
        assert external_css_urls(css.read_text(encoding="utf-8")) == [], css


def test_theme_uses_no_web_fonts(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_build_fails_on_a_page_that_loads_from_outside(project_copy, tmp_path):
    page = project_copy / "docs" / "anli" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n今天的心情 :smile:\n\n![图](https://example.com/a.png)\n", encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    assert not result.ok
    assert "anli/index.md" in result.output
    assert "https://example.com/a.png" in result.output
    assert "cdn.jsdelivr.net" in result.output  # the twemoji image
