"""Printing: the print stylesheet's rules, and pages printed to PDF in headless Chromium.

A learner's handout (the browser's 打印) has the page's text without
navigation, presenter notes or quiz answers; the presenter version
(「打印领学人版」, docs/assets/javascripts/print-mode.js) adds the presenter
section, the answer key and marks on the correct options. The observation
record form prints on one A4 page with cell borders.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from fazhi.content import check_content
from fazhi.site_build import PROJECT_ROOT
from support import content_site as fx
from support.browser import PageWatch, origin_of
from support.pages import soup
from support.pdf import fold, pdf_pages

CSS = PROJECT_ROOT / "docs" / "assets" / "stylesheets" / "print.css"
JS = PROJECT_ROOT / "docs" / "assets" / "javascripts" / "print-mode.js"
REAL = check_content(PROJECT_ROOT)
A4 = (595.28, 841.89)  # points


# --------------------------------------------------------------------------
# The stylesheet's rules
# --------------------------------------------------------------------------


def _block(text: str, start: int) -> tuple[str, int]:
    """The text between the brace at ``start`` and its partner, and the index after it."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index], index + 1
    raise AssertionError("unbalanced braces in print.css")


def parse_rules(text: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of each plain rule of ``text`` (at-rules are skipped)."""
    rules = []
    pos = 0
    while True:
        brace = text.find("{", pos)
        if brace < 0:
            return rules
        prelude = text[pos:brace].strip()
        body, pos = _block(text, brace)
        if prelude.startswith("@"):
            continue
        selectors = [" ".join(s.split()) for s in prelude.split(",")]
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip()] = " ".join(value.split())
        rules.append((selectors, declarations))


def stylesheet() -> tuple[str, str]:
    """(the rules outside @media print, the body of @media print) of print.css."""
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    match = re.search(r"@media\s+print\s*\{", text)
    body, end = _block(text, match.end() - 1)
    return text[: match.start()] + text[end:], body


def declarations_for(rules, selector: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for selectors, declarations in rules:
        if selector in selectors:
            merged.update(declarations)
    return merged


HIDDEN_IN_PRINT = [
    ".md-header",  # header with the site name and search
    ".md-tabs",  # top-level navigation tabs
    ".md-sidebar",  # navigation and table of contents
    ".md-footer",
    ".md-search",
    ".md-typeset .headerlink",  # permalink marks
    ".md-content__button",  # edit / view source
    ".fazhi-presenter",  # presenter-only sections
    ".fazhi-print-buttons",
    ".quiz section.content",  # explanations
    ".quiz-feedback",
    "#quiz-progress-sidebar",
    "#quiz-progress-mobile",
    "#quiz-results",
    ".quiz .quiz-reset-button",
    ".quiz-reset-all-link",
    ".quiz-header-link",
]


@pytest.mark.parametrize("selector", HIDDEN_IN_PRINT)
def test_print_rules_hide_chrome_presenter_notes_and_quiz_answers(selector):
    _screen, printed = stylesheet()
    assert declarations_for(parse_rules(printed), selector).get("display") == "none !important", selector


def test_print_rules_neutralise_answer_marks_and_use_a4():
    _screen, printed = stylesheet()
    rules = parse_rules(printed)
    for selector in (".quiz .correct label", ".quiz .wrong label"):
        marks = declarations_for(rules, selector)
        assert marks["color"] == "inherit !important" and marks["background"] == "none !important"
    page = re.search(r"@page\s*\{([^}]*)\}", printed)
    assert page and re.search(r"size:\s*A4", page.group(1))


def test_presenter_mode_shows_the_presenter_section_and_marks_correct_options():
    screen, printed = stylesheet()
    rules = parse_rules(printed)
    assert declarations_for(rules, "html.fazhi-print-presenter .fazhi-presenter")["display"] == "block !important"
    assert declarations_for(rules, "html.fazhi-print-presenter .fazhi-answer-key")["display"] == "block !important"
    mark = declarations_for(rules, 'html.fazhi-print-presenter .quiz input[data-correct="true"] + label::after')
    assert mark["content"] == '"（正确答案）"'
    # On screen the presenter section is shown (with its label), never hidden.
    assert "display" not in declarations_for(parse_rules(screen), ".md-typeset .fazhi-presenter")


def test_record_form_prints_with_borders_and_room_to_write():
    _screen, printed = stylesheet()
    rules = parse_rules(printed)
    assert declarations_for(rules, ".fazhi-record-form td")["border"] == "1px solid #000 !important"
    assert declarations_for(rules, ".fazhi-record-form td")["height"] == "9mm"
    table = declarations_for(rules, ".fazhi-record-form table")
    assert table["break-inside"] == "avoid" and table["width"] == "100% !important"


def test_every_page_loads_the_print_assets_from_this_site(built_site):
    for page in ("", "huiqian/", "anli/", "guide/maintainers/"):
        html = soup(built_site, page)
        css = [link["href"] for link in html.select('link[rel="stylesheet"]') if link["href"].endswith("print.css")]
        js = [s["src"] for s in html.select("script[src]") if s["src"].endswith("print-mode.js")]
        assert len(css) == 1 and len(js) == 1, page
        assert not css[0].startswith(("/", "http")) and not js[0].startswith(("/", "http"))
        assert (built_site / page / css[0]).resolve().is_file() and (built_site / page / js[0]).resolve().is_file()
    assert not re.search(r"https?:|//[\w.-]+/", JS.read_text(encoding="utf-8")), "print-mode.js makes no outside request"


# --------------------------------------------------------------------------
# Printing to PDF in headless Chromium
# --------------------------------------------------------------------------

@pytest.fixture()
def fixture_page(chromium, content_site):
    """A browser page on the fixture site, watched for outside requests and errors."""
    _site, base = content_site
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page, origin_of(base))
    page.base = base
    yield page
    page.watch.assert_clean("fixture site")
    context.close()


def printed(page) -> list[str]:
    """The folded text of each page of the current page printed to PDF (A4 from print.css)."""
    data = page.pdf(prefer_css_page_size=True, print_background=False)
    for sheet in PdfReader(io.BytesIO(data)).pages:
        size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
        assert size == pytest.approx(A4, abs=1), size
    return pdf_pages(data)


NAV_ONLY = ["法治政府建设学习培训平台", "部署与运维", "培训管理", "法律法规库", "测验任务", "本页目录"]


@pytest.mark.browser
def test_learner_handout_has_the_text_but_no_navigation_notes_or_answers(fixture_page):
    fixture_page.goto(fixture_page.base + fx.KIT)
    text = "".join(printed(fixture_page))
    for words in ("测试材料包标题", "学习要点正文甲：三个条件都具备的，不予处罚。", "讨论题正文甲", "行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。"):
        assert fold(words) in text, words
    # The quiz's questions and options are printed, to be answered on paper.
    assert fold("行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当怎样处理？") in text
    for words in [*NAV_ONLY, "领学人提示", "领学人备注正文", "参考答案正文甲", "解析", "小测验答案", "正确答案", "打印讲义"]:
        assert fold(words) not in text, words


@pytest.mark.browser
def test_presenter_version_adds_the_notes_the_answer_key_and_the_marks(fixture_page):
    fixture_page.goto(fixture_page.base + fx.KIT)
    fixture_page.evaluate("() => { window.fazhiPrint.enter('presenter'); }")
    text = "".join(printed(fixture_page))
    for words in ("测试材料包标题", "学习要点正文甲", "领学人提示", "领学人备注正文：先请与会人员说出三个条件。", "参考答案正文甲",
                  "小测验答案与解析", "测试解析甲", "测试解析乙", "公示（正确答案）", "错误（正确答案）"):
        assert fold(words) in text, words
    for words in NAV_ONLY:
        assert fold(words) not in text, words


@pytest.mark.browser
def test_print_buttons_set_the_mode_for_the_print_and_undo_it(fixture_page):
    page = fixture_page
    page.goto(page.base + fx.KIT)
    page.evaluate(
        """() => { window.__prints = []; window.print = () => window.__prints.push([
             document.documentElement.classList.contains('fazhi-print-presenter'),
             document.querySelector('.fazhi-answer-key').open]); }"""
    )
    presenter = page.get_by_role("button", name="打印领学人版（含答案）")
    learner = page.get_by_role("button", name="打印讲义")
    assert presenter.is_visible() and learner.is_visible()
    presenter.click()
    assert page.evaluate("window.__prints") == [[True, True]]
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("[document.documentElement.className.includes('fazhi-print'), document.querySelector('.fazhi-answer-key').open]") == [False, False]
    learner.click()
    assert page.evaluate("window.__prints") == [[True, True], [False, False]]


@pytest.mark.browser
def test_print_buttons_work_after_instant_navigation(fixture_page):
    page = fixture_page
    page.goto(page.base + "huiqian/")
    page.evaluate("() => { window.__sameDocument = true; window.__prints = 0; window.print = () => { window.__prints += 1; }; }")
    page.locator('article a[href$="/huiqian/fixture-kit/"]').first.click()  # instant navigation makes links absolute
    page.wait_for_url(re.compile(r".*/huiqian/fixture-kit/(#.*)?$"))
    page.get_by_role("button", name="打印领学人版（含答案）").wait_for(state="visible")
    assert page.evaluate("window.__sameDocument") is True  # instant navigation, not a page load
    page.get_by_role("button", name="打印领学人版（含答案）").click()
    assert page.evaluate("window.__prints") == 1  # one listener, one print
    assert page.evaluate("document.documentElement.classList.contains('fazhi-print-presenter')")


def _record_form_rows(html) -> tuple[str, str]:
    """The first and the last non-empty first cell of a page's observation record form."""
    cells = [tr.select("td")[0].get_text(strip=True) for tr in html.select(".fazhi-record-form table tbody tr")]
    cells = [c for c in cells if c]
    return cells[0], cells[-1]


@pytest.mark.browser
def test_fixture_record_form_of_twenty_rows_prints_on_one_page_with_borders(fixture_page, content_site):
    page = fixture_page
    page.goto(page.base + fx.VISIT)
    first, last = _record_form_rows(soup(content_site[0], fx.VISIT))
    assert (first, last) == ("记录首行", "记录末行")
    sheets = printed(page)
    holding = [i for i, sheet in enumerate(sheets) if fold(first) in sheet or fold(last) in sheet]
    assert len(holding) == 1 and fold(first) in sheets[holding[0]] and fold(last) in sheets[holding[0]]
    page.emulate_media(media="print")
    style = page.evaluate(
        """() => { const td = document.querySelector('.fazhi-record-form td'); const s = getComputedStyle(td);
                   return [s.borderTopStyle, s.borderTopWidth, s.borderTopColor, td.getBoundingClientRect().height]; }"""
    )
    assert style[:3] == ["solid", "1px", "rgb(0, 0, 0)"]
    assert style[3] >= 30  # 9 mm is about 34 CSS pixels: room to write by hand


VISITS = REAL.of_type("zhifa-visit")
KITS = REAL.of_type("huiqian-kit")


def _url(src: str) -> str:
    path = src[: -len(".md")]
    return path[: -len("index")] if path.endswith("index") else path + "/"


@pytest.mark.browser
@pytest.mark.parametrize("visit", VISITS, ids=lambda p: p.src)
def test_real_record_forms_print_on_one_page(page, site_server, built_site, visit):
    first, last = _record_form_rows(soup(built_site, _url(visit.src)))
    page.goto(site_server + _url(visit.src))
    sheets = printed(page)
    holding = [i for i, sheet in enumerate(sheets) if fold(first) in sheet or fold(last) in sheet]
    assert len(holding) == 1, (first, last, holding)
    assert fold(last) in sheets[holding[0]]


@pytest.mark.browser
@pytest.mark.parametrize("kit", KITS, ids=lambda p: p.src)
def test_real_kits_print_without_and_with_the_presenter_section(page, site_server, kit):
    page.goto(site_server + _url(kit.src))
    learner = "".join(printed(page))
    assert fold(kit.title) in learner
    for words in ("领学人提示", "小测验答案与解析", "法治政府建设学习培训平台"):
        assert fold(words) not in learner, words
    page.evaluate("() => { window.fazhiPrint.enter('presenter'); }")
    presenter = "".join(printed(page))
    assert fold("领学人提示") in presenter and fold("小测验答案与解析") in presenter
    assert len(presenter) > len(learner)
