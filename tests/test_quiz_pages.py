"""The built quiz pages: module pages, embeds, the catalog and the assignment pages (BeautifulSoup)."""

from __future__ import annotations

import datetime as _dt
import json
import re
from urllib.parse import unquote, urljoin

import pytest

from fazhi.quiz_check import load_project
from fazhi.quiz_pages import assignment_state
from fazhi.site_build import PROJECT_ROOT, build_site
from support.pages import soup

PROJECT = load_project(PROJECT_ROOT)
MODULES = PROJECT.modules
ASSIGNMENTS = PROJECT.assignments


def label_text(quiz, inp) -> str:
    return quiz.select_one(f'label[for="{inp["id"]}"]').get_text(" ", strip=True)


def resolves(site, page: str, href: str) -> bool:
    """Whether a relative link of ``page`` points at an existing file (and anchor) of the built site."""
    url = urljoin("http://x/" + page, href)
    path, _, anchor = url[len("http://x/") :].partition("#")
    path = unquote(path)
    target = site / path / "index.html" if path.endswith("/") or not path else site / path
    if not target.is_file():
        return False
    return not anchor or soup(site, path).find(id=unquote(anchor)) is not None


@pytest.mark.parametrize("module_id", sorted(MODULES))
def test_module_page_has_one_quiz_per_question_with_answers_marked(built_site, module_id):
    module = MODULES[module_id]
    page = f"quizzes/{module_id}/"
    html = soup(built_site, page)
    assert html.select_one("article h1").get_text(strip=True).rstrip("¶") == module.title
    quizzes = html.select("div.quiz")
    assert len(quizzes) == len(module.questions)
    for quiz, q in zip(quizzes, module.questions):
        # Stable id: module, question and a fingerprint of the content; never the position.
        assert quiz["id"] == f"{q.key}-{q.fingerprint}"
        assert quiz["data-key"] == q.key
        if q.kind == "fill":
            (blank,) = quiz.select("input.quiz-blank-input")
            assert blank["data-answer"] == q.answers[0]
            assert json.loads(blank["data-alternatives"]) == list(q.answers)
        else:
            inputs = quiz.select('input[name="answer"]')
            assert [label_text(quiz, i) for i in inputs] == list(q.options)
            correct = {label_text(quiz, i) for i in inputs if i.get("data-correct") == "true"}
            assert correct == set(q.answers)
            assert {i["type"] for i in inputs} == {"checkbox" if q.kind == "multiple" else "radio"}
            # Option values are stable too (a hash of the option, not 0, 1, 2 …).
            assert [i["value"] for i in inputs] == [q.option_value(o) for o in q.options]
            assert all(re.fullmatch(r"o-[0-9a-f]{8}", i["value"]) for i in inputs)
        content = quiz.select_one("section.content")
        text = content.get_text(" ", strip=True)
        assert text.startswith("解析：") and q.explanation[:20] in text.replace(" ", "")
        for law in q.source.laws:
            assert law in text.replace(" ", "")
        for a in content.select("a[href]"):
            assert resolves(built_site, page, a["href"]), (q.key, a["href"])
    # Progress sidebar and results block of mkdocs-quiz, in Chinese.
    assert html.select_one("#quiz-progress-sidebar") is not None
    assert html.select_one("#quiz-results") is not None or "mkdocs-quiz results" not in str(html)
    facts = html.select_one("article table").get_text(" ", strip=True)
    assert f"{len(module.questions)} 题" in facts and f"{module.minutes} 分钟" in facts and module.track in facts


def test_question_source_page_links_land_on_their_anchor(built_site):
    module = MODULES["shiyi-jianchi"]
    linked = [q for q in module.questions if q.source.page]
    assert linked
    html = soup(built_site, "quizzes/shiyi-jianchi/")
    for q in linked:
        quiz = html.find(id=f"{q.key}-{q.fingerprint}")
        hrefs = [a["href"] for a in quiz.select("section.content a[href]")]
        assert any(unquote(h).startswith("../../huiqian/shiyi-jianchi/") for h in hrefs), hrefs


