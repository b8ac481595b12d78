"""Law citations in real headless Chromium: tooltip on hover and on tap, links that land on the article, search."""

from __future__ import annotations

import pytest

from fazhi.laws.database import LawDatabase, locate_database
from support.browser import PageWatch, origin_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def article_33():
    db = LawDatabase(locate_database())
    article = db.law("行政处罚法").article(33)
    db.close()
    return article


def citation(page, text="《行政处罚法》第三十三条"):
    link = page.locator("article a.fazhi-cite--article", has_text=text).first
    link.scroll_into_view_if_needed()
    return link


def wait_for_landing(page, anchor: str):
    """Wait until the address ends in #anchor and that article is at the top of the window."""
    page.wait_for_function(
        """id => { const el = document.getElementById(id);
                   if (!el || decodeURIComponent(location.hash) !== "#" + id) return false;
                   const top = el.getBoundingClientRect().top;
                   return top >= 0 && top < window.innerHeight / 3; }""",
        arg=anchor,
        timeout=10000,
    )
    page.wait_for_timeout(1000)  # and it stays there (no late rewrite of the address)
    assert page.evaluate("decodeURIComponent(location.hash)") == "#" + anchor


def test_hover_shows_the_article_text(page, site_server, article_33):
    page.goto(site_server + "huiqian/", wait_until="networkidle")
    link = citation(page)
    link.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert text.startswith("《行政处罚法》第三十三条：")
    for line in article_33.lines:
        assert line in text
    page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden", timeout=5000)
    page.watch.assert_clean("tooltip on hover")


def test_tap_shows_the_article_and_a_second_tap_opens_it(chromium, site_server, article_33):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    watch = PageWatch(page, origin_of(site_server))
    page.goto(site_server + "huiqian/", wait_until="networkidle")
    link = citation(page)
    link.tap()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert article_33.lines[0] in tooltip.inner_text()
    page.wait_for_timeout(500)
    assert "/huiqian/" in page.url, "the first tap does not navigate"
    box = tooltip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the tooltip fits the phone's screen"
    # Tapping elsewhere hides it; tapping the citation again shows it again, and a second tap opens the article.
    page.locator("article h1").tap()
    tooltip.wait_for(state="hidden", timeout=5000)
    link.tap()
    tooltip.wait_for(state="visible", timeout=5000)
    link.tap()
    page.wait_for_url("**/laws/xingzheng-chufa-fa/**")
    wait_for_landing(page, "a33")
    watch.assert_clean("tap on a citation")
    context.close()


def test_link_in_a_quiz_explanation_lands_on_the_article(page, site_server):
    page.goto(site_server + "huiqian/", wait_until="networkidle")
    quiz = page.locator("div.quiz").first
    quiz.locator("input[data-correct=true]").first.check()
    submit = quiz.locator("button", has_text="提交")
    if submit.count() and submit.first.is_visible():
        submit.first.click()
    explanation = quiz.locator("section.content")
    explanation.wait_for(state="visible")
    link = explanation.locator("a.fazhi-cite--article").first
    href = link.get_attribute("href")  # made absolute by Material's instant navigation
    assert "/fazhi/laws/xingzheng-chufa-fa/#a" in href
    anchor = href.split("#")[1]
    page.evaluate("window.__noReload = true")
    link.click()
    page.wait_for_url("**/laws/xingzheng-chufa-fa/**")
    wait_for_landing(page, anchor)
    assert page.evaluate("window.__noReload") is True, "instant navigation took the link"
    assert page.locator("article h1").inner_text().startswith("中华人民共和国行政处罚法")
    page.watch.assert_clean("citation in a quiz explanation")


def test_search_finds_the_article_about_hearings(page, site_server):
    page.goto(site_server + "laws/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("听证")
    box.press("End")
    page.locator(".md-search-result__meta", has_text="结果").wait_for(timeout=10000)
    hrefs = page.locator(".md-search-result a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    # Material adds ?h=<term> to highlight it on the target page.
    assert any("/laws/xingzheng-chufa-fa/?h=" in h and h.endswith("#a64") for h in hrefs), hrefs
    page.watch.assert_clean("search for 听证")
