"""The reports: coverage.json, coverage.xlsx, coverage.html, rejects.csv / duplicates.csv, the public page."""

import csv
import datetime as dt
import json
from html.parser import HTMLParser

import openpyxl
import pytest

from fazhi.tally.run import Options, run
from fazhi.tally.safe_cells import neutralise

ROSTER = [
    ["工号", "姓名", "单位", "角色", "状态"],
    ["T0001", "测试甲", "甲街道", "执法人员", "在岗"],
    ["T0002", "=2+3", "甲街道", "执法人员", "在岗"],  # a name that would run as a formula
    ["T0003", "测试丙", "<b>乙镇</b>", "执法人员", "在岗"],  # a unit name that is also HTML
    ["T0004", "测试丁", "乙镇", "执法人员", "借调"],
]
LOG = [
    ["工号", "姓名", "单位", "课程名称", "完成时间", "学时", "培训形式"],
    ["T0001", "测试甲", "甲街道", "线上课", "2025-03-05", "2", "云平台"],
    ["T0001", "测试甲", "甲街道", "观摩", "2025-03-06", "3", "现场观摩"],
    ["T0001", "测试甲", "甲街道", "讲座", "2025-03-07", "2", "专题讲座"],
    ["T0002", "=2+3", "甲街道", "线上课", "2025-03-05", "2", "云平台"],
    ["T0002", "=2+3", "甲街道", "线上课", "2025-03-05", "2", "云平台"],  # duplicate
    ["+T9", "@SUM(A1:A9)", "甲街道", "-1+1", "2025-03-05", "2", "云平台"],  # unknown person, formula-looking cells
    ["T0003", "测试丙", "乙镇", "\t=cmd", "2025-03-05", "2", "云平台"],
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reports")
    roster = tmp / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(ROSTER)
    log = tmp / "log.csv"
    with log.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(LOG)
    out = tmp / "out"
    result, paths = run(Options(roster=roster, out=out, logs=[log], period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                                public_page=tmp / "site" / "coverage.md",
                                now=dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))))
    return result, paths


def test_neutralise():
    for text in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx", "＝1"):
        assert neutralise(text) == "'" + text
    for value in ("测试", "1-1", "a=b", 5, -5, 2.5, None):
        assert neutralise(value) == value


def test_all_files_written_and_only_in_out(outputs):
    _result, paths = outputs
    out = paths["json"].parent
    assert {p.name for p in out.iterdir()} == {"coverage.json", "coverage.xlsx", "coverage.html", "rejects.csv",
                                               "duplicates.csv"}


def test_json_schema_and_accounting(outputs):
    result, paths = outputs
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["schema"] == "fazhi-tally/1"
    assert data["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    assert data["generated_at"] == "2025-06-01T09:00:00+08:00"
    rows = data["rows"]
    assert (rows["read"], rows["accepted"], rows["rejected"], rows["duplicates"]) == (7, 5, 1, 1)
    assert rows["read"] == rows["accepted"] + rows["rejected"] + rows["duplicates"]
    for f in rows["files"]:
        assert f["read"] == f["accepted"] + f["rejected"] + f["duplicates"]
    assert rows["by_reason"]["unknown_person"] == {"label": "名册中无此人", "count": 1}
    units = {u["unit"]: u for u in data["units"]}
    assert set(units) == {"甲街道", "<b>乙镇</b>", "乙镇"}
    jia = units["甲街道"]
    assert (jia["headcount"], jia["covered"], jia["coverage"]) == (2, 1, 0.5)
    assert jia["parts"]["云平台"]["people"] == 2 and jia["hours"]["total"] == 9
    assert units["乙镇"]["exempt"] == 1 and units["乙镇"]["coverage"] is None
    assert data["total"]["headcount"] == 3
    assert data["plan"]["default"] is True and data["plan"]["default_rule"].startswith("云平台至少 1 项")


def test_json_has_no_names(outputs):
    _result, paths = outputs
    text = paths["json"].read_text(encoding="utf-8")
    for name in ("测试甲", "测试丙", "T0001"):
        assert name not in text


def test_xlsx_sheets_and_neutralised_cells(outputs):
    result, paths = outputs
    book = openpyxl.load_workbook(paths["xlsx"])
    assert book.sheetnames[:3] == ["汇总", "人员", "云平台"]
    assert {"现场观摩", "专题讲座", "活动", "退回记录", "重复记录", "说明"} <= set(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), (sheet.title, cell.coordinate, cell.value)
    people = {r[0]: r for r in book["人员"].iter_rows(min_row=2, values_only=True)}
    assert people["T0002"][1] == "'=2+3"
    assert people["T0001"][5] == "是" and people["T0002"][5] == "否"
    rejected = list(book["退回记录"].iter_rows(min_row=2, values_only=True))
    assert rejected[0][4:7] == ("'+T9", "'@SUM(A1:A9)", "'-1+1")
    summary = {r[0]: r for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["甲街道"][1:5] == (2, 0, 1, 0.5) and summary["合计"][1] == 3
    # the accounting is in the workbook too
    notes = {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["读入行数"] == 7 and notes["计入"] == 5 and notes["退回"] == 1 and notes["重复（只计一次）"] == 1


def test_csv_reports_neutralised_with_rows(outputs):
    _result, paths = outputs
    with paths["rejects"].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["文件", "行号", "原因代码", "原因", "说明", "编号", "姓名", "活动", "日期"]
    (row,) = rows[1:]
    assert row[1] == "7" and row[2] == "unknown_person"
    assert row[5:8] == ["'+T9", "'@SUM(A1:A9)", "'-1+1"]
    with paths["duplicates"].open(encoding="utf-8-sig", newline="") as fh:
        dups = list(csv.reader(fh))
    assert dups[1][:4] == [dups[1][0], "6", "T0002", "'=2+3"] and dups[1][7] == "5"
    assert paths["rejects"].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel/WPS read it as UTF-8


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text, self.style = [], [], [], []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.style if self._in_style else self.text).append(data)


def test_html_is_self_contained(outputs):
    result, paths = outputs
    html = paths["html"].read_text(encoding="utf-8")
    page = _Collector()
    page.feed(html)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert "iframe" not in page.tags and "object" not in page.tags
    for name, value in page.attrs:
        assert name not in ("src", "href", "srcset", "action", "xlink:href"), name
    lowered = html.lower()
    for needle in ("http://", "https://", "//cdn", "url(", "@import", "@font-face"):
        assert needle not in lowered, needle
    assert page.tags.count("svg") == 1
    assert page.tags.count("rect") == len(result.units)
    assert "<b>乙镇</b>" not in html and "&lt;b&gt;乙镇&lt;/b&gt;" in html  # escaped, never markup
    text = "".join(page.text)
    assert "覆盖率" in text and "50.0%" in text
    assert "测试甲" not in text  # aggregates only


def test_public_page_is_name_free(outputs):
    result, paths = outputs
    page = paths["public"].read_text(encoding="utf-8")
    assert "| 甲街道 | 2 | 1 | 50.0% |" in page
    for private in ("测试甲", "T0001", "=2+3", "log.csv"):
        assert private not in page
