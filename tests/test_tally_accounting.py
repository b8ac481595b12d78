"""Accounting: every row accepted, rejected (with its reason and row) or a duplicate.

read = accepted + rejected + duplicates, per file and in total, in every test.
"""

import csv
import datetime as dt

import openpyxl
import pytest

from fazhi.errors import InputError
from fazhi.tally.run import Options, run

ROSTER = [
    ["工号", "姓名", "单位", "角色", "状态", "免训原因", "身份证号"],
    ["T0001", "测试甲", "甲街道", "执法人员", "在岗", "", "11010119900101001X"],
    ["T0002", "测试乙", "甲街道", "执法人员", "在岗", "", ""],
    ["T0003", "测试丙", "乙镇", "执法人员", "在岗", "", ""],
    ["T0004", "测试丁", "乙镇", "执法人员", "免训", "病休", ""],
    ["000123", "测试戊", "乙镇", "领导干部", "在岗", "", ""],
    ["T0006", "测试戊", "区市场监管局", "执法人员", "在岗", "", ""],
]

PLAN = """\
period: {start: 2025-01-01, end: 2025-12-31}
unit_aliases:
  区市场监管局: [市场监管局]
activities:
  - {id: yun-a, name: 线上课程甲, part: 云平台, hours: 2, aliases: [课程甲网络版]}
  - {id: yun-b, name: 线上课程乙, part: 云平台, hours: 2}
  - {id: gm-a, name: 现场观摩甲, part: 现场观摩, hours: 3}
  - {id: jz-a, name: 专题讲座甲, part: 专题讲座, hours: 2}
  - {id: hq-a, name: 会前学法甲, part: 会前学法, hours: 0.5}
rules:
  执法人员:
    min_per_part: {云平台: 1, 现场观摩: 1, 专题讲座: 1}
    min_hours: 8
  领导干部:
    min_per_part: {会前学法: 1}
"""

HEADER = ["工号", "姓名", "单位", "课程名称", "完成时间", "学时"]


def write_log(path, rows, encoding="utf-8"):
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", encoding=encoding, newline="") as fh:
            csv.writer(fh).writerows(rows)
    return path


def tally(tmp_path, logs, plan=PLAN, roster=ROSTER, **options):
    roster_path = write_log(tmp_path / "roster.csv", roster)
    plan_path = None
    if plan is not None:
        plan_path = tmp_path / "plan.yml"
        plan_path.write_text(plan, encoding="utf-8")
    paths = [write_log(tmp_path / name, rows) for name, rows in logs.items()]
    result, _ = run(Options(roster=roster_path, out=tmp_path / "out", logs=paths, plan=plan_path,
                            today=dt.date(2025, 6, 1), **options))
    check_identity(result)
    return result


def check_identity(result):
    for f in result.files:
        assert f.read == f.accepted + f.rejected + f.duplicates, f.file
        assert f.rejected == sum(f.by_reason.values())
    assert result.read == result.accepted + result.rejected + result.duplicate_count
    assert result.read == sum(f.read for f in result.files)
    assert len(result.rejects) == result.rejected and len(result.duplicates) == result.duplicate_count


def reasons(result):
    return {(row, code) for (_f, row, code, *_rest) in result.rejects}


def test_every_rejection_reason_with_its_row(tmp_path):
    rows = [
        HEADER,
        ["T0001", "测试甲", "甲街道", "线上课程甲", "2025-03-05", "2"],  # 2 accepted
        ["T9999", "路人", "甲街道", "线上课程甲", "2025-03-05", "2"],  # 3 unknown_person
        ["1.10113E+17", "测试甲", "甲街道", "线上课程甲", "2025-03-05", "2"],  # 4 id_scientific
        ["123", "测试戊", "乙镇", "线上课程甲", "2025-03-05", "2"],  # 5 id_lost_zeros
        ["123.0", "测试戊", "乙镇", "线上课程甲", "2025-03-05", "2"],  # 6 id_number
        ["", "", "乙镇", "线上课程甲", "2025-03-05", "2"],  # 7 no_identity
        ["", "测试戊", "", "线上课程甲", "2025-03-05", "2"],  # 8 ambiguous_name
        ["T0002", "测试乙", "甲街道", "", "2025-03-05", "2"],  # 9 no_activity
        ["T0002", "测试乙", "甲街道", "消防培训", "2025-03-05", "2"],  # 10 unknown_activity
        ["T0002", "测试乙", "甲街道", "线上课程甲", "", "2"],  # 11 no_date
        ["T0002", "测试乙", "甲街道", "线上课程甲", "2025-02-30", "2"],  # 12 bad_date
        ["T0002", "测试乙", "甲街道", "线上课程甲", "2024-12-31", "2"],  # 13 out_of_period
        ["T0002", "测试乙", "甲街道", "线上课程甲", "2025-03-05", "两学时"],  # 14 bad_hours
        [],  # 15 blank: not a record
        ["T0003", "测试丙", "乙镇", "线上课程甲", "2025-03-05", "2"],  # 16 accepted
    ]
    result = tally(tmp_path, {"log.csv": rows})
    assert reasons(result) == {
        (3, "unknown_person"), (4, "id_scientific"), (5, "id_lost_zeros"), (6, "id_number"), (7, "no_identity"),
        (8, "ambiguous_name"), (9, "no_activity"), (10, "unknown_activity"), (11, "no_date"), (12, "bad_date"),
        (13, "out_of_period"), (14, "bad_hours"),
    }
    (f,) = result.files
    assert (f.read, f.accepted, f.rejected, f.duplicates) == (14, 2, 12, 0)
    # the raw values are kept for the trainer
    row4 = next(r for r in result.rejects if r[1] == 4)
    assert row4[4] == "1.10113E+17" and row4[5] == "测试甲" and "科学计数法" in row4[3]


