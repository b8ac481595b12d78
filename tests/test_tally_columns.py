"""Header recognition and mapping profiles."""

import csv
from pathlib import Path

import openpyxl
import pytest

from fazhi.errors import InputError
from fazhi.tally.columns import find_header_row, header_key, load_profile, load_profiles, profile_for, recognise
from fazhi.tally.readers import open_table

SAMPLES = Path(__file__).resolve().parents[1] / "scripts" / "samples" / "tally"


@pytest.mark.parametrize("header, field", [
    ("姓名", "name"), ("学员姓名", "name"), ("工号", "id"), ("执法证号", "id"), ("执法证件号码", "id"),
    ("身份证号", "idcard"), ("单位", "unit"), ("所属单位", "unit"), ("部门", "unit"), ("课程名称", "activity"),
    ("培训名称", "activity"), ("活动名称", "activity"), ("完成时间", "time"), ("签到时间", "time"),
    ("学习时间", "time"), ("学时", "hours"), ("时长", "hours"), ("成绩", "score"), ("得分", "score"),
    ("培训形式", "part"), ("完成状态", "result"), ("ID number", "id"), ("Full name", "name"),
    ("Time completed", "time"), ("Course full name", "activity"), ("Department", "unit"),
    (" 姓　名 ", "name"), ("工号*", "id"), ("学时（小时）", "hours"),
])
def test_common_headers(header, field):
    cmap = recognise([header, "备注"])
    assert cmap.columns == {field: [0]}


def test_date_column_beats_a_bare_time_column():
    assert recognise(["姓名", "时间", "日期"]).first("time") == 2
    assert recognise(["姓名", "签到时间", "日期"]).first("time") == 1
    assert recognise(["姓名", "时间"]).first("time") == 1


def test_minutes_in_header():
    assert header_key("时长(分钟)") == ("时长", "分钟")
    assert recognise(["姓名", "学习时长（分钟）"]).hours_unit == "分钟"
    assert recognise(["姓名", "学时"]).hours_unit == "学时"


def test_several_id_columns_kept_in_order():
    cmap = recognise(["执法证号", "姓名", "工号"])
    assert cmap.columns["id"] == [0, 2]


def test_header_row_search_skips_titles():
    rows = [["某区签到表"], ["讲座：XX", "日期：2025-03-05"], [], ["序号", "姓名", "单位", "签名"], ["1", "测试甲", "乙镇", ""]]
    assert find_header_row(rows) == 3
    assert find_header_row([["标题"], ["姓名"]]) is None  # an identity alone is not a header


def test_sample_profiles_load():
    profiles = load_profiles([SAMPLES / "profiles"])
    by_name = {Path(p.path).name: p for p in profiles}
    lecture = by_name["signin-lecture.yml"]
    assert lecture.activity == "行政处罚裁量基准专题讲座" and lecture.part == "专题讲座"
    legacy = by_name["legacy-platform.yml"]
    assert legacy.columns["id"] == ("学员编码",) and legacy.hours_unit == "分钟" and legacy.sheet == "学习记录"
    assert profile_for("logs/signin-lecture-2025-04-10.xlsx", profiles) is lecture
    assert profile_for("legacy-platform.xlsx", profiles) is legacy
    assert profile_for("other.csv", profiles) is None


def test_profile_without_match_applies_to_the_rest(tmp_path):
    a = tmp_path / "a.yml"
    a.write_text("match: ['x*.csv']\n", encoding="utf-8")
    b = tmp_path / "b.yml"
    b.write_text("fixed: {part: 专题讲座}\n", encoding="utf-8")
    profiles = load_profiles([a, b])
    assert profile_for("x1.csv", profiles).path.endswith("a.yml")
    assert profile_for("y.csv", profiles).path.endswith("b.yml")


def test_profile_problems_have_lines(tmp_path):
    path = tmp_path / "p.yml"
    path.write_text("""\
header_row: 零
columns:
  person: 学员
  name: 姓名
fixed:
  part: 网课
  hours: -2
  date: 昨天
delimiter: "#"
encoding: klingon
hours_unit: 天
what: 1
""", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile(path)
    lines = {p.line for p in info.value.problems}
    assert {1, 3, 6, 7, 8, 9, 10, 11, 12} <= lines


def test_profile_maps_an_odd_layout(tmp_path):
    profile = tmp_path / "odd.yml"
    profile.write_text("columns: {id: 学员编码, name: 学员, activity: 课件, time: 最后学习时间, hours: 累计时长}\n"
                       "hours_unit: 分钟\n", encoding="utf-8")
    path = tmp_path / "odd.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["学员编码", "学员", "课件", "最后学习时间", "累计时长"], ["T1", "测试甲", "课", "2025-03-05", "90"]])
    source = open_table(path, profile=load_profile(profile))
    cmap = source.cmap
    assert (cmap.first("id"), cmap.first("name"), cmap.first("activity"), cmap.first("time"), cmap.first("hours")) \
        == (0, 1, 2, 3, 4)
    assert cmap.hours_unit == "分钟"


def test_profile_column_missing_from_file(tmp_path):
    profile = tmp_path / "p.yml"
    profile.write_text("header_row: 1\ncolumns: {id: 人员编码}\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.append(["姓名", "工号", "课程名称"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        open_table(path, profile=load_profile(profile))
    (problem,) = info.value.problems
    assert "人员编码" in problem.message and "「工号」" in problem.message
