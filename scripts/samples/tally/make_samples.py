#!/usr/bin/env python3
"""Regenerate the fictitious sample roster and logs of the coverage tally.

All people, ids and units are invented (测试甲, 张某某01, T0001, 甲街道 …).
Run from anywhere: ``python scripts/samples/tally/make_samples.py``; it
rewrites ``roster.xlsx`` and ``logs/*`` beside itself. The plan, the
assignment and the profiles are hand-written YAML and are not touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from fazhi.tally.receipts import RECEIPT_CSV_HEADER, make_statement  # noqa: E402

SITE = "http://intranet.example/fazhi"
FIXED_TIME = dt.datetime(2025, 1, 1)  # workbook metadata, so regenerated files are byte-identical


def workbook(path: Path) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": FIXED_TIME, "author": "示例数据（虚构）"})
    return book

# (id, name, unit, role, status, reason)
PEOPLE = [
    ("T0001", "测试甲", "甲街道", "执法人员", "在岗", ""),
    ("T0002", "测试乙", "甲街道", "执法人员", "在岗", ""),
    ("T0003", "测试丙", "甲街道", "执法人员", "在岗", ""),
    ("T0004", "测试丁", "甲街道", "执法人员", "免训", "长期病休"),
    ("T0005", "张某某01", "甲街道", "领导干部", "在岗", ""),
    ("T0006", "测试戊", "甲街道", "执法人员", "在岗", ""),
    ("T0011", "李某某01", "乙镇", "执法人员", "在岗", ""),
    ("T0012", "李某某02", "乙镇", "执法人员", "在岗", ""),
    ("T0013", "李某某03", "乙镇", "执法人员", "在岗", ""),
    ("T0014", "王某某01", "乙镇", "领导干部", "在岗", ""),
    ("T0021", "赵某某01", "丙街道", "执法人员", "在岗", ""),
    ("T0022", "赵某某02", "丙街道", "执法人员", "在岗", ""),
    ("T0023", "赵某某03", "丙街道", "执法人员", "借调", "借调至区司法局"),
    ("T0031", "钱某某01", "区市场监管局", "执法人员", "在岗", ""),
    ("T0032", "钱某某02", "区市场监管局", "执法人员", "在岗", ""),
    ("T0033", "钱某某03", "区市场监管局", "执法人员", "在岗", ""),
    ("T0034", "钱某某04", "区市场监管局", "执法人员", "在岗", ""),
    ("T0035", "孙某某01", "区市场监管局", "领导干部", "在岗", ""),
    ("T0036", "测试戊", "区市场监管局", "执法人员", "在岗", ""),
    ("T0041", "周某某01", "区司法局", "执法人员", "在岗", ""),
    ("T0042", "周某某02", "区司法局", "执法人员", "在岗", ""),
    ("T0043", "吴某某01", "区司法局", "领导干部", "在岗", ""),
]


def roster(path: Path) -> None:
    book = workbook(path)
    ws = book.add_worksheet("名册")
    ws.write_string(0, 0, "某区行政执法人员名册（虚构示例）")
    header = ["执法证号", "姓名", "单位", "角色", "状态", "免训原因"]
    for c, h in enumerate(header):
        ws.write_string(2, c, h)
    for r, person in enumerate(PEOPLE, start=3):
        for c, v in enumerate(person):
            if v:
                ws.write_string(r, c, v)
    book.close()


def platform_export(path: Path) -> None:
    """The online platform's export: GB18030 CSV, a unit alias, mixed date forms."""
    rows = [["序号", "姓名", "执法证号", "所属单位", "课程名称", "学习时间", "获得学时", "学习状态"]]
    course_a, course_b = "行政处罚法要点网络课程", "新行政复议法解读"
    entries = [
        ("T0001", course_a, "2025/3/5 14:20", "2"), ("T0001", course_b, "2025年4月8日", "2学时"),
        ("T0002", course_a, "2025/3/6 09:10", "2"),
        ("T0003", course_a, "2025/3/6 10:05", "2"), ("T0003", course_b, "2025年4月9日", "2学时"),
        ("T0006", course_a, "2025/3/7 16:40", "2"),
        ("T0011", course_a, "2025/3/5 15:00", "2"),  # also completed in Moodle that day: a duplicate
        ("T0012", course_b, "2025年4月10日", "2学时"),
        ("T0031", course_a, "2025/3/11 08:30", "2"), ("T0031", course_b, "2025年4月12日", "2学时"),
        ("T0032", course_a, "2025/3/12 08:31", "2"), ("T0032", course_b, "2025年4月12日", "2学时"),
        ("T0033", course_a, "2025/3/12 11:00", "2"),
        ("T0033", course_a, "2025/3/12 19:45", "2"),  # same person, course and day: counted once
        ("T0034", course_a, "2025/3/13 10:00", "2"),
    ]
    unit_of = {p[0]: p[2] for p in PEOPLE}
    name_of = {p[0]: p[1] for p in PEOPLE}
    for i, (pid, course, when, hours) in enumerate(entries, start=1):
        unit = "区市场监督管理局" if unit_of[pid] == "区市场监管局" else unit_of[pid]
        rows.append([str(i), name_of[pid], pid, unit, course, when, hours, "已完成"])
    rows.append([str(len(rows)), name_of["T0034"], "T0034", "区市场监督管理局", course_b, "2025年4月15日", "0.5", "学习中"])
    with path.open("w", encoding="gb18030", newline="") as fh:
        csv.writer(fh).writerows(rows)