def test_status_score_and_part_reasons(tmp_path):
    plan = PLAN
    rows = [
        ["工号", "课程名称", "完成时间", "学习状态", "成绩"],
        ["T0001", "线上课程甲", "2025-03-05", "已完成", "90"],
        ["T0001", "线上课程乙", "2025-03-05", "学习中", "90"],  # not_completed
        ["T0002", "线上课程甲", "2025-03-05", "进度未知", "90"],  # bad_status
        ["T0003", "线上课程甲", "2025-03-05", "已完成", "优秀"],  # bad_score
    ]
    result = tally(tmp_path, {"log.csv": rows}, plan=plan)
    assert reasons(result) == {(3, "not_completed"), (4, "bad_status"), (5, "bad_score")}
    default = tally(tmp_path, {"log2.csv": [["工号", "课程名称", "完成时间", "培训形式"],
                                            ["T0001", "某课", "2025-03-05", "线上"],
                                            ["T0001", "某课2", "2025-03-05", "团建"]]}, plan=None)
    assert reasons(default) == {(3, "unknown_part")}


def test_duplicates_within_and_across_files(tmp_path):
    a = [HEADER,
         ["T0001", "测试甲", "甲街道", "线上课程甲", "2025/3/5 09:00", "2"],
         ["T0001", "测试甲", "甲街道", "课程甲网络版", "2025/3/5 21:00", "2"],  # same course (alias), same day
         ["T0001", "测试甲", "甲街道", "线上课程甲", "2025/3/6 09:00", "2"]]  # another day: counted
    b = [["某区签到表"], ["工号", "姓名", "课程名称", "完成时间"],
         ["Ｔ０００１", "测试甲", "线上课程甲", "2025年3月5日"],  # same again, other file
         ["T0002", "测试乙", "线上课程甲", "2025年3月5日"]]
    result = tally(tmp_path, {"a.csv": a, "b.xlsx": b})
    fa, fb = result.files
    assert (fa.read, fa.accepted, fa.duplicates) == (3, 2, 1)
    assert (fb.read, fb.accepted, fb.duplicates) == (2, 1, 1)
    dups = {(f.split("/")[-1], row, first_row) for f, row, _i, _n, _a, _d, _ff, first_row in result.duplicates}
    assert dups == {("a.csv", 3, 2), ("b.xlsx", 3, 2)}  # b.xlsx row 3 is the sheet row under the title
    person = next(p for p in result.people if p.person.id == "T0001")
    assert person.parts["云平台"] == 1  # one distinct course
    assert person.hours == 4  # two distinct days of it


def test_extras_are_counted_when_the_plan_says_so(tmp_path):
    plan = PLAN + "extras:\n  unknown_people: count\n  unknown_activities: count\n  out_of_period: count\n"
    rows = [HEADER,
            ["T9999", "路人", "甲街道", "线上课程甲", "2025-03-05", "2"],
            ["T0001", "测试甲", "甲街道", "消防培训", "2025-03-05", "2"],
            ["T0001", "测试甲", "甲街道", "线上课程甲", "2024-12-31", "2"],
            ["1.10113E+17", "测试甲", "甲街道", "线上课程甲", "2025-03-05", "2"]]  # still never guessed
    result = tally(tmp_path, {"log.csv": rows}, plan=plan)
    (f,) = result.files
    assert (f.accepted, f.extra, f.rejected) == (3, 3, 1)
    assert result.outside_people == 1 and result.outside_rows == 1
    assert any(a.activity.extra and a.activity.name == "消防培训" for a in result.activities)
    assert result.total.headcount == 5  # the outsider is not in any unit


def test_name_matching_idcard_and_unit_alias(tmp_path):
    rows = [["姓名", "单位", "身份证号", "活动名称", "签到时间"],
            ["测试戊", "市场监管局", "", "专题讲座甲", "2025-04-10 08:30"],  # alias → 区市场监管局: unique
            ["测试丙", "", "", "专题讲座甲", "2025-04-10 08:31"],  # unique name
            ["", "", "11010119900101001x", "专题讲座甲", "2025-04-10 08:32"]]  # 身份证号, lower-case x
    result = tally(tmp_path, {"signin.csv": rows})
    assert result.rejected == 0
    ids = {p.person.id for p in result.people if p.parts.get("专题讲座")}
    assert ids == {"T0006", "T0003", "T0001"}


