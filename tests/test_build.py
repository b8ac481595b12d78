"""The real site builds with --strict and its pages hold what the issue requires."""

from __future__ import annotations

import json
import re

import pytest

from fazhi.quiz_check import load_project
from fazhi.site_build import PROJECT_ROOT, nav_pages
from support.pages import soup

TRACKS = {"huiqian/": "会前学法", "zhifa/": "行政执法培训", "anli/": "典型案例"}
GUIDES = ["guide/learners/", "guide/trainers/", "guide/maintainers/", "guide/deploy/"]


def test_every_page_is_simplified_chinese(built_site):
    pages = nav_pages(built_site)
    assert "" in pages and set(TRACKS) <= set(pages) and set(GUIDES) <= set(pages)
    for page in pages:
        html = soup(built_site, page)
        assert html.html["lang"] == "zh", page
        # The search box placeholder comes from Material's zh translation.
        assert html.select_one("input.md-search__input")["placeholder"] == "搜索", page


def test_home_page_sends_each_user_group_somewhere(built_site):
    html = soup(built_site, "")
    text = html.select_one("article").get_text()
    for group in ("自学", "培训管理员", "内容维护", "信息化"):
        assert group in text
    links = {a["href"] for a in html.select("article a[href]")}
    for target in ["huiqian/", "zhifa/", "anli/", *GUIDES]:
        assert target in links, target


@pytest.mark.parametrize("path,title", TRACKS.items())
def test_track_landing_pages_have_real_content(built_site, path, title):
    article = soup(built_site, path).select_one("article")
    assert article.h1.get_text(strip=True).startswith(title)
    assert len(article.select("h2")) >= 3
    assert len(article.get_text()) > 600  # prose, not a placeholder


def test_enforcement_page_explains_the_model_and_hours(built_site):
    article = soup(built_site, "zhifa/").select_one("article")
    text = article.get_text()
    for part in ("云平台", "现场观摩", "专题讲座", "全员轮训"):
        assert part in text
    assert article.select_one("h2#学时怎么计算") is not None


def test_chinese_headings_keep_their_text_as_anchor(built_site):
    html = soup(built_site, "")
    link = html.select_one('a[href="zhifa/#学时怎么计算"]')
    assert link is not None, "home page links to the Chinese anchor"
    ids = [h["id"] for h in soup(built_site, "zhifa/").select("article h2[id]")]
    assert "三段式培训模式" in ids and not any(re.fullmatch(r"_\d+", i) for i in ids)


def test_quiz_assets_only_on_pages_with_quizzes(built_site):
    with_quiz, without = [], []
    for page in nav_pages(built_site):
        html = soup(built_site, page)
        quizzes = html.select("div.quiz")
        has_assets = any("quiz" in (s.string or "") for s in html.select("script")) or any(
            ".quiz" in (s.string or "") for s in html.select("style")
        )
        (with_quiz if quizzes else without).append(page)
        assert bool(quizzes) == has_assets, page
    project = load_project(PROJECT_ROOT)
    embedding = {re.sub(r"(index)?\.md$", "", e.page).rstrip("/") + "/" for e in project.embeds}
    assert {"huiqian/", "zhifa/", "huiqian/shiyi-jianchi/"} <= embedding
    expected = embedding | {f"quizzes/{m}/" for m in project.modules}
    assert set(with_quiz) == expected
    assert len(without) >= 6


def test_quizzes_render_with_marked_answers_and_explanations(built_site):
    html = soup(built_site, "zhifa/")
    quizzes = html.select("div.quiz")
    assert len(quizzes) == 2
    for quiz in quizzes:
        assert quiz.select("input[data-correct=true]"), "a correct answer is marked"
        assert "《行政处罚法》" in quiz.select_one("section.content").get_text()
    assert html.select_one("#quiz-progress-sidebar") is not None


def test_search_index_segments_chinese(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    tokens = set()
    for doc in index["docs"]:
        tokens.update(t for t in separator.split(doc["text"]) if t)
    # jieba words, and legal compounds split by the user dictionary so that
    # a search for 复议 or 处罚 (a prefix search in the browser) finds them.
    assert {"复议", "处罚", "学时", "观摩"} <= tokens
    assert "行政复议" not in tokens and "行政处罚" not in tokens


def test_404_page_is_chinese_and_works_under_the_subpath(built_site):
    html = soup(built_site, "404.html")
    assert "页面不存在" in html.select_one("article").get_text()
    stylesheets = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert stylesheets and all(href.startswith("/fazhi/assets/") for href in stylesheets)
    assert html.select_one('article a[href="/fazhi/"]') is not None


def test_search_worker_is_patched_to_use_every_word(built_site):
    worker = next(built_site.glob("assets/javascripts/workers/search.*.min.js")).read_text(encoding="utf-8")
    assert "o<=t.length" in worker and 'join("* +")' in worker
