"""我的学习 in a real headless Chromium: progress, 错题本, receipts the tally counts, robustness."""

from __future__ import annotations

import csv
import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from fazhi.tally.run import Options, run

MODULE = "shiyi-jianchi"          # a module with every question type
PAST_ASSIGNMENT = "2026-09-shiyi-jianchi"  # an assignment of that module alone
PROFILE = {"name": "测试甲", "id": "T0001", "unit": "区市场监管局"}


# ----------------------------------------------------------------- helpers

def study_data(page, base):
    return page.evaluate("url => fetch(url).then(r => r.json())", base + "my-study/data.json")


def module_of(data, module_id):
    return next(m for m in data["modules"] if m["id"] == module_id)


def answer(page, q, right: bool):
    """Answer question ``q`` (from data.json) on the current page, rightly or wrongly."""
    sel = f'.quiz[data-key="{q["key"]}"]'
    if q["kind"] == "fill":
        page.fill(f"{sel} .quiz-blank-input", q["answers"][0] if right else "不知道")
        page.click(f"{sel} button[type=submit]")
    else:
        values = [o["value"] for o in q["options"] if (o["text"] in q["answers"]) == right]
        if q["kind"] != "multiple":
            values = values[:1]
        for v in values:
            page.check(f'{sel} input[value="{v}"]')
        if q["kind"] == "multiple":
            page.click(f"{sel} button[type=submit]")
    page.wait_for_selector(f"{sel} .quiz-feedback:not(.hidden)")


def save_profile(page, base, profile=PROFILE):
    page.goto(base + "my-study/")
    page.wait_for_selector("#profile input[name=name]")
    for field, value in profile.items():
        page.fill(f"#profile input[name={field}]", value)
    page.click("#profile button[type=submit]")
    expect(page.locator(".fazhi-profile-msg")).to_contain_text("已保存")


def stored(page):
    return page.evaluate(
        "() => { const k = Object.keys(localStorage).find(k => k.startsWith('fazhi-study:') && !k.endsWith(':damaged'));"
        " return k ? JSON.parse(localStorage.getItem(k)) : null; }"
    )


def pass_module(page, base, module_id=MODULE, wrong: int = 1):
    """Answer every question of a module, the first ``wrong`` wrongly; return data.json."""
    page.goto(base + f"quizzes/{module_id}/")
    data = study_data(page, base)
    for i, q in enumerate(module_of(data, module_id)["questions"]):
        answer(page, q, right=i >= wrong)
    return data


# ------------------------------------------------------------------- tests

def test_wrong_answer_enters_the_notebook_and_leaves_after_two_right_reviews(page, site_server):
    page.goto(site_server + f"quizzes/{MODULE}/")
    data = study_data(page, site_server)
    first, second = module_of(data, MODULE)["questions"][:2]
    answer(page, first, right=False)
    answer(page, second, right=True)

    page.goto(site_server + "my-study/review/")
    page.wait_for_selector(".fazhi-wrong-count")
    assert page.inner_text(".fazhi-wrong-count") == "1"
    item = page.locator(f'.fazhi-wrong-item[data-key="{first["key"]}"]')
    text = item.inner_text()
    assert first["stem"].replace("____", "＿＿＿＿") in text
    assert "正确答案：" + "；".join(first["answers"]) in text or "正确答案：" + " / ".join(first["answers"]) in text
    assert first["explanation"][:20] in text
    assert page.locator(f'.fazhi-wrong-item[data-key="{second["key"]}"]').count() == 0

    def review_round(right: bool):
        page.click(".fazhi-review-start")
        form = page.locator(f'.fazhi-review-question[data-key="{first["key"]}"]')
        form.wait_for()
        if first["kind"] == "fill":
            form.locator("input[name=answer]").fill(first["answers"][-1] if right else "错")
        else:
            values = [o["value"] for o in first["options"] if (o["text"] in first["answers"]) == right]
            for v in values if first["kind"] == "multiple" else values[:1]:
                form.locator(f'input[value="{v}"]').check()
        form.locator("button[type=submit]").click()
        verdict = page.inner_text(".fazhi-review-verdict")
        page.click(".fazhi-review-next")
        return verdict

    assert review_round(right=True).startswith("回答正确，再连续答对 1 次")
    page.reload()  # the streak survives a reload
    page.wait_for_selector(".fazhi-wrong-count")
    assert page.inner_text(".fazhi-wrong-count") == "1"
    assert "已连续答对 1 次" in page.inner_text(f'.fazhi-wrong-item[data-key="{first["key"]}"]')
    assert review_round(right=True) == "回答正确，这道题已移出错题本。"
    page.goto(site_server + "my-study/review/")
    page.wait_for_selector(".fazhi-wrong-count")
    assert page.inner_text(".fazhi-wrong-count") == "0"
    cleared = page.locator(f'tr.fazhi-cleared[data-key="{first["key"]}"]')
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", cleared.inner_text()), "the notebook records when it left"
    record = stored(page)
    assert first["key"] not in record["wrong"] and record["cleared"][first["key"]]["fp"] == first["fp"]
    page.watch.assert_clean("错题本")