def test_coverage_rules_hours_and_exemptions(tmp_path):
    rows = [HEADER,
            ["T0001", "", "", "线上课程甲", "2025-03-01", ""],
            ["T0001", "", "", "线上课程乙", "2025-03-02", ""],
            ["T0001", "", "", "现场观摩甲", "2025-03-03", ""],
            ["T0001", "", "", "专题讲座甲", "2025-03-04", ""],  # 2+2+3+2 = 9 >= 8: covered
            ["T0002", "", "", "线上课程甲", "2025-03-01", ""],
            ["T0002", "", "", "现场观摩甲", "2025-03-03", ""],
            ["T0002", "", "", "专题讲座甲", "2025-03-04", ""],  # 7 < 8
            ["T0004", "", "", "线上课程甲", "2025-03-01", ""],  # exempt: counted but not in headcount
            ["000123", "", "", "会前学法甲", "2025-02-20", ""]]
    result = tally(tmp_path, {"log.csv": rows})
    people = {p.person.id: p for p in result.people}
    assert people["T0001"].covered is True and people["T0001"].hours == 9
    assert people["T0002"].covered is False
    assert people["T0002"].lacks == ["学时还差 1（已 7/8）"]
    assert people["T0003"].lacks[:3] == ["云平台还差 1 项（已 0/1）", "现场观摩还差 1 项（已 0/1）", "专题讲座还差 1 项（已 0/1）"]
    assert people["T0004"].covered is None and people["T0004"].lacks == []
    assert people["000123"].covered is True
    units = {u.unit: u for u in result.units}
    assert (units["甲街道"].headcount, units["甲街道"].covered, units["甲街道"].coverage) == (2, 1, 0.5)
    assert (units["乙镇"].headcount, units["乙镇"].exempt, units["乙镇"].covered) == (2, 1, 1)
    assert units["甲街道"].parts["云平台"] == {"people": 2, "completions": 3, "required": 2, "met": 2}
    assert units["甲街道"].min_hours_required == 2 and units["甲街道"].min_hours_met == 1
    assert result.total.headcount == 5 and result.total.covered == 2
    session = next(a for a in result.activities if a.activity.id == "hq-a")
    assert session.days == [dt.date(2025, 2, 20)] and session.day_counts == [1]


def test_signin_sheet_needs_an_activity_and_a_date(tmp_path):
    rows = [["某区讲座签到表"], ["姓名", "工号", "签名"], ["测试甲", "T0001", "已签"]]
    with pytest.raises(InputError) as info:
        tally(tmp_path, {"signin.xlsx": rows})
    text = "\n".join(str(p) for p in info.value.problems)
    assert "没有活动名称列" in text and "没有日期列" in text and "--activity" in text
    result = tally(tmp_path, {"signin.xlsx": rows}, activity="专题讲座甲", date=dt.date(2025, 4, 10))
    assert result.accepted == 1 and result.rejects == []
    person = next(p for p in result.people if p.person.id == "T0001")
    assert person.parts == {"专题讲座": 1} and person.hours == 2


def test_default_plan_needs_a_part(tmp_path):
    rows = [["工号", "课程名称", "完成时间"], ["T0001", "某课", "2025-03-05"]]
    with pytest.raises(InputError) as info:
        tally(tmp_path, {"log.csv": rows}, plan=None)
    assert "无法确定培训形式" in info.value.problems[0].message
    result = tally(tmp_path, {"log.csv": rows}, plan=None, part="云平台", hours=1.5)
    person = next(p for p in result.people if p.person.id == "T0001")
    assert person.parts == {"云平台": 1} and person.hours == 1.5


def test_period_override(tmp_path):
    rows = [HEADER, ["T0001", "测试甲", "甲街道", "线上课程甲", "2025-07-05", "2"]]
    result = tally(tmp_path, {"log.csv": rows}, period=(dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    assert reasons(result) == {(2, "out_of_period")}


def test_excel_cells_numbers_and_datetimes(tmp_path):
    """What Excel does to cells: datetimes, serial numbers, ids turned into numbers."""
    rows = [["序号", "执法证号", "课程名称", "完成时间", "学时"],
            [1, "T0001", "线上课程甲", dt.datetime(2025, 3, 5, 14, 20), 2],  # a datetime cell
            [2, "T0002", "线上课程甲", 45721.6, "2学时"],  # a serial number (2025-03-05 14:24)
            [3, 123, "线上课程甲", dt.datetime(2025, 3, 5), 2],  # 000123 lost its zeros
            [4, 1.10113e17, "线上课程甲", dt.datetime(2025, 3, 5), 2],  # an 18-digit number
            [5, "T0003", "线上课程甲", 20250305, 2]]  # yyyymmdd typed as a number
    result = tally(tmp_path, {"log.xlsx": rows})
    assert reasons(result) == {(4, "id_lost_zeros"), (5, "id_scientific")}
    days = next(a for a in result.activities if a.activity.id == "yun-a").days
    assert days == [dt.date(2025, 3, 5)]
    assert result.accepted == 3
