"""Built content pages carry their sections, summary boxes, tables, labels, tags, quizzes and presenter wrapper.

Two builds: the real site (``built_site``), checked generically for every typed
page it has (whatever the curriculum pages say), and the real site with the
fixture pages added (``content_site``, tests/support/content_site.py), checked
for specific values.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fazhi.content import CASE_TYPES, FIELDS, check_content
from fazhi.content.model import PRESENTER_SECTION, QUIZ_SECTION, SECTIONS, Case, Kit, Module, Part
from fazhi.content.render import TEACHING_LABEL, WRITING
from fazhi.site_build import PROJECT_ROOT, build_site
from support import content_site as fx
from support.pages import soup

REAL = check_content(PROJECT_ROOT)
REAL_PAGES = sorted(REAL.pages.values(), key=lambda p: p.src)


def url_of(src: str) -> str:
    """URL path (relative to the site root) of a docs page."""
    path = src[: -len(".md")]
    if path.endswith("index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return path


def section_ids(article) -> list[str]:
    return [h.get("id", "") for h in article.select("h2")]


def resolve(site: Path, page_url: str, href: str) -> Path:
    """The file a relative link of a built page points at."""
    target = (site / page_url / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


# --------------------------------------------------------------------------
# The real site: every typed page, generically
# --------------------------------------------------------------------------


@pytest.mark.parametrize("page", REAL_PAGES, ids=[p.src for p in REAL_PAGES])
def test_real_typed_page_has_its_sections_tags_and_extras(built_site, page):
    html = soup(built_site, url_of(page.src))
    article = html.select_one("article")
    ids = section_ids(article)
    required = list(SECTIONS[page.type])
    assert [i for i in ids if i in required] == required, (page.src, ids)
    tags = [t.get_text(strip=True) for t in html.select("nav.md-tags .md-tag")]
    assert sorted(tags) == sorted(page.tag_list())  # Material lists them by name
    if isinstance(page, (Kit, Module, Part)):
        assert article.select_one(".admonition.fazhi-summary") is not None
    if page.type in PRESENTER_SECTION:
        presenter = article.select_one("div.fazhi-presenter")
        assert [h["id"] for h in presenter.select("h2")] == [PRESENTER_SECTION[page.type]]
        buttons = [b["data-fazhi-print"] for b in article.select(".fazhi-print-buttons button")]
        assert buttons == ["learner", "presenter"]
    if page.type in QUIZ_SECTION:
        heading = article.select_one(f'h2[id="{QUIZ_SECTION[page.type]}"]')
        quiz = heading.find_next("div", class_="quiz")
        assert quiz is not None and quiz["data-key"].startswith(REAL.quiz_of(page).id + "--")
    if isinstance(page, Kit):
        key = article.select_one("div.fazhi-presenter details.fazhi-answer-key")
        assert "答案" in key.get_text() and "解析" in key.get_text()
        embedded = [q for q in article.select("div.quiz") if q["data-key"].startswith(page.quiz + "--")]
        assert len(key.select("ol > li")) == len(embedded) > 0
    if isinstance(page, Case):
        box = article.select_one(".fazhi-case-label" if page.is_teaching else ".fazhi-case-source")
        assert box is not None
        if page.is_teaching:
            assert TEACHING_LABEL in box.get_text()
            assert box.find_previous("h2") is None  # at the top, before 基本案情
    if isinstance(page, Module):
        table = article.select_one('h2[id="三个环节"]').find_next("table")
        rows = [[c.get_text(strip=True) for c in tr.select("td")] for tr in table.select("tbody tr")]
        assert [r[0] for r in rows] == ["云平台", "现场观摩", "专题讲座", "合计"]
        assert float(rows[-1][2]) == pytest.approx(page.total_hours)
    if page.type == "zhifa-visit":
        form = article.select_one("div.fazhi-record-form")
        assert form.select_one("h2")["id"] == "观摩记录表" and form.select_one("table") is not None


@pytest.mark.parametrize("plan", REAL.of_type("huiqian-plan"), ids=lambda p: p.src)
def test_real_year_plan_table_links_the_kits_that_exist(built_site, plan):
    page_url = url_of(plan.src)
    article = soup(built_site, page_url).select_one("article")
    table = article.select_one('h2[id="全年安排"]').find_next("table")
    rows = table.select("tbody tr")
    assert [r.select("td")[0].get_text(strip=True) for r in rows] == [f"{m} 月" for m in range(1, 13)]
    for session, row in zip(plan.sessions, rows):
        cell = row.select("td")[-1]
        link = cell.select_one("a")
        if REAL.kit_page(session.kit) is not None:
            assert not link["href"].startswith(("/", "http")), link["href"]
            assert resolve(built_site, page_url, link["href"]).is_file()
        else:
            assert link is None and cell.get_text(strip=True) in (WRITING, "—")


def test_real_case_index_lists_every_case_by_field_and_by_type(built_site):
    article = soup(built_site, "anli/").select_one("article")
    cases = REAL.of_type("case")
    for case in cases:
        for tag in [case.field_name, *case.case_types]:
            heading = article.select_one(f'[id="tag:{tag}"]')
            assert heading is not None, tag
            links = [a["href"] for a in heading.find_next("ul").select("a")]
            assert url_of(case.src)[len("anli/"):] in links, (tag, links)


@pytest.mark.parametrize("track,page_type", [("huiqian/", "huiqian-kit"), ("zhifa/", "zhifa-module")])
def test_real_track_index_lists_kits_and_modules_by_tag(built_site, track, page_type):
    article = soup(built_site, track).select_one("article")
    for page in REAL.of_type(page_type):
        for tag in page.tag_list():
            heading = article.select_one(f'[id="tag:{tag}"]')
            links = [a["href"] for a in heading.find_next("ul").select("a")]
            assert url_of(page.src)[len(track):] in links, (tag, links)


def test_case_index_listings_use_the_checker_vocabularies():
    text = (PROJECT_ROOT / "docs" / "anli" / "index.md").read_text(encoding="utf-8")
    listings = re.findall(r"<!-- material/tags \{ scope: true, include: \[(.*?)\] \} -->", text)
    assert [tuple(x.strip() for x in listing.split(",")) for listing in listings] == [FIELDS, CASE_TYPES]


def test_templates_are_not_built_and_the_guide_shows_them(built_site):
    assert not (built_site / "guide" / "templates").exists()
    article = soup(built_site, "guide/maintainers/").select_one("article")
    assert article.h1.get_text(strip=True).startswith("维护者指南")
    code = "\n".join(block.get_text() for block in article.select("pre"))
    for template in sorted((PROJECT_ROOT / "docs" / "guide" / "templates").glob("*.md")):
        assert f"type: {template.stem}" in code, template.name
    nav = [a.get_text(strip=True) for a in soup(built_site, "").select(".md-nav__link")]
    assert "维护者指南" in nav


# --------------------------------------------------------------------------
# The fixture pages: specific values
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(content_site) -> Path:
    return content_site[0]


def test_kit_summary_box_buttons_and_quiz(site):
    article = soup(site, fx.KIT).select_one("article")
    box = article.select_one(".admonition.fazhi-summary")
    assert box.find_previous("h2") is None
    text = box.get_text(" ", strip=True)
    for words in ("本期概要", "测试用的本期主题", "20 分钟", "区政府常务会议、镇街党政联席会议"):
        assert words in text, words
    # The objectives are shown once: the empty 学习目标 section is filled from the front matter.
    assert "测试目标一" not in text
    goals = article.select_one('h2[id="学习目标"]').find_next_sibling("ul")
    assert [li.get_text(strip=True) for li in goals.select("li")] == ["能说出测试目标一", "能说明测试目标二"]
    readings = [li.get_text(strip=True) for li in box.select("li li")][:2]
    assert readings == ["《行政处罚法》第三十三条", "《行政处罚法》第三十九条"]
    quiz_link = box.select_one('a[href="../../quizzes/fixture-quiz/"]')
    assert quiz_link is not None and (site / "quizzes" / "fixture-quiz" / "index.html").is_file()
    buttons = article.select_one(".fazhi-print-buttons")
    assert buttons.has_attr("hidden")  # shown by print-mode.js
    assert [b.get_text() for b in buttons.select("button")] == ["打印讲义", "打印领学人版（含答案）"]
    assert [q["data-key"] for q in article.select("div.quiz")] == ["fixture-quiz--q1", "fixture-quiz--q2"]


def test_kit_presenter_section_holds_the_notes_and_the_answer_key(site):
    article = soup(site, fx.KIT).select_one("article")
    (presenter,) = article.select("div.fazhi-presenter")
    assert [h["id"] for h in presenter.select("h2")] == ["领学人提示"]
    assert "领学人备注正文" in presenter.get_text() and "参考答案正文甲" in presenter.get_text()
    key = presenter.select_one("details.fazhi-answer-key")
    assert not key.has_attr("open")
    items = [li.get_text(" ", strip=True) for li in key.select("ol > li")]
    assert len(items) == 2  # the two embedded questions, not the module's third
    assert "答案 ：错误" in items[0] and "测试解析甲" in items[0]
    assert "A. 公示" in items[1] and "答案 ：公示" in items[1] and "测试解析乙" in items[1]
    assert "测试解析丙" not in presenter.get_text()
    # Learner text stays outside the wrapper.
    assert "学习要点正文甲" not in presenter.get_text()


def test_answer_key_and_its_explanations_are_not_searchable(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    kit = [doc for doc in index["docs"] if doc["location"].startswith(fx.KIT)]
    text = "".join(doc["text"] + doc["title"] for doc in kit).replace("\u200b", "")
    assert "领学人备注正文" in text  # the presenter's notes are searchable
    assert "小测验答案与解析" not in text


def test_plan_table_links_an_existing_kit_and_marks_a_missing_one(site):
    article = soup(site, fx.PLAN).select_one("article")
    heading = article.select_one('h2[id="全年安排"]')
    table = heading.find_next("table")
    after = next(p for p in article.select("p") if p.get_text(strip=True) == "计划表之后的说明。")
    assert after.find_previous("table") is table  # the table comes first under the heading
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert len(rows) == 12
    assert rows[0] == ["1 月", "一月测试主题", "区政府常务会议", "《行政处罚法》第三十三条", "测试材料包标题"]
    assert rows[1] == ["2 月", "二月测试主题", "—", "—", WRITING]
    assert rows[2][-1] == "—"
    link = table.select("tbody tr")[0].select("td")[-1].select_one("a")
    assert link["href"] == "../fixture-kit/"
    assert resolve(site, fx.PLAN, link["href"]) == site / "huiqian" / "fixture-kit" / "index.html"
    assert "已编写材料包的有 1 期" in article.get_text()


def test_module_hours_table_and_summary(site):
    article = soup(site, fx.MODULE).select_one("article")
    box = article.select_one(".admonition.fazhi-summary").get_text(" ", strip=True)
    assert "共 6.5 学时（云平台 2，现场观摩 1.5，专题讲座 3）" in box
    # The page writes its own 学习目标 section: the box does not repeat the list.
    assert "学习目标" not in box and "说出测试模块目标一" in article.get_text()
    table = article.select_one('h2[id="三个环节"]').find_next("table")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["云平台", "测试培训模块：云平台自学", "2"],
        ["现场观摩", "测试培训模块：现场观摩", "1.5"],
        ["专题讲座", "测试培训模块：专题讲座", "3"],
        ["合计", "", "6.5"],
    ]
    assert [a["href"] for a in table.select("a")] == ["online/", "visit/", "lecture/"]
    tags = [t.get_text(strip=True) for t in soup(site, fx.MODULE).select("nav.md-tags .md-tag")]
    assert sorted(tags) == sorted(["综合", "测试标签乙"])


@pytest.mark.parametrize("url,hours", [(fx.ONLINE, "云平台，2 学时"), (fx.VISIT, "现场观摩，1.5 学时"), (fx.LECTURE, "专题讲座，3 学时")])
def test_part_pages_name_their_module_and_hours(site, url, hours):
    article = soup(site, url).select_one("article")
    box = article.select_one(".admonition.fazhi-summary")
    assert hours in box.get_text(" ", strip=True)
    assert box.select_one("a")["href"] == "../"
    assert (article.select_one(".fazhi-print-buttons") is not None) == (url == fx.LECTURE)


def test_lecture_guide_and_visit_form_are_wrapped(site):
    lecture = soup(site, fx.LECTURE).select_one("article")
    (presenter,) = lecture.select("div.fazhi-presenter")
    assert presenter.select_one("h2")["id"] == "主讲人指南" and "主讲人备注正文" in presenter.get_text()
    assert "回答正文" not in presenter.get_text()
    visit = soup(site, fx.VISIT).select_one("article")
    (form,) = visit.select("div.fazhi-record-form")
    assert form.select_one("h2")["id"] == "观摩记录表"
    assert len(form.select("table tbody tr")) == 20
    assert "反思问题正文" not in form.get_text()
    assert visit.select('input[type="checkbox"]')  # the checklist is a task list


def test_teaching_case_label_and_published_case_source(site):
    html = soup(site, fx.CASE)
    article = html.select_one("article")
    label = article.select_one(".admonition.fazhi-case-label")
    assert label.select_one(".admonition-title").get_text(strip=True) == "教学案例"
    assert label.get_text(" ", strip=True).endswith(TEACHING_LABEL)
    assert label.find_previous("h2") is None
    assert sorted(t.get_text(strip=True) for t in html.select("nav.md-tags .md-tag")) == sorted(["市场监管", "轻微违法免罚", "首违慎罚"])
    public = soup(site, fx.PUBLIC_CASE).select_one("article")
    assert public.select_one(".fazhi-case-label") is None
    source = public.select_one(".admonition.fazhi-case-source").get_text(" ", strip=True)
    for words in ("公开案例", "测试发布机关", "2023-05-18", "测试出处文件"):
        assert words in source


def test_tag_links_lead_to_the_case_index_and_it_lists_the_cases(site):
    html = soup(site, fx.CASE)
    links = {t.get_text(strip=True): t["href"] for t in html.select("nav.md-tags a.md-tag")}
    assert links == {"市场监管": "../#tag:市场监管", "轻微违法免罚": "../#tag:轻微违法免罚", "首违慎罚": "../#tag:首违慎罚"}
    index = soup(site, "anli/").select_one("article")
    for tag, case_url in [("市场监管", "fixture-case/"), ("城市管理", "fixture-public/"), ("程序违法", "fixture-public/"), ("首违慎罚", "fixture-case/")]:
        heading = index.select_one(f'[id="tag:{tag}"]')
        assert case_url in [a["href"] for a in heading.find_next("ul").select("a")], tag
    # 综合 is a module's field here: the case index lists cases only.
    assert index.select_one('[id="tag:综合"]') is None or "fixture-module" not in index.get_text()
    kits = soup(site, "huiqian/").select_one("article")
    heading = kits.select_one('[id="tag:测试标签甲"]')
    assert [a["href"] for a in heading.find_next("ul").select("a")] == ["fixture-kit/"]


def test_a_content_problem_fails_the_build_with_file_and_line(tmp_path):
    project = fx.project_with_fixtures(tmp_path / "project")
    kit = project / "docs" / "huiqian" / "fixture-kit.md"
    text = kit.read_text(encoding="utf-8")
    kit.write_text(text.replace("\n## 讨论题\n", "\n## 讨论\n").replace("minutes: 20\n", "minutes: 半小时\n"), encoding="utf-8")
    line = text.splitlines().index("## 讨论题") + 1  # the near miss 「## 讨论」 is named
    result = build_site(tmp_path / "site", project)
    assert not result.ok
    assert re.search(r"ERROR\s+-\s+内容页面：docs/huiqian/fixture-kit\.md:6: 「minutes」应当是数字", result.output)
    assert re.search(rf"ERROR\s+-\s+内容页面：docs/huiqian/fixture-kit\.md:{line}: 缺少必需的小节「## 讨论题」", result.output)
    assert "内容页面有 2 处问题" in result.output
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------
# The insertion and wrapping helpers on their own
# --------------------------------------------------------------------------


def test_wrap_section_takes_the_heading_and_everything_up_to_the_next_h2():
    from fazhi.content.render import wrap_section

    html = (
        '<h2 id="a">甲</h2><p>一</p>'
        '<h2 id="b">领学人提示<a class="headerlink" href="#b">¶</a></h2><h3>小</h3><p>二</p>'
        '<h2 id="c">丙</h2><p>三</p>'
    )
    out = wrap_section(html, "领学人提示", "fazhi-presenter", "说明")
    assert out.startswith('<h2 id="a">甲</h2><p>一</p><div class="fazhi-presenter">\n<h2 id="b">')
    assert '<p class="fazhi-presenter__label">说明</p>' in out
    assert out.endswith('<p>二</p>\n</div>\n<h2 id="c">丙</h2><p>三</p>')
    assert wrap_section(html, "没有这一节", "x") == html
    last = wrap_section(html, "丙", "fazhi-presenter")
    assert last.endswith('<div class="fazhi-presenter">\n<h2 id="c">丙</h2>\n<p>三</p>\n</div>\n')


def test_insertions_go_under_the_title_and_into_sections_outside_code():
    from fazhi.content.render import insert_after_title, insert_in_section

    markdown = "# 标题\n\n正文\n\n```\n## 全年安排\n```\n\n## 全年安排\n\n说明\n\n## 其他\n"
    assert insert_after_title(markdown, "BOX").startswith("# 标题\n\nBOX\n\n")
    assert insert_after_title("正文\n", "BOX") == "BOX\n\n正文\n"
    start = insert_in_section(markdown, "全年安排", "TABLE")
    assert start.index("TABLE") > start.index("```\n\n## 全年安排") and start.index("TABLE") < start.index("说明")
    end = insert_in_section(markdown, "全年安排", "KEY", at="end")
    assert end.index("说明") < end.index("KEY") < end.index("## 其他")