def test_a_wrong_review_answer_resets_the_streak(page, site_server):
    page.goto(site_server + f"quizzes/{MODULE}/")
    data = study_data(page, site_server)
    q = next(q for q in module_of(data, MODULE)["questions"] if q["kind"] == "single")
    answer(page, q, right=False)
    page.goto(site_server + "my-study/review/")
    for right in (True, False, True):
        page.click(".fazhi-review-start")
        form = page.locator(".fazhi-review-question")
        value = next(o["value"] for o in q["options"] if (o["text"] in q["answers"]) == right)
        form.locator(f'input[value="{value}"]').check()
        form.locator("button[type=submit]").click()
        page.click(".fazhi-review-next")
    assert stored(page)["wrong"][q["key"]]["streak"] == 1  # right, wrong (reset), right


def test_passing_a_module_gives_receipts_the_tally_counts(page, site_server, tmp_path):
    save_profile(page, site_server)
    pass_module(page, site_server)
    slot = page.locator(f'.fazhi-receipt[data-module="{MODULE}"]')
    assert "已通过" in slot.inner_text()
    with page.expect_download() as download:
        slot.locator(".fazhi-receipt-json").click()
    receipt_json = tmp_path / download.value.suggested_filename
    download.value.save_as(receipt_json)
    with page.expect_download() as download:
        slot.locator(".fazhi-receipt-csv").click()
    receipt_csv = tmp_path / download.value.suggested_filename
    download.value.save_as(receipt_csv)

    statement = json.loads(receipt_json.read_text(encoding="utf-8"))
    assert statement["actor"]["account"] == {"homePage": site_server, "name": "T0001"}
    assert statement["actor"]["name"] == "测试甲"
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert statement["object"]["id"] == f"{site_server}quizzes/{MODULE}/"
    total = len(module_of(study_data(page, site_server), MODULE)["questions"])
    assert statement["result"]["score"]["raw"] == total - 1 and statement["result"]["score"]["max"] == total
    assert statement["result"]["success"] is True
    assert statement["context"]["extensions"]["urn:fazhi:unit"] == "区市场监管局"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", statement["timestamp"])
    rows = list(csv.reader(receipt_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["timestamp", "learner_id"] and len(rows) == 2 and rows[1][1] == "T0001"

    # The same learner on a roster; both receipt forms given to the tally.
    roster = tmp_path / "roster.csv"
    roster.write_text("工号,姓名,单位\nT0001,测试甲,区市场监管局\nT0002,测试乙,区市场监管局\n", encoding="utf-8")
    year = int(statement["timestamp"][:4])
    period = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    result, _ = run(Options(roster=roster, out=tmp_path / "out", logs=[receipt_json, receipt_csv], period=period))
    assert (result.read, result.accepted, result.duplicate_count) == (2, 1, 1)
    people = {p.person.id: p for p in result.people}
    modules = [result.activities[i].activity.id for i in people["T0001"].activities]
    assert modules == [MODULE]
    assert people["T0002"].activities == []
    page.watch.assert_clean("回执")


def test_assignment_receipt_and_my_study_overview(page, site_server):
    save_profile(page, site_server)
    pass_module(page, site_server, wrong=0)
    page.goto(site_server + "my-study/")
    row = page.locator(f'tr[data-module="{MODULE}"]')
    row.wait_for()
    assert row.get_attribute("data-state") == "已通过"
    assert "100%" in row.inner_text()
    other = page.locator('tr[data-module="xzcf-basics"]')
    assert other.get_attribute("data-state") == "未开始"
    task = page.locator(f'#all-tasks tr[data-assignment="{PAST_ASSIGNMENT}"]')
    assert "已通过" in task.inner_text()
    with page.expect_download() as download:
        task.locator(".fazhi-receipt-json").click()
    statement = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert statement["object"]["id"] == f"{site_server}assignments/{PAST_ASSIGNMENT}/"
    # The open assignment for the learner's unit is listed on top, with its due date.
    tasks = page.inner_text("#tasks")
    assert "行政处罚法与新修订行政复议法专题测验" in tasks and "2026-12-31" in tasks


def test_state_survives_reload_and_instant_navigation(page, site_server):
    pass_module(page, site_server)
    page.reload()
    page.wait_for_selector(f'.fazhi-receipt[data-module="{MODULE}"] .fazhi-receipt-status')
    # Instant navigation (Material's XHR page swap): follow the nav link to 我的学习.
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator('a.md-tabs__link, a.md-nav__link', has_text="我的学习").first.click()
    page.wait_for_selector(f'tr[data-module="{MODULE}"]')
    assert page.evaluate("() => window.__sameDocument === true"), "the page was swapped in, not reloaded"
    assert page.locator(f'tr[data-module="{MODULE}"]').get_attribute("data-state") == "已通过"
    page.watch.assert_clean("instant navigation")


def test_state_is_keyed_by_question_not_page(page, site_server):
    """A question embedded on a curriculum page counts for its module on 我的学习."""
    page.goto(site_server + "huiqian/")
    quiz = page.locator(".quiz[data-key]").first
    key = quiz.get_attribute("data-key")
    data = study_data(page, site_server)
    module_id, qid = key.split("--")
    q = next(q for q in module_of(data, module_id)["questions"] if q["id"] == qid)
    answer(page, q, right=True)
    page.goto(site_server + "my-study/")
    row = page.locator(f'tr[data-module="{module_id}"]')
    row.wait_for()
    assert row.get_attribute("data-state") == "进行中"
    assert f"已答 1 / {len(module_of(data, module_id)['questions'])}" in row.inner_text()


def test_corrupt_or_foreign_storage_is_ignored_with_a_notice(page, site_server):
    page.goto(site_server + "my-study/")
    page.wait_for_selector("#profile")
    key = "fazhi-study:" + urlsplit(site_server).path
    for bad in ("{not json", json.dumps(["a", "list"]), json.dumps({"version": 99})):
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, bad])
        page.reload()
        page.wait_for_selector(".fazhi-study-notices")
        assert "已损坏或不是本站的格式" in page.inner_text(".fazhi-study-notices")
        page.wait_for_selector("#profile input[name=name]")  # the page still works
        assert page.evaluate("k => localStorage.getItem(k + ':damaged')", key) == bad
    # A partly damaged record keeps its good entries.
    partly = {"version": 1, "profile": PROFILE, "answers": {"x--y": {"fp": 1}}, "wrong": "oops"}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(partly)])
    page.goto(site_server + f"quizzes/{MODULE}/")
    page.wait_for_selector(".fazhi-study-notices")
    assert "有 2 条格式不对，已忽略" in page.inner_text(".fazhi-study-notices")
    data = study_data(page, site_server)
    answer(page, module_of(data, MODULE)["questions"][0], right=True)  # quizzes still work and are recorded
    assert stored(page)["profile"] == PROFILE
    assert page.watch.errors == []