def legacy_platform(path: Path) -> None:
    """An older platform's XLSX: odd headers (see profiles/legacy-platform.yml), minutes."""
    book = workbook(path)
    ws = book.add_worksheet("学习记录")
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    ws.write_string(0, 0, "学习记录导出（虚构示例）")
    header = ["学员编码", "学员", "机构", "课件", "最后学习时间", "累计时长"]
    for c, h in enumerate(header):
        ws.write_string(1, c, h)
    entries = [
        ("T0021", "赵某某01", "丙街道", "行政处罚法要点网络课程", dt.datetime(2025, 3, 18, 9, 30), 120),
        ("T0022", "赵某某02", "丙街道", "行政处罚法要点网络课程", dt.datetime(2025, 3, 19, 14, 0), 120),
        ("T0041", "周某某01", "区司法局", "行政处罚法要点网络课程", dt.datetime(2025, 3, 20, 10, 0), 120),
        ("T0041", "周某某01", "区司法局", "新行政复议法解读", dt.datetime(2025, 4, 20, 10, 0), 120),
        ("T0042", "周某某02", "区司法局", "新行政复议法解读", dt.datetime(2025, 4, 21, 15, 0), 90),
    ]
    for r, (pid, name, unit, course, moment, minutes) in enumerate(entries, start=2):
        ws.write_string(r, 0, pid)
        ws.write_string(r, 1, name)
        ws.write_string(r, 2, unit)
        ws.write_string(r, 3, course)
        ws.write_datetime(r, 4, moment, when)
        ws.write_number(r, 5, minutes)
    book.close()


