"""The site's completion receipts (xAPI-shaped JSON and the CSV form) and assignments."""

import csv
import json

import pytest

from fazhi.errors import InputError
from fazhi.tally.readers import open_table
from fazhi.tally.receipts import RECEIPT_CSV_HEADER, UNIT_EXTENSION, make_statement, statement_to_row
from fazhi.tally.run import Options, run

SITE = "http://intranet.example/fazhi"
ROSTER = [["工号", "姓名", "单位", "角色"], ["T0001", "测试甲", "甲街道", "执法人员"],
          ["T0002", "测试乙", "甲街道", "执法人员"], ["T0003", "测试丙", "乙镇", "执法人员"],
          ["T0004", "测试丁", "乙镇", "领导干部"]]
ASSIGNMENT = "id: q1\ntitle: 第一季度测验\nmodules: [m-a, m-b]\ntarget: {roles: [执法人员]}\n" \
             "opens: 2025-03-01\ndue: 2025-03-31\npass_mark: 80\n"


def quiz(pid, module, when, scaled=0.9, verb="passed", **kw):
    return make_statement(learner_id=pid, name="测试", unit="甲街道", object_id=f"{SITE}/quizzes/{module}/",
                          title=f"模块{module}", timestamp=when, verb=verb, scaled=scaled, **kw)


