"""The roster: columns, statuses, aliases and every problem at once."""

import csv

import openpyxl
import pytest

from fazhi.errors import InputError
from fazhi.tally.normalize import Bad
from fazhi.tally.roster import UnitAliases, load_roster


def write_csv(path, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_xlsx(path, rows, title="名册"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_csv_roster_with_title_row_statuses_and_aliases(tmp_path):
    path = write_csv(tmp_path / "r.csv", [
        ["某区人员名册（测试）"],
        [],
        ["工号", "姓名", "所属单位", "人员类别", "在岗状态", "免训原因"],
        ["T0001", "测试甲", "甲街道办事处", "执法人员", "在岗", ""],
        ["t0002 ", "测试  乙", "乙镇", "领导干部", "", ""],
        ["T0003", "测试丙", "乙镇", "执法人员", "免训", "长期病休"],
    ], encoding="gb18030")
    roster = load_roster(path, unit_aliases=UnitAliases({"甲街道办事处": "甲街道"}))
    a, b, c = roster.people
    assert (a.id, a.name, a.unit, a.role, a.active, a.row) == ("T0001", "测试甲", "甲街道", "执法人员", True, 4)
    assert (b.id, b.name, b.active, b.status) == ("T0002", "测试乙", True, "在岗")
    assert (c.active, c.status, c.reason) == (False, "免训", "长期病休")
    assert roster.units == ["甲街道", "乙镇"]
    assert roster.active_count == 2


def test_xlsx_roster_two_id_columns_and_numeric_ids(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["执法证号", "工号", "姓名", "单位"],
        ["ZF001", 12345, "测试甲", "甲街道"],
        ["ZF002", "007", "测试乙", "甲街道"],
    ])
    roster = load_roster(path)
    assert roster.lookup_id("ZF001") == 0 and roster.lookup_id("12345") == 0
    assert roster.lookup_id("007") == 1
    lost = roster.lookup_id("7")
    assert isinstance(lost, Bad) and lost.code == "id_lost_zeros" and "007" in lost
    missing = roster.lookup_id("ZF999")
    assert isinstance(missing, Bad) and missing.code == "unknown_person"


def test_name_lookup_never_guesses(tmp_path):
    path = write_csv(tmp_path / "r.csv", [
        ["工号", "姓名", "单位"],
        ["T1", "测试甲", "甲街道"], ["T2", "测试甲", "乙镇"], ["T3", "测试乙", "乙镇"],
    ])
    roster = load_roster(path)
    assert roster.lookup_name("测试甲", "乙镇") == 1
    assert roster.lookup_name("测试乙", "") == 2
    for name, unit, code in [("测试甲", "", "ambiguous_name"), ("测试乙", "甲街道", "ambiguous_name"),
                             ("测试丙", "", "unknown_person")]:
        result = roster.lookup_name(name, unit)
        assert isinstance(result, Bad) and result.code == code


def test_all_problems_at_once_with_lines(tmp_path):
    path = write_csv(tmp_path / "r.csv", [
        ["工号", "姓名", "单位"],
        ["T1", "测试甲", "甲街道"],
        ["T1", "测试乙", "甲街道"],
        ["1.10113E+17", "测试丙", "乙镇"],
        ["", "测试丁", "乙镇"],
        ["T5", "", ""],
    ])
    with pytest.raises(InputError) as info:
        load_roster(path)
    lines = {p.line: p.message for p in info.value.problems}
    assert "重复" in lines[3] and "第 2 行" in lines[3]
    assert "科学计数法" in lines[4]
    assert "缺少工号" in lines[5]
    assert sum(1 for p in info.value.problems if p.line == 6) == 2  # no name, no unit


def test_missing_columns_are_named(tmp_path):
    path = write_csv(tmp_path / "r.csv", [["工号", "姓名", "岗位"], ["T1", "测试甲", "x"]])
    with pytest.raises(InputError) as info:
        load_roster(path)
    (problem,) = info.value.problems
    assert "单位" in problem.message and "「岗位」" in problem.message


def test_empty_and_headerless_rosters(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_roster(empty)
    assert "空" in info.value.problems[0].message
    only_header = write_csv(tmp_path / "h.csv", [["工号", "姓名", "单位"]])
    with pytest.raises(InputError) as info:
        load_roster(only_header)
    assert "没有人员" in info.value.problems[0].message