def moodle_completion(path: Path) -> None:
    """Moodle's course completion report, CSV download ("completion-<course>.csv")."""
    header = ["ID", "Name", "ID number", "Department", "行政处罚法要点测验", "行政处罚法要点测验 - Completion date",
              "Course complete"]
    rows = [
        ["101", "李某某01", "T0011", "乙镇", "Completed", "05/03/25, 14:20", "05/03/25, 14:25"],
        ["102", "李某某02", "T0012", "乙镇", "Completed", "06/03/25, 09:00", "06/03/25, 09:02"],
        ["103", "李某某03", "T0013", "乙镇", "Completed", "07/03/25, 10:30", "07/03/25, 10:31"],
        ["104", "赵某某03", "T0023", "丙街道", "Not completed", "", ""],
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows(rows)


def signin_lecture(path: Path) -> None:
    """A lecture sign-in sheet turned into Excel: title rows, no activity column."""
    book = workbook(path)
    ws = book.add_worksheet("签到表")
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    ws.write_string(0, 0, "某区2025年行政执法人员专题讲座签到表（虚构示例）")
    ws.write_string(1, 0, "讲座：行政处罚裁量基准　地点：区政府第一会议室")
    for c, h in enumerate(["序号", "姓名", "执法证号", "单位", "签到时间", "签名"]):
        ws.write_string(2, c, h)
    entries = [
        ("测试  甲", "T0001", "甲街道"), ("测试  乙", "T0002", "甲街道"), ("测试  丙", "T0003", "甲街道"),
        ("李某某01", "Ｔ００１１", "乙镇"), ("李某某02", "T0012", "乙镇"),
        ("赵某某01", "T0021", "丙街道"), ("钱某某01", "T0031", "区市场监管局"), ("钱某某02", "T0032", "区市场监管局"),
        ("钱某某03", "T0033", "区市场监管局"), ("周某某01", "T0041", "区司法局"), ("周某某02", "T0042", "区司法局"),
    ]
    for r, (name, pid, unit) in enumerate(entries, start=3):
        ws.write_number(r, 0, r - 2)
        ws.write_string(r, 1, name)
        ws.write_string(r, 2, pid)
        ws.write_string(r, 3, unit)
        ws.write_datetime(r, 4, dt.datetime(2025, 4, 10, 8, 40 + r), when)
        ws.write_string(r, 5, "（已签）")
    book.close()


def fieldtrip(path: Path) -> None:
    """Site-visit records: UTF-8 with BOM, compact dates, no hours (taken from the plan)."""
    rows = [["工号", "姓名", "单位", "活动名称", "日期", "学时"]]
    for pid, name, unit in [("T0001", "测试甲", "甲街道"), ("T0003", "测试丙", "甲街道"), ("T0006", "测试戊", "甲街道"),
                            ("T0031", "钱某某01", "区市场监管局"), ("T0032", "钱某某02", "区市场监管局"),
                            ("T0034", "钱某某04", "区市场监管局")]:
        rows.append([pid, name, unit, "市场监管执法现场观摩", "20250520", ""])
    for pid, name, unit in [("T0011", "李某某01", "乙镇"), ("T0012", "李某某02", "乙镇"), ("T0021", "赵某某01", "丙街道"),
                            ("T0041", "周某某01", "区司法局"), ("T0042", "周某某02", "区司法局")]:
        rows.append([pid, name, unit, "综合行政执法现场观摩", "2025-06-12", ""])
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)