def test_export_reset_and_import(page, site_server, tmp_path):
    save_profile(page, site_server)
    pass_module(page, site_server)
    page.goto(site_server + "my-study/")
    page.wait_for_selector(".fazhi-export")
    with page.expect_download() as download:
        page.click(".fazhi-export")
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "fazhi-study"

    page.once("dialog", lambda d: d.accept())
    page.click(".fazhi-reset")
    expect(page.locator(".fazhi-manage-msg")).to_have_text("已清除。")
    assert stored(page) is None
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('quiz_progress_')).length") == 0
    assert page.locator(f'tr[data-module="{MODULE}"]').get_attribute("data-state") == "未开始"

    # A file that is not an export is refused with a message.
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}', encoding="utf-8")
    page.set_input_files(".fazhi-import-file", str(junk))
    expect(page.locator(".fazhi-manage-msg")).to_contain_text("不是本站导出的学习记录文件")

    page.once("dialog", lambda d: d.accept())
    page.set_input_files(".fazhi-import-file", str(exported))
    expect(page.locator(".fazhi-manage-msg")).to_contain_text("已导入")
    assert page.locator(f'tr[data-module="{MODULE}"]').get_attribute("data-state") == "已通过"
    assert stored(page)["profile"] == PROFILE


@pytest.mark.parametrize("path", ["my-study/", "my-study/review/"])
def test_phone_width_has_no_sideways_scroll(chromium, site_server, path):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_server + f"quizzes/{MODULE}/")
        data = study_data(page, site_server)
        answer(page, module_of(data, MODULE)["questions"][0], right=False)
        page.goto(site_server + path)
        page.wait_for_selector("#fazhi-my-study > *")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
    finally:
        context.close()


