"""The built site in real headless Chromium, served by nginx under /fazhi/."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from fazhi.site_build import nav_pages
from support.pages import soup
from support.browser import PageWatch, origin_of

pytestmark = pytest.mark.browser


def test_every_page_loads_offline_without_errors(page, site_server, built_site):
    pages = nav_pages(built_site)
    assert len(pages) >= 9
    for path in pages:
        page.goto(site_server + path, wait_until="networkidle")
        assert page.locator("article h1").count() == 1, path
        # Material's own script ran (it swaps the no-js class for js).
        assert "js" in page.evaluate("document.documentElement.className.split(' ')"), path
    page.watch.assert_clean("navigation pages")


def search(page, term):
    """Type ``term`` into the search box; return (page URL, text) per result page."""
    page.goto(page.url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    # An input method commits Chinese text and then fires keyup, which is what
    # Material's search listens to: fill the text, then release a key.
    box.fill(term)
    box.press("End")
    page.locator(".md-search-result__meta", has_text="结果").wait_for(timeout=10000)
    items = page.locator("li.md-search-result__item")
    # Material shows the first results and adds more as the list is scrolled.
    count = -1
    while items.count() != count:
        count = items.count()
        items.nth(count - 1).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    return [
        (items.nth(i).locator("a").first.get_attribute("href"), items.nth(i).inner_text().replace("\u200b", ""))
        for i in range(items.count())
    ]


def test_search_finds_a_chinese_term(page, site_server):
    page.goto(site_server, wait_until="networkidle")
    results = search(page, "复议")
    assert any("anli/" in href for href, _text in results), results
    for _href, text in results:
        assert "复议" in text
    page.watch.assert_clean("search")


def test_search_for_a_compound_needs_all_its_words(page, site_server, built_site):
    """行政复议 finds the pages about 复议, not every page that says 行政."""
    page.goto(site_server, wait_until="networkidle")
    compound = search(page, "行政复议")
    broad = search(page, "行政")

    def sections(results):  # each result page counts its matching sections too
        return sum(1 + int((re.findall(r"还有 (\d+) 个", text) or ["0"])[0]) for _href, text in results)

    assert compound and sections(compound) < sections(broad)
    def page_path(href):  # result link → the page's URL path relative to the site root
        return urlsplit(urljoin(page.url, href)).path.split(urlsplit(site_server).path, 1)[-1]

    def mentions_fuyi(path):
        return "复议" in soup(built_site, path).select_one("article").get_text()

    broad_only = {page_path(h) for h, _t in broad} - {page_path(h) for h, _t in compound}
    assert any(not mentions_fuyi(p) for p in broad_only), "pages that say 行政 but never 复议 are left out"
    assert not any(not mentions_fuyi(page_path(h)) for h, _t in compound), "行政复议 finds only pages about 复议"
    page.watch.assert_clean("compound search")


def answer_first_quiz_correctly(page):
    quiz = page.locator("div.quiz").first
    quiz.locator("input[data-correct=true]").first.check()
    submit = quiz.locator("button", has_text="提交")
    if submit.count() and submit.first.is_visible():
        submit.first.click()
    return quiz


def test_quiz_can_be_answered_and_shows_feedback(page, site_server):
    page.goto(site_server + "huiqian/", wait_until="networkidle")
    quiz = page.locator("div.quiz").first
    wrong = quiz.locator("input:not([data-correct])").first
    wrong.check()
    feedback = quiz.locator(".quiz-feedback")
    feedback.wait_for(state="visible")
    assert "错误" in feedback.inner_text() or "不正确" in feedback.inner_text()
    # The explanation with its source is shown after an answer.
    explanation = quiz.locator("section.content")
    assert explanation.is_visible()
    assert "《行政处罚法》第三十三条" in explanation.inner_text()
    page.watch.assert_clean("quiz")


def test_instant_navigation_keeps_quizzes_working(page, site_server):
    page.goto(site_server + "huiqian/", wait_until="networkidle")
    page.evaluate("window.__noReload = true")
    for path, title in [("zhifa/", "行政执法培训"), ("huiqian/", "会前学法"), ("zhifa/", "行政执法培训")]:
        page.locator(f'nav a.md-tabs__link[href$="{path}"], a.md-tabs__link:has-text("{title}")').first.click()
        page.wait_for_url("**/" + path)
        page.locator("article h1", has_text=title).wait_for()
        page.wait_for_load_state("networkidle")
        # Still the same document: the page was swapped in by instant navigation.
        assert page.evaluate("window.__noReload") is True
        quizzes = page.locator("div.quiz")
        assert quizzes.count() == 2
        # One set of controls per quiz: no duplicated inputs or buttons.
        for i in range(quizzes.count()):
            quiz = quizzes.nth(i)
            assert quiz.locator("fieldset").count() == 1
            assert quiz.locator("button", has_text="提交").count() <= 1
        assert page.locator("#quiz-progress-sidebar").count() <= 1
        quiz = answer_first_quiz_correctly(page)
        feedback = quiz.locator(".quiz-feedback")
        feedback.wait_for(state="visible")
        assert "正确" in feedback.inner_text()
    page.watch.assert_clean("instant navigation")


def test_phone_width_shows_the_page_and_the_menu(chromium, site_server):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    watch = PageWatch(page, origin_of(site_server))
    page.goto(site_server + "zhifa/", wait_until="networkidle")
    assert page.locator("article h1").is_visible()
    page.locator('header label.md-header__button[for="__drawer"]').click()
    page.locator(".md-nav--primary").get_by_text("典型案例").first.wait_for(state="visible")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "no horizontal scrolling on a phone"
    watch.assert_clean("phone")
    context.close()


def test_404_page_under_the_subpath(page, site_server):
    response = page.goto(site_server + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert "页面不存在" in page.locator("article").inner_text()
    # Its stylesheet loaded: Material's layout is applied.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    # The missing page itself is the one expected failure (and its console line).
    assert len([f for f in page.watch.failed if "no/such/page" in f]) == 1
    page.watch.failed = [f for f in page.watch.failed if "no/such/page" not in f]
    expected = [e for e in page.watch.errors if "status of 404" in e]
    assert len(expected) == 1
    page.watch.errors.remove(expected[0])
    page.watch.assert_clean("404")
    page.locator("article a", has_text="返回首页").click()
    page.wait_for_url(site_server)
    # With instant navigation the URL changes before the new content is in.
    page.locator("article h1", has_text="法治政府建设学习培训平台").wait_for()


def test_same_build_works_at_the_server_root(chromium, built_site):
    """The folder built for /fazhi/ also works when put at a server's root."""
    from support.servers import free_port, serve_python

    with serve_python(built_site, free_port(), subpath="/") as base:
        context = chromium.new_context(locale="zh-CN")
        page = context.new_page()
        watch = PageWatch(page, origin_of(base))
        for path in ("", "zhifa/", "guide/deploy/"):
            page.goto(base + path, wait_until="networkidle")
            assert page.locator("article h1").count() == 1
        page.locator("a.md-tabs__link", has_text="典型案例").click()
        page.wait_for_url(base + "anli/")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("观摩")
        box.press("End")
        page.locator(".md-search-result__item a").first.wait_for()
        watch.assert_clean("root deployment")
        context.close()
