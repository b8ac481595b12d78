"""The assignment loader (quizzes/assignments/<id>.yml)."""

import datetime as dt
from pathlib import Path

import pytest

from fazhi.assignments import Assignment, load_assignment, load_assignments
from fazhi.errors import InputError

GOOD = """\
id: 2025-q1-xzcf
title: 行政处罚法专题测验
modules:
  - xzcf-basics
  - xzcf-procedure
target:
  units: [甲街道]
  roles: [执法人员]
opens: 2025-03-01
due: 2025-03-31
pass_mark: 80
notes: 可多次作答
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file(tmp_path):
    a = load_assignment(write(tmp_path, "2025-q1-xzcf.yml", GOOD))
    assert isinstance(a, Assignment)
    assert a.id == "2025-q1-xzcf" and a.title == "行政处罚法专题测验"
    assert a.modules == ("xzcf-basics", "xzcf-procedure")
    assert a.opens == dt.date(2025, 3, 1) and a.due == dt.date(2025, 3, 31)
    assert a.pass_mark == 80.0 and a.notes == "可多次作答"
    assert a.target.applies_to("甲街道", "执法人员")
    assert not a.target.applies_to("乙镇", "执法人员")
    assert not a.target.applies_to("甲街道", "领导干部")
    assert a.window_contains(dt.date(2025, 3, 31)) and not a.window_contains(dt.date(2025, 4, 1))


def test_absent_target_means_everyone(tmp_path):
    text = GOOD.replace("target:\n  units: [甲街道]\n  roles: [执法人员]\n", "")
    a = load_assignment(write(tmp_path, "2025-q1-xzcf.yml", text))
    assert a.target.everyone and a.target.applies_to("任何单位", "任何角色")
    empty = GOOD.replace("  units: [甲街道]\n  roles: [执法人员]\n", "  units: []\n")
    assert load_assignment(write(tmp_path, "2025-q1-xzcf.yml", empty)).target.everyone


def test_id_must_equal_file_stem(tmp_path):
    with pytest.raises(InputError) as info:
        load_assignment(write(tmp_path, "other.yml", GOOD))
    (problem,) = info.value.problems
    assert problem.line == 1 and "other" in problem.message and problem.path.endswith("other.yml")


def test_every_problem_is_reported_with_its_line(tmp_path):
    text = """\
id: Bad Id
title: 测验
modules: [ok-module, Not_OK, ok-module]
opens: 2025-04-01
due: 2025-03-01
pass_mark: 120
colour: red
"""
    with pytest.raises(InputError) as info:
        load_assignment(write(tmp_path, "Bad Id.yml", text))
    by_line = {}
    for p in info.value.problems:
        by_line.setdefault(p.line, []).append(p.message)
    assert any("不是合规的编号" in m for m in by_line[1])  # id
    assert any("Not_OK" in m for m in by_line[3]) and any("重复" in m for m in by_line[3])  # modules
    assert any("早于" in m for m in by_line[5])  # due before opens
    assert any("pass_mark" in m for m in by_line[6])
    assert any("colour" in m for m in by_line[7])  # unknown key


def test_missing_keys_and_wrong_types(tmp_path):
    with pytest.raises(InputError) as info:
        load_assignment(write(tmp_path, "x.yml", "id: x\nmodules: one-module\nopens: 明天\n"))
    text = "\n".join(str(p) for p in info.value.problems)
    for key in ("title", "due", "pass_mark"):
        assert f"缺少必填的键「{key}」" in text
    assert "「modules」应当是列表" in text
    assert "「opens」应当是日期" in text


def test_yaml_syntax_error(tmp_path):
    with pytest.raises(InputError) as info:
        load_assignment(write(tmp_path, "x.yml", "id: x\ntitle: [未闭合\n"))
    assert info.value.problems[0].line is not None


def test_known_modules_extension_point(tmp_path):
    path = write(tmp_path, "2025-q1-xzcf.yml", GOOD)
    assert load_assignment(path, known_modules={"xzcf-basics", "xzcf-procedure"})
    with pytest.raises(InputError) as info:
        load_assignment(path, known_modules={"xzcf-basics"})
    (problem,) = info.value.problems
    assert "xzcf-procedure" in problem.message and problem.line == 5


def test_folder_loading_collects_all_files_and_problems(tmp_path):
    write(tmp_path, "2025-q1-xzcf.yml", GOOD)
    write(tmp_path, "b.yml", GOOD.replace("2025-q1-xzcf", "b"))
    found = load_assignments(tmp_path)
    assert list(found) == ["2025-q1-xzcf", "b"]
    write(tmp_path, "c.yml", "id: c\n")
    write(tmp_path, "d.yml", "id: wrong\n")
    with pytest.raises(InputError) as info:
        load_assignments(tmp_path)
    files = {Path(p.path).name for p in info.value.problems}
    assert files == {"c.yml", "d.yml"}