def setup(tmp_path, files, plan="period: 2025\nassignments: tasks\n", assignment=ASSIGNMENT):
    roster = tmp_path / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(ROSTER)
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks" / "q1.yml").write_text(assignment, encoding="utf-8")
    (tmp_path / "plan.yml").write_text(plan, encoding="utf-8")
    paths = []
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, (list, dict)) and name.endswith(".json"):
            path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        else:
            with path.open("w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows(content)
        paths.append(path)
    result, _ = run(Options(roster=roster, out=tmp_path / "out", logs=paths, plan=tmp_path / "plan.yml",
                            part="云平台"))
    assert result.read == result.accepted + result.rejected + result.duplicate_count
    return result


def test_statement_fields():
    st = make_statement(learner_id=" T0001 ", name="测试甲", unit="甲街道", object_id=f"{SITE}/quizzes/XZCF-basics/",
                        title="行政处罚法基础", timestamp="2025-03-05T14:20:00+08:00", scaled=0.9, raw=9, top=10)
    assert st["context"]["extensions"][UNIT_EXTENSION] == "甲街道"
    row = statement_to_row(st)
    assert row[1:] == ["T0001", "测试甲", "甲街道", "xzcf-basics", "2025-03-05T14:20:00+08:00", pytest.approx(90.0),
                       True, "测验", "行政处罚法基础"]
    st["result"] = {"score": {"raw": 17, "max": 20}}
    assert statement_to_row(st)[6] == pytest.approx(85.0)
    st["object"]["id"] = f"{SITE}/assignments/q1/"
    assert statement_to_row(st)[4] == "assignment:q1"


@pytest.mark.parametrize("change, words", [
    (lambda s: s.pop("actor"), "缺少 actor"),
    (lambda s: s["actor"].update(account={}, name=""), "actor.account.name"),
    (lambda s: s["object"].update(id="http://elsewhere.example/page"), "不是本站测验"),
    (lambda s: s["verb"].update(id="http://adlnet.gov/expapi/verbs/attempted"), "不是完成记录"),
    (lambda s: s["result"]["score"].update(scaled="很高"), "不是数字"),
])
def test_malformed_statements_become_rejects(change, words):
    st = quiz("T0001", "m-a", "2025-03-05T10:00:00+08:00")
    change(st)
    row = statement_to_row(st)
    assert words in row[0]


def test_json_single_list_and_csv_variant(tmp_path):
    single = quiz("T0001", "m-a", "2025-03-05T10:00:00+08:00")
    many = [quiz("T0001", "m-b", "2025-03-06T10:00:00+08:00"), quiz("T0002", "m-a", "2025-03-06T10:00:00+08:00"),
            quiz("T0002", "m-b", "2025-03-06T11:00:00+08:00", verb="failed", scaled=0.4), {"actor": "nobody"}]
    rows = [list(RECEIPT_CSV_HEADER),
            ["2025-03-07T10:00:00+08:00", "T0003", "测试丙", "乙镇", "passed", f"{SITE}/quizzes/m-a/", "模块a", "0.95",
             "", "", "true", "true"],
            ["2025-03-07T10:00:00+08:00", "T0003", "测试丙", "乙镇", "completed", f"{SITE}/quizzes/m-b/", "模块b",
             "", "8", "10", "", ""]]
    result = setup(tmp_path, {"one.json": single, "many.json": many, "receipts.csv": rows})
    formats = [f.format for f in result.files]
    assert formats == ["完成回执（JSON）", "完成回执（JSON）", "完成回执（CSV）"]
    one, many_f, csv_f = result.files
    assert (one.read, one.accepted) == (1, 1)
    assert (many_f.read, many_f.accepted, many_f.rejected) == (4, 2, 2)
    assert {r[1]: r[2] for r in result.rejects if r[0].endswith("many.json")} == {3: "not_completed", 4: "bad_receipt"}
    assert (csv_f.read, csv_f.accepted, csv_f.header_row) == (2, 2, 1)
    (q1,) = result.assignments
    assert (q1.targeted, q1.on_time, q1.late, q1.missing) == (3, 2, 0, 1)  # T0001 and T0003 on time; T0002 failed m-b


def test_assignment_due_date_pass_mark_and_whole_assignment_receipt(tmp_path):
    statements = [
        quiz("T0001", "m-a", "2025-03-05T10:00:00+08:00"), quiz("T0001", "m-b", "2025-04-02T10:00:00+08:00"),  # late
        quiz("T0002", "m-a", "2025-03-05T10:00:00+08:00"), quiz("T0002", "m-b", "2025-03-05T10:00:00+08:00", 0.7),
        quiz("T0002", "m-b", "2025-03-05T11:00:00+08:00", 0.85),  # a better try the same day: a duplicate that counts
        quiz("T0003", "m-a", "2025-02-20T10:00:00+08:00"), quiz("T0003", "m-b", "2025-02-20T10:00:00+08:00"),  # early
        make_statement(learner_id="T0004", name="测试丁", unit="乙镇", object_id=f"{SITE}/assignments/q1/",
                       title="第一季度测验", timestamp="2025-03-10T10:00:00+08:00", scaled=0.9),  # not targeted
    ]
    result = setup(tmp_path, {"r.json": statements})
    assert result.duplicate_count == 1
    status = {p.person.id: p.assignments.get("q1") for p in result.people}
    assert status == {"T0001": "逾期完成", "T0002": "按期完成", "T0003": "未完成", "T0004": None}
    (q1,) = result.assignments
    assert (q1.targeted, q1.on_time, q1.late, q1.missing) == (3, 1, 1, 1)
    titles = {a.activity.id: a.activity.name for a in result.activities}
    assert titles["m-a"] == "模块m-a"  # the receipt's title replaces the bare module id


def test_whole_assignment_receipt_counts(tmp_path):
    st = make_statement(learner_id="T0002", name="测试乙", unit="甲街道", object_id=f"{SITE}/assignments/q1/",
                        title="第一季度测验", timestamp="2025-03-10T10:00:00+08:00", scaled=0.9)
    result = setup(tmp_path, {"r.json": [st]})
    assert {p.person.id: p.assignments.get("q1") for p in result.people}["T0002"] == "按期完成"


def test_utc_timestamps_are_read_in_beijing_time(tmp_path):
    st = quiz("T0001", "m-a", "2025-03-31T17:00:00Z")  # 01:00 on 1 April in Beijing: after the due date
    st2 = quiz("T0001", "m-b", "2025-03-20T00:00:00Z")
    result = setup(tmp_path, {"r.json": [st, st2]})
    assert {p.person.id: p.assignments.get("q1") for p in result.people}["T0001"] == "逾期完成"


def test_broken_json_has_a_line(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('[\n  {"actor": {"name": "x"},\n  oops\n]', encoding="utf-8")
    with pytest.raises(InputError) as info:
        open_table(path)
    (problem,) = info.value.problems
    assert problem.line == 3 and "JSON 格式错误" in problem.message
    other = tmp_path / "other.json"
    other.write_text('{"name": "not a receipt"}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        open_table(other)
    assert "不是完成回执" in info.value.problems[0].message



def test_assignment_target_units_use_the_plan_aliases(tmp_path):
    assignment = ASSIGNMENT.replace("target: {roles: [执法人员]}", "target: {units: [甲街道办事处]}")
    plan = "period: 2025\nassignments: tasks\nunit_aliases: {甲街道: [甲街道办事处]}\n"
    result = setup(tmp_path, {"r.json": [quiz("T0001", "m-a", "2025-03-05T10:00:00+08:00")]}, plan=plan,
                   assignment=assignment)
    (q1,) = result.assignments
    assert q1.targeted == 2  # 测试甲 and 测试乙 of 甲街道