def test_embeds_render_the_chosen_questions(built_site):
    for embed in PROJECT.embeds:
        page = embed.page[: -len("index.md")] if embed.page.endswith("index.md") else embed.page[:-3] + "/"
        html = soup(built_site, page)
        module = MODULES[embed.module_id]
        wanted = [module.question(i) for i in embed.question_ids] if embed.question_ids else list(module.questions)
        ids = [d["id"] for d in html.select("div.quiz") if d.get("data-key", "").startswith(module.id + "--")]
        assert ids == [f"{q.key}-{q.fingerprint}" for q in wanted], page
        link = html.find("a", href=re.compile(rf"quizzes/{module.id}/$"))
        assert link is not None and resolves(built_site, page, link["href"])
    assert {e.page for e in PROJECT.embeds} >= {"huiqian/index.md", "zhifa/index.md"}


def test_catalog_lists_every_module_by_track_and_tag(built_site):
    html = soup(built_site, "quizzes/")
    article = html.select_one("article")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    tracks = [t for t in ("会前学法", "执法培训", "典型案例") if any(m.track == t for m in MODULES.values())]
    assert headings[: len(tracks)] == tracks and "按标签" in headings
    rows = article.select("table tbody tr")
    assert len(rows) == len(MODULES)
    for row in rows:
        cells = [c.get_text(" ", strip=True) for c in row.select("td")]
        link = row.select_one("a")
        module_id = link["href"].rstrip("/").split("/")[-1]
        module = MODULES[module_id]
        assert cells[0] == module.title and cells[2] == str(len(module.questions)) and cells[3] == f"{module.minutes} 分钟"
        assert resolves(built_site, "quizzes/", link["href"])
        for tag_link in row.select("td:nth-of-type(5) a"):
            assert resolves(built_site, "quizzes/", tag_link["href"])
    tags = {t for m in MODULES.values() for t in m.tags}
    assert len(article.select("h3")) == len(tags)


@pytest.mark.parametrize("assignment_id", sorted(ASSIGNMENTS))
def test_assignment_page_lists_modules_due_date_and_what_counts(built_site, assignment_id):
    a = ASSIGNMENTS[assignment_id]
    page = f"assignments/{assignment_id}/"
    html = soup(built_site, page)
    article = html.select_one("article")
    text = article.get_text(" ", strip=True)
    assert html.select_one("article h1").get_text(strip=True).rstrip("¶") == a.title
    assert str(a.due) in text and str(a.opens) in text and "怎样算完成" in text
    assert f"{a.pass_mark:g}%" in text
    links = [x for x in article.select("a[href]") if "/quizzes/" in urljoin("http://x/" + page, x["href"])]
    targets = [urljoin("http://x/" + page, x["href"]).rstrip("/").split("/")[-1] for x in links]
    assert targets == list(a.modules)
    assert all(resolves(built_site, page, x["href"]) for x in links)
    for module_id in a.modules:  # and the module page links back
        back = soup(built_site, f"quizzes/{module_id}/").find("a", href=re.compile(rf"assignments/{assignment_id}/$"))
        assert back is not None


def test_assignment_list_groups_by_date(built_site):
    html = soup(built_site, "assignments/")
    article = html.select_one("article")
    groups = {}
    for h2 in article.select("h2"):
        name = h2.get_text(strip=True).rstrip("¶")
        ul = h2.find_next_sibling()
        groups[name] = [a["href"].rstrip("/").split("/")[-1] for a in ul.select("a")] if ul and ul.name == "ul" else []
    today = _dt.date.today()
    for a in ASSIGNMENTS.values():
        assert a.id in groups[assignment_state(a, today)], (a.id, groups)