def meeting_signin(path: Path) -> None:
    """会前学法 attendance typed from paper: names and units only, no ids."""
    rows = [["姓名", "单位", "学法内容", "日期"]]
    first, second = "区政府常务会议会前学法（第一次）", "区政府常务会议会前学法（第二次）"
    for name, unit in [("张某某01", "甲街道办事处"), ("王某某01", "乙镇"), ("孙某某01", "市场监管局"), ("吴某某01", "区司法局")]:
        rows.append([name, unit, first, "2025-02-20"])
    for name, unit in [("张某某01", "甲街道"), ("孙某某01", "区市场监管局"), ("测试戊", "区市场监管局")]:
        rows.append([name, unit, second, "2025-06-18"])
    rows.append(["测试戊", "", second, "2025-06-18"])  # two people of that name: rejected, not guessed
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def receipts(json_path: Path, csv_path: Path) -> None:
    """The site's completion receipts: a JSON list and the one-line CSV form."""
    name_of = {p[0]: (p[1], p[2]) for p in PEOPLE}

    def quiz(pid, module, title, when, verb="passed", scaled=0.9):
        name, unit = name_of[pid]
        return make_statement(learner_id=pid, name=name, unit=unit, object_id=f"{SITE}/quizzes/{module}/",
                              title=title, timestamp=when, verb=verb, scaled=scaled, raw=round(scaled * 10),
                              top=10, success=verb == "passed")

    basics, procedure = ("xzcf-basics", "行政处罚法基础"), ("xzcf-procedure", "行政处罚程序")
    statements = [
        quiz("T0001", *basics, "2025-03-10T09:00:00+08:00"),
        quiz("T0001", *procedure, "2025-03-10T09:30:00+08:00"),
        quiz("T0002", *basics, "2025-03-11T10:00:00+08:00"),
        quiz("T0002", *procedure, "2025-04-03T10:00:00+08:00"),  # after the due date: late
        quiz("T0003", *basics, "2025-03-14T15:00:00+08:00"),
        quiz("T0003", *procedure, "2025-03-14T15:20:00+08:00"),
        quiz("T0006", *basics, "2025-03-15T11:00:00+08:00"),
        quiz("T0006", *procedure, "2025-03-15T11:20:00+08:00"),
        quiz("T0011", *basics, "2025-03-12T08:00:00+08:00"),
        quiz("T0011", *procedure, "2025-03-12T08:30:00+08:00", verb="failed", scaled=0.5),  # not a completion
        quiz("T0031", *basics, "2025-03-20T14:00:00+08:00"),
        quiz("T0031", *procedure, "2025-03-20T14:30:00+08:00", scaled=0.7),  # below the pass mark (80)
        quiz("T0041", *basics, "2025-03-21T09:00:00+08:00"),
        quiz("T0041", *procedure, "2025-03-21T09:40:00+08:00"),
    ]
    name, unit = name_of["T0032"]
    statements.append(make_statement(learner_id="T0032", name=name, unit=unit,
                                     object_id=f"{SITE}/assignments/2025-q1-xzcf/", title="行政处罚法专题测验（第一季度）",
                                     timestamp="2025-03-28T16:00:00+08:00", scaled=0.85, raw=17, top=20))
    json_path.write_text(json.dumps(statements, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(RECEIPT_CSV_HEADER)
        for pid, day in [("T0012", "2025-03-18"), ("T0013", "2025-03-19"), ("T0021", "2025-03-25"),
                         ("T0042", "2025-03-26")]:
            name, unit = name_of[pid]
            for module, title in (basics, procedure):
                out.writerow([f"{day}T10:00:00+08:00", pid, name, unit, "passed", f"{SITE}/quizzes/{module}/", title,
                              "0.9", "9", "10", "true", "true"])


def bad_rows(path: Path) -> None:
    """A hand-typed file with some rows that must be rejected (see the demo's rejects.csv)."""
    rows = [
        ["工号", "姓名", "单位", "课程名称", "完成时间", "学时"],
        ["Ｔ００２２", "赵某某02", "丙街道", "新行政复议法解读", "2025年3月8日", "2"],  # full-width id: accepted
        ["1.10113E+17", "测试己", "甲街道", "行政处罚法要点网络课程", "2025-03-05", "2"],  # Excel ate the id
        ["T9999", '=HYPERLINK("http://example.invalid","点我")', "乙镇", "行政处罚法要点网络课程", "2025-03-05", "2"],
        ["T0005", "张某某01", "甲街道", "消防安全培训", "2025-03-05", "2"],  # not in the plan
        ["T0002", "测试乙", "甲街道", "新行政复议法解读", "2024-12-30", "2"],  # before the period
        ["T0003", "测试丙", "甲街道", "新行政复议法解读", "2025-13-01", "2"],  # no such date
        ["", "", "乙镇", "新行政复议法解读", "2025-04-01", "2"],  # nobody
        ["T0013", "李某某03", "乙镇", "新行政复议法解读", "2025-04-02", "两学时"],  # hours unreadable
        ["T0014", "王某某01", "乙镇", "新行政复议法解读", "", "2"],  # no date
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def main() -> None:
    logs = HERE / "logs"
    logs.mkdir(exist_ok=True)
    roster(HERE / "roster.xlsx")
    platform_export(logs / "platform-export-gb18030.csv")
    legacy_platform(logs / "legacy-platform.xlsx")
    moodle_completion(logs / "completion-xzcf_2025.csv")
    signin_lecture(logs / "signin-lecture-2025-04-10.xlsx")
    fieldtrip(logs / "fieldtrip-2025.csv")
    meeting_signin(logs / "meeting-signin.csv")
    receipts(logs / "receipts.json", logs / "receipts.csv")
    bad_rows(logs / "bad-rows.csv")
    print(f"已生成示例数据：{HERE}")


if __name__ == "__main__":
    main()
