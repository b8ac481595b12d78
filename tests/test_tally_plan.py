"""The plan: defaults, validation, catalog, rules and policies."""

import datetime as dt
from pathlib import Path

import pytest

from fazhi.errors import InputError
from fazhi.tally.normalize import THREE_PARTS
from fazhi.tally.plan import DEFAULT_RULE, default_plan, load_plan, parse_period

SAMPLES = Path(__file__).resolve().parents[1] / "scripts" / "samples" / "tally"


def write(tmp_path, text, name="plan.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_plan():
    plan = default_plan(dt.date(2026, 6, 1))
    assert (plan.start, plan.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert plan.is_default and not plan.has_catalog
    rule = plan.rule_for("执法人员")
    assert rule == DEFAULT_RULE and rule.min_per_part == {p: 1 for p in THREE_PARTS}
    assert rule.min_hours == 0  # the minimum hours is a plan setting, never a built-in figure
    assert not (plan.count_unknown_people or plan.count_unknown_activities or plan.count_out_of_period)


def test_period_forms():
    assert parse_period("2025") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert parse_period("2025-01-01:2025-06-30") == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert parse_period("2025-01-01~2025-06-30")[1] == dt.date(2025, 6, 30)
    for bad in ("25", "2025-06-30:2025-01-01", "上半年"):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_sample_plan_loads():
    plan = load_plan(SAMPLES / "plan.yml")
    assert plan.start == dt.date(2025, 1, 1)
    ids = [a.id for a in plan.activities]
    assert "yun-xzcf" in ids and "xzcf-basics" in ids and "assignment:2025-q1-xzcf" in ids
    assert plan.rules["执法人员"].min_hours == 8
    assert plan.rules["执法人员"].required_assignments == ("2025-q1-xzcf",)
    assert plan.rules["领导干部"].min_per_part == {"会前学法": 2}
    assert plan.unit_aliases["区市场监督管理局"] == "区市场监管局"
    assert "2025-q1-xzcf" in plan.assignments


def test_period_override_and_year_shortcut(tmp_path):
    path = write(tmp_path, "period: 2024\n")
    assert load_plan(path).end == dt.date(2024, 12, 31)
    overridden = load_plan(path, period=(dt.date(2024, 1, 1), dt.date(2024, 6, 30)))
    assert overridden.end == dt.date(2024, 6, 30)


def test_rules_default_role_and_extras(tmp_path):
    path = write(tmp_path, """\
rules:
  "*":
    min_per_part: {会前学法: 1}
    min_hours: 4
extras:
  unknown_people: count
  out_of_period: count
minutes_per_hour: 45
""")
    plan = load_plan(path)
    assert plan.rule_for("任何角色").min_per_part == {"会前学法": 1}
    assert plan.rule_for("任何角色").min_hours == 4
    assert plan.count_unknown_people and plan.count_out_of_period and not plan.count_unknown_activities
    assert plan.minutes_per_hour == 45


def test_every_mistake_is_reported(tmp_path):
    path = write(tmp_path, """\
period: {start: 2025-12-31, end: 2025-01-01}
activities:
  - {id: Yun X, name: 线上, part: 线上}
  - {id: a, name: 讲座甲, part: 专题讲座, aliases: [线上课程]}
  - {id: b, name: 线上课程, part: 云平台}
rules:
  执法人员:
    min_per_part: {网课: 1, 现场观摩: -1}
    required_activities: [nope]
    required_assignments: [nope]
    min_hours: 多
extras:
  unknown_people: maybe
wrong_key: 1
""")
    with pytest.raises(InputError) as info:
        load_plan(path)
    text = "\n".join(str(p) for p in info.value.problems)
    for expected in ("早于开始日期", "活动编号「Yun X」不合规", "「part」应当是", "已用于活动", "不认识的培训形式「网课」",
                     "次数应当是不小于 0 的整数", "必修活动「nope」", "测验任务「nope」没有找到", "「min_hours」应当是数字",
                     "reject（退回）或 count", "不认识的键「wrong_key」"):
        assert expected in text, expected
    assert all(p.line is not None for p in info.value.problems)


def test_assignments_folder_relative_to_plan(tmp_path):
    folder = tmp_path / "tasks"
    folder.mkdir()
    (folder / "t1.yml").write_text(
        "id: t1\ntitle: 测验\nmodules: [m1]\nopens: 2025-01-01\ndue: 2025-02-01\npass_mark: 60\n", encoding="utf-8")
    plan = load_plan(write(tmp_path, "assignments: tasks\nrules:\n  x: {required_assignments: [t1]}\n"))
    assert list(plan.assignments) == ["t1"]
    assert any(a.id == "m1" and a.part == "测验" for a in plan.activities)
    (folder / "t2.yml").write_text("id: wrong\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_plan(tmp_path / "plan.yml")
    assert any(p.path.endswith("t2.yml") for p in info.value.problems)
