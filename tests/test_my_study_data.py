"""我的学习's build side: data.json, the two pages, the receipt slots, the beacon setting."""

from __future__ import annotations

import json

import pytest

from fazhi import study
from fazhi.quiz_check import load_project
from fazhi.site_build import PROJECT_ROOT
from support.pages import soup


@pytest.fixture(scope="module")
def data(built_site):
    return json.loads((built_site / "my-study" / "data.json").read_text(encoding="utf-8"))


def test_data_holds_every_module_question_and_assignment(data):
    project = load_project(PROJECT_ROOT)
    assert data["version"] == study.DATA_VERSION
    assert {m["id"] for m in data["modules"]} == set(project.modules)
    assert {a["id"] for a in data["assignments"]} == set(project.assignments)
    for m in data["modules"]:
        module = project.modules[m["id"]]
        assert m["url"] == f"quizzes/{m['id']}/" and m["passMark"] == module.pass_mark
        assert [q["key"] for q in m["questions"]] == [q.key for q in module.questions]
        for q, source in zip(m["questions"], module.questions):
            assert q["fp"] == source.fingerprint and q["answers"] == list(source.answers)
            assert [o["value"] for o in q["options"]] == [source.option_value(o) for o in source.options]
            assert q["explanation"] and (q["laws"] or q["page"])


def test_keys_and_fingerprints_match_the_quiz_pages(built_site, data):
    """The browser finds each question's record by the data-key / data-fp the page carries."""
    for m in data["modules"]:
        page = soup(built_site, f"quizzes/{m['id']}/")
        on_page = {(d["data-key"], d["data-fp"]) for d in page.select("div.quiz[data-key]")}
        assert on_page == {(q["key"], q["fp"]) for q in m["questions"]}
        for q in m["questions"]:
            values = {i["value"] for i in page.select(f'div.quiz[data-key="{q["key"]}"] input[name=answer]')}
            assert values == {o["value"] for o in q["options"]}


def test_question_source_pages_are_site_urls(built_site, data):
    for m in data["modules"]:
        for q in m["questions"]:
            if q["page"]:
                path = q["page"].split("#")[0]
                assert (built_site / path / "index.html").exists() or (built_site / path).is_file(), q["page"]


def test_pages_slots_and_script(built_site):
    overview = soup(built_site, "my-study/")
    assert overview.select_one("#fazhi-my-study[data-view=overview]") is not None
    assert "只保存在这台电脑的浏览器里" in overview.get_text()
    review = soup(built_site, "my-study/review/")
    assert review.select_one("#fazhi-my-study[data-view=review]") is not None
    nav = [a.get_text(strip=True) for a in overview.select("nav.md-nav a.md-nav__link")]
    assert "我的学习" in nav and "错题本" in nav
    module = soup(built_site, "quizzes/xzcf-basics/")
    assert module.select_one('.fazhi-receipt[data-module="xzcf-basics"]') is not None
    scripts = [s.get("src", "") for s in module.select("script")]
    assert any(s.endswith("assets/javascripts/my-study.js") for s in scripts)
    inline = "".join(s.get_text() for s in module.select("script:not([src])"))
    assert inline.count('"fazhi:quiz"') == 3, "the quiz script tells 我的学习 of answers and resets"
    assignment = soup(built_site, "assignments/2026-12-xzcf-xzfy/")
    assert assignment.select_one('.fazhi-receipt[data-assignment="2026-12-xzcf-xzfy"]') is not None


def test_study_pages_stay_out_of_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("my-study/")]


@pytest.mark.parametrize(
    ("extra", "path", "problem"),
    [
        ({}, "", ""),
        ({"my_study": {"beacon": ""}}, "", ""),
        ({"my_study": {"beacon": "my-study/beacon.gif"}}, "my-study/beacon.gif", ""),
        ({"my_study": {"beacon": "https://x.example/b.gif"}}, "", "同源"),
        ({"my_study": {"beacon": "/fazhi/b.gif"}}, "", "相对路径"),
        ({"my_study": {"beacon": "a/../../b.gif"}}, "", "相对路径"),
        ({"my_study": {"beacon": 3}}, "", "应当是一个路径"),
        ({"my_study": "on"}, "", "应当是映射"),
    ],
)
def test_beacon_setting(extra, path, problem):
    got_path, got_problem = study.beacon_setting(extra)
    assert got_path == path
    assert (problem in got_problem) if problem else got_problem == ""
