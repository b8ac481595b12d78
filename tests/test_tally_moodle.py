"""Moodle exports: the course completion report (report/completion) and report-builder tables."""

import csv
import datetime as dt

from fazhi.tally.readers import open_table
from fazhi.tally.run import Options, run

ROSTER = [["工号", "姓名", "单位"], ["T0001", "测试甲", "甲街道"], ["T0002", "测试乙", "乙镇"], ["T0003", "张某某", "乙镇"]]
PLAN = """\
period: 2025
activities:
  - {id: yun-xzcf, name: 行政处罚法要点（线上课程）, part: 云平台, hours: 2, aliases: [xzcf_2025, 行政处罚法要点]}
"""
# Moodle's report/completion/index.php?format=csv: ID, Name, identity fields, per criterion, "Course complete".
COMPLETION = [
    ["ID", "Name", "ID number", "Email address", "Department", "测验一", "测验一 - Completion date", "Course grade",
     "Course complete"],
    ["101", "测试甲", "T0001", "t1@example.invalid", "甲街道", "Completed", "05/03/25, 14:20", "", "05/03/25, 14:25"],
    ["102", "测试乙", "T0002", "t2@example.invalid", "乙镇", "Not completed", "", "", ""],
    ["103", "张某某", "", "t3@example.invalid", "乙镇", "Completed", "06/03/25, 09:00", "", "06/03/25, 09:01"],
]


def write(path, rows, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def tally(tmp_path, logs, **opts):
    roster = write(tmp_path / "roster.csv", ROSTER, "utf-8")
    plan = tmp_path / "plan.yml"
    plan.write_text(PLAN, encoding="utf-8")
    result, _ = run(Options(roster=roster, out=tmp_path / "out", logs=logs, plan=plan, **opts))
    assert result.read == result.accepted + result.rejected + result.duplicate_count
    return result


def test_completion_report_is_recognised(tmp_path):
    path = write(tmp_path / "completion-xzcf_2025.csv", COMPLETION)
    source = open_table(path)
    assert source.cmap.moodle
    assert source.cmap.columns["id"] == [2]  # "ID number", never Moodle's internal "ID"
    assert source.cmap.first("time") == 8  # "Course complete", not the per-activity date
    assert source.cmap.first("unit") == 4
    source.close()


def test_completion_report_tally(tmp_path):
    path = write(tmp_path / "completion-xzcf_2025.csv", COMPLETION)
    result = tally(tmp_path, [path])
    (f,) = result.files
    assert "Moodle" in f.format
    assert (f.read, f.accepted, f.rejected) == (3, 2, 1)
    (reject,) = result.rejects
    assert reject[1] == 3 and reject[2] == "not_completed" and "Course complete" in reject[3]
    people = {p.person.id: p for p in result.people}
    assert people["T0001"].parts == {"云平台": 1}  # activity from the file name, via the plan's alias
    assert people["T0003"].parts == {"云平台": 1}  # no ID number: unique name
    day = next(a for a in result.activities if a.activity.id == "yun-xzcf").days
    assert day == [dt.date(2025, 3, 5), dt.date(2025, 3, 6)]  # 05/03/25 read day-first, as Moodle writes it


def test_month_first_moodle_needs_a_profile(tmp_path):
    path = write(tmp_path / "completion-xzcf_2025.csv", COMPLETION)
    profile = tmp_path / "moodle-us.yml"
    profile.write_text("date_order: mdy\n", encoding="utf-8")
    result = tally(tmp_path, [path], profiles=[profile])
    day = next(a for a in result.activities if a.activity.id == "yun-xzcf").days
    assert day == [dt.date(2025, 5, 3), dt.date(2025, 6, 3)]


def test_report_builder_export_with_first_and_last_name(tmp_path):
    rows = [["First name", "Surname", "Course full name", "Completed", "Time completed"],
            ["甲", "测试", "行政处罚法要点", "Yes", "Wednesday, 5 March 2025, 2:20 PM"],
            ["乙", "测试", "行政处罚法要点", "No", ""]]
    path = write(tmp_path / "report.csv", rows)
    result = tally(tmp_path, [path], part="云平台")
    assert (result.accepted, result.rejected) == (1, 1)
    assert result.rejects[0][2] == "not_completed"
    assert {p.person.id for p in result.people if p.parts} == {"T0001"}