def test_list_grouping_on_a_given_day():
    from fazhi.quiz_pages import assignments_index_page

    text = assignments_index_page(list(ASSIGNMENTS.values()), MODULES, _dt.date(2026, 12, 1))
    current = text.index("## 进行中")
    upcoming = text.index("## 未开始")
    past = text.index("## 已结束")
    assert current < text.index("2026-12-xzcf-xzfy") < upcoming
    assert past < text.index("2026-09-shiyi-jianchi")


def test_generated_markdown_avoids_mkdocs_quiz_traps(project_copy):
    """A stem with [[…]] and a line like '- [x] …' stays a choice question; [[ in an explanation too."""
    module = project_copy / "quizzes" / "traps.yml"
    module.write_text(
        "id: traps\ntitle: 陷阱\ntrack: 执法培训\ndescription: 测试。\npass_mark: 60\nquestions:\n"
        "  - id: t1\n    type: 单选\n    stem: |\n      题干里有 [[方括号]] 和一行：\n      - [x] 像答案的行\n"
        "    options: ['[[甲]]', '- [x] 乙', 丙]\n    answer: 丙\n    explanation: 解析里也有 [[这个]]。\n"
        "    source: {law: 《行政处罚法》第九条}\n"
        "  - id: t2\n    type: 填空\n    stem: |\n      期限是____日\n      ---\n      第二行\n"
        "    answer: ['[30]', 三十]\n    explanation: 见 [[说明]]。\n    source: {law: 《行政处罚法》第九条}\n",
        encoding="utf-8",
    )
    site = project_copy / "site"
    result = build_site(site, project=project_copy)
    assert result.ok, result.output
    html = soup(site, "quizzes/traps/")
    q1, q2 = html.select("div.quiz")
    assert "quiz-fill-blank" not in q1["class"]
    labels = [label_text(q1, i) for i in q1.select('input[name="answer"]')]
    assert labels == ["[[甲]]", "- [x] 乙", "丙"]
    assert "[[方括号]]" in q1.select_one(".quiz-question").get_text()
    assert "像答案的行" in q1.select_one(".quiz-question").get_text()
    assert "[[这个]]" in q1.select_one("section.content").get_text()
    assert "quiz-fill-blank" in q2["class"] and len(q2.select("input.quiz-blank-input")) == 1
    assert "第二行" in q2.select_one(".quiz-question").get_text()
    assert "[[说明]]" in q2.select_one("section.content").get_text()



def test_module_pages_are_listed_in_the_quiz_section_of_the_nav(built_site):
    html = soup(built_site, "quizzes/xzcf-basics/")
    active = html.select_one("nav.md-nav--primary li.md-nav__item--active")
    assert active is not None
    links = [a.get_text(strip=True) for a in active.select("a.md-nav__link")]
    for module in MODULES.values():
        assert module.title in links, links
    # Previous / next page links in the footer follow the nav.
    footer = html.select_one("nav.md-footer__inner")
    assert footer is not None and footer.select("a.md-footer__link")


def test_hand_written_quizzes_get_ids_from_their_content(project_copy):
    """A <quiz> written directly on a page is named by its content, so inserting another before it keeps its id."""
    page = project_copy / "docs" / "anli" / "index.md"
    original = page.read_text(encoding="utf-8")
    quiz = "<quiz>\n手写的一道题？\n- [x] 对\n- [ ] 错\n\n解析。\n</quiz>\n"
    other = "<quiz>\n插在前面的另一道题？\n- [ ] 甲\n- [x] 乙\n</quiz>\n"
    assert original.startswith("---\n")
    enabled = original.replace("---\n", "---\nquiz:\n  enabled: true\n", 1)
    ids = []
    for body in (quiz, other + "\n" + quiz):
        page.write_text(enabled + "\n" + body, encoding="utf-8")
        site = project_copy / "site"
        assert build_site(site, project=project_copy).ok
        ids.append([d["id"] for d in soup(site, "anli/").select("div.quiz")])
    (first,), (inserted, moved) = ids
    assert re.fullmatch(r"q-[0-9a-f]{10}", first) and moved == first and inserted != first
