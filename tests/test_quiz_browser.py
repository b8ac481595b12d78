"""Quiz modules in real headless Chromium: fill-in alternatives, and saved answers that survive rebuilds."""

from __future__ import annotations

import re

import pytest

from fazhi.quiz_check import load_project
from fazhi.quizzes import load_module
from fazhi.site_build import PROJECT_ROOT, build_site
from support.browser import PageWatch, origin_of
from support.servers import free_port, serve_python

pytestmark = pytest.mark.browser

MODULES = load_project(PROJECT_ROOT).modules


def quiz_of(page, q):
    return page.locator(f'div.quiz[data-key="{q.key}"]')


def fill_in(page, q, text: str) -> str:
    """Type ``text`` into the blank of ``q``, submit, and return the input's verdict class."""
    quiz = quiz_of(page, q)
    blank = quiz.locator("input.quiz-blank-input")
    blank.fill(text)
    quiz.locator("button.quiz-button[type=submit]").click()
    classes = blank.get_attribute("class").split()
    return "correct" if "correct" in classes else "wrong" if "wrong" in classes else "none"


def test_fill_in_accepts_every_listed_alternative(page, site_server):
    module, q = next(
        (m, q) for m in MODULES.values() for q in m.questions if q.kind == "fill" and len(q.answers) >= 2
    )
    url = f"{site_server}quizzes/{module.id}/"

    def attempt(text: str) -> str:
        # A question is locked once answered: start each attempt afresh.
        page.goto(url, wait_until="networkidle")
        page.evaluate("localStorage.clear()")
        page.reload(wait_until="networkidle")
        return fill_in(page, q, text)

    # The first answer is shown as the right one; every other listed form counts too.
    for answer in q.answers:
        assert attempt(answer) == "correct", answer
        assert "正确" in quiz_of(page, q).locator(".quiz-feedback").inner_text()
    # Spaces and full-width digits are folded before comparing.
    digits = next((a for a in q.answers if re.fullmatch(r"\d+", a)), None)
    if digits:
        assert attempt(" " + digits.translate(str.maketrans("0123456789", "０１２３４５６７８９")) + " ") == "correct"
    assert attempt("一百二十三") == "wrong"
    feedback = quiz_of(page, q).locator(".quiz-feedback").inner_text()
    assert q.answers[0] in feedback  # the right answer is shown
    page.watch.assert_clean("fill-in")


def test_radio_answer_shows_explanation_and_source(page, site_server):
    module = MODULES["xzcf-basics"]
    q = next(q for q in module.questions if q.kind == "single" and q.source.laws)
    page.goto(f"{site_server}quizzes/{module.id}/", wait_until="networkidle")
    quiz = quiz_of(page, q)
    wrong = next(o for o in q.options if o not in q.answers)
    quiz.locator("label", has_text=wrong).first.click()
    content = quiz.locator("section.content")
    content.wait_for(state="visible")
    text = content.inner_text()
    assert "解析" in text and q.source.laws[0] in text.replace("\u200b", "")
    page.watch.assert_clean("radio quiz")


def _edit_module(path, *, moved: str, edited: str, new_first: bool) -> None:
    """Move question ``moved`` to the end, change the stem of ``edited``, add a new question first."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
    blocks = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    head = lines[: starts[0]]
    by_id = {b[0].split(":", 1)[1].strip(): b for b in blocks}
    order = [qid for qid in by_id if qid != moved] + [moved]
    out = list(head)
    if new_first:
        out += [
            "  - id: xin-1\n", "    type: 判断\n", "    stem: 这是新加的一道题。\n", "    answer: 正确\n",
            "    explanation: 新题的解析。\n", "    source: {law: 《行政处罚法》第九条}\n", "\n",
        ]
    for qid in order:
        block = by_id[qid]
        if qid == edited:
            block = [re.sub(r"^(    stem: )(.*)$", r"\1（已修改）\2", line) for line in block]
        if not block[-1].strip() == "":
            block = block + ["\n"]
        out += block
    path.write_text("".join(out), encoding="utf-8")


def test_saved_answers_follow_their_question_across_rebuilds(chromium, project_copy):
    """Answers are kept per question: reordering, adding and editing questions never mixes them up."""
    module_path = project_copy / "quizzes" / "xzcf-basics.yml"
    module = load_module(module_path)
    single = next(q for q in module.questions if q.kind == "single")
    tf = next(q for q in module.questions if q.kind == "truefalse")
    fill = next(q for q in module.questions if q.kind == "fill")
    multiple = next(q for q in module.questions if q.kind == "multiple")
    site = project_copy / "site"
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/fazhi/"
    assert build_site(site, project=project_copy, site_url=site_url).ok

    context = chromium.new_context(locale="zh-CN")
    page = context.new_page()
    url = f"{site_url}quizzes/xzcf-basics/"
    wrong_choice = next(o for o in single.options if o not in single.answers)
    with serve_python(site, port):
        watch = PageWatch(page, origin_of(site_url))
        page.goto(url, wait_until="networkidle")
        quiz_of(page, single).locator("label", has_text=wrong_choice).first.click()  # answered wrongly
        quiz_of(page, tf).locator("label", has_text=tf.answers[0]).first.click()  # answered right
        assert fill_in(page, fill, fill.answers[-1]) == "correct"
        quiz_of(page, multiple).locator("label", has_text=multiple.answers[0]).first.click()
        quiz_of(page, multiple).locator("button.quiz-button[type=submit]").click()  # half right = wrong
        assert "3 / 20" not in page.locator("#quiz-progress-sidebar").inner_text()
        watch.assert_clean("first build")

    # The maintainer moves the single-choice question to the end, edits the
    # true/false one and adds a new question at the top; the site is rebuilt.
    _edit_module(module_path, moved=single.id, edited=tf.id, new_first=True)
    edited = load_module(module_path)
    assert edited.question(tf.id).fingerprint != tf.fingerprint
    assert edited.question(single.id).fingerprint == single.fingerprint
    assert build_site(site, project=project_copy, site_url=site_url).ok

    with serve_python(site, port):
        page.goto(url, wait_until="networkidle")
        # The moved question still holds the learner's (wrong) choice, and only that.
        quiz = quiz_of(page, single)
        checked = [
            quiz.locator(f'label[for="{quiz.locator("input:checked").nth(i).get_attribute("id")}"]').inner_text().strip()
            for i in range(quiz.locator("input:checked").count())
        ]
        assert checked == [wrong_choice]
        assert quiz.locator(".quiz-feedback").is_visible()
        # The new first question carries nothing over from the old first question.
        new = page.locator("div.quiz").first
        assert new.get_attribute("data-key") == "xzcf-basics--xin-1"
        assert new.locator("input:checked").count() == 0 and not new.locator(".quiz-feedback").is_visible()
        # The edited question starts afresh; the fill-in and multiple-choice answers are back.
        assert quiz_of(page, tf).locator("input:checked").count() == 0
        assert quiz_of(page, fill).locator("input.quiz-blank-input").input_value() == fill.answers[-1]
        assert quiz_of(page, multiple).locator("input:checked").count() == 1
        # Progress counts the three answers that still belong to questions on the page.
        total = len(edited.questions)
        sidebar = page.locator("#quiz-progress-sidebar").inner_text()
        assert f"3 / {total}" in sidebar, sidebar
    context.close()