def test_only_attempts_since_an_assignment_opened_count_for_it(page, site_server):
    """Passing a module before the assignment opened does not complete the assignment (the tally agrees)."""
    key = "fazhi-study:" + urlsplit(site_server).path
    before = {"xzcf-basics": [{"raw": 20, "max": 20, "at": "2026-10-01T02:00:00.000Z"}],
              "xzfy-2023": [{"raw": 19, "max": 20, "at": "2026-10-02T02:00:00.000Z"}]}
    state = {"version": 1, "profile": PROFILE, "answers": {}, "attempts": before, "wrong": {}, "cleared": {}, "sent": {}}
    page.goto(site_server + "my-study/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(state)])
    page.reload()
    row = page.locator('#all-tasks tr[data-assignment="2026-12-xzcf-xzfy"]')
    row.wait_for()
    assert "另有 2 个在任务开始前达标" in row.inner_text() and row.locator(".fazhi-receipt-json").count() == 0
    assert page.locator('tr[data-module="xzcf-basics"]').get_attribute("data-state") == "已通过"

    state["attempts"]["xzcf-basics"].append({"raw": 17, "max": 20, "at": "2026-11-20T02:00:00.000Z"})
    state["attempts"]["xzfy-2023"].append({"raw": 16, "max": 20, "at": "2026-11-21T02:00:00.000Z"})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(state)])
    page.reload()
    row.wait_for()
    assert "已通过" in row.inner_text() and "82.5%" in row.inner_text()  # (17 + 16) / 40, the in-window attempts
    with page.expect_download() as download:
        row.locator(".fazhi-receipt-json").click()
    statement = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert statement["result"]["score"]["raw"] == 33 and statement["timestamp"].startswith("2026-11-21")
    # The module itself keeps its best score, from before the assignment.
    assert "100%" in page.locator('tr[data-module="xzcf-basics"]').inner_text()
