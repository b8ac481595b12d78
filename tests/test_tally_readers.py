"""Opening files: encodings, delimiters, title rows, sheets, and broken files."""

import csv
import io
import zipfile

import openpyxl
import pytest

from fazhi.errors import InputError
from fazhi.tally.columns import load_profile
from fazhi.tally.readers import detect_encoding, open_table

ROWS = [
    ["姓名", "工号", "单位", "课程名称", "完成时间", "学时"],
    ["测试甲", "T0001", "甲街道", "行政处罚法要点", "2025/3/5 14:20", "2学时"],
    ["张某某01", "T0002", "区市场监管局", "行政复议法解读", "2025年3月6日", "1.5"],
]


def csv_bytes(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def data_rows(source):
    return [list(r) for r in source.rows]


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16"),
])
def test_encodings_are_detected(tmp_path, encoding, detected):
    path = tmp_path / "log.csv"
    path.write_bytes(csv_bytes(ROWS).encode(encoding))
    source = open_table(path)
    assert source.encoding == detected
    assert data_rows(source) == ROWS[1:]


def test_short_gbk_sample_is_still_chinese():
    # charset-normalizer alone guesses a Thai code page for this; Chinese text wins.
    sample = "姓名,单位\n张某某,乙镇\n".encode("gbk")
    assert detect_encoding(sample, True) == "gb18030"


def test_large_file_sampled_and_streamed(tmp_path):
    rows = [ROWS[0]] + [["测试%05d" % i, "T%05d" % i, "乙镇", "课程", "2025-03-05", "1"] for i in range(30000)]
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(rows).encode("gb18030"))
    source = open_table(path)
    assert source.encoding == "gb18030"
    assert sum(1 for _ in source.rows) == 30000


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_delimiters(tmp_path, delimiter):
    path = tmp_path / "log.txt"
    path.write_text(csv_bytes(ROWS, delimiter), encoding="utf-8")
    source = open_table(path)
    assert source.delimiter == delimiter
    assert data_rows(source) == ROWS[1:]


def test_csv_header_under_title_rows(tmp_path):
    path = tmp_path / "signin.csv"
    path.write_text(csv_bytes([["某区专题讲座签到表"], ["讲座：测试", "", ""], []] + ROWS), encoding="utf-8")
    source = open_table(path)
    assert source.header_row == 4 and source.first_row == 5
    assert source.cmap.first("id") == 1 and source.cmap.first("time") == 4


def test_xlsx_title_rows_sheets_and_values(tmp_path):
    book = openpyxl.Workbook()
    first = book.active
    first.title = "说明"
    first.append(["这一页不是数据"])
    sheet = book.create_sheet("签到")
    sheet.append(["某区专题讲座签到表（测试）"])
    sheet.append([])
    sheet.append(["序号", "姓名", "执法证号", "单位", "签到时间"])
    sheet.append([1, "测试甲", "T0001", "甲街道", 45356.6])
    path = tmp_path / "signin.xlsx"
    book.save(path)

    with pytest.raises(InputError) as info:
        open_table(path)  # the first sheet has no header
    assert "无法识别表头" in info.value.problems[0].message

    source = open_table(path, sheet="签到")
    assert (source.sheet, source.header_row, source.first_row) == ("签到", 3, 4)
    assert data_rows(source) == [[1.0, "测试甲", "T0001", "甲街道", 45356.6]]

    with pytest.raises(InputError) as info:
        open_table(path, sheet="没有这页")
    assert "说明、签到" in info.value.problems[0].hint


def test_profile_sheet_header_row_encoding(tmp_path):
    profile_path = tmp_path / "p.yml"
    profile_path.write_text("sheet: 2\nheader_row: 2\nencoding: gb18030\n", encoding="utf-8")
    profile = load_profile(profile_path)
    book = openpyxl.Workbook()
    book.active.append(["x"])
    sheet = book.create_sheet("数据")
    sheet.append(["标题"])
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "log.xlsx"
    book.save(path)
    source = open_table(path, profile=profile)
    assert source.sheet == "数据" and source.header_row == 2
    # encoding from the profile is used as given, not detected
    csv_path = tmp_path / "gb.csv"
    csv_path.write_bytes(csv_bytes(ROWS).encode("gb18030"))
    profile_path.write_text("encoding: utf-8\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        open_table(csv_path, profile=load_profile(profile_path))
    assert "按 utf-8 编码读取时" in info.value.problems[0].message


def test_broken_files_give_clear_messages(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\r\n  \r\n")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    not_xlsx = tmp_path / "fake.xlsx"
    not_xlsx.write_text("姓名,工号\n", encoding="utf-8")
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    for row in ROWS:
        book.active.append(row)
    book.save(good)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    missing = tmp_path / "missing.csv"
    expected = {
        empty: "文件是空的",
        blank: "文件是空的",
        junk: "二进制内容",
        not_xlsx: "不是有效的 Excel",
        truncated: "无法打开表格文件",
        missing: "不存在",
    }
    for path, words in expected.items():
        with pytest.raises(InputError) as info:
            open_table(path)
        assert words in info.value.problems[0].message, path.name


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError) as info:
        open_table(path)
    assert "无法打开表格文件" in info.value.problems[0].message


def test_unmappable_headers_are_listed_with_profile_help(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("学员编码,课件,进度\nA1,课程,100%\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        open_table(path)
    (problem,) = info.value.problems
    assert "「学员编码」" in problem.message and "「课件」" in problem.message
    assert "--profile" in problem.hint and "columns" in problem.hint


def test_wrong_delimiter_is_explained(tmp_path):
    path = tmp_path / "spaces.csv"
    path.write_text("姓名 工号 课程名称\n测试甲 T0001 课程\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        open_table(path)
    assert "分隔符" in info.value.problems[0].message


def test_bad_bytes_midway_raise_read_error(tmp_path):
    from fazhi.tally.readers import ReadError

    head = csv_bytes(ROWS[:2] * 1).encode("utf-8")
    filler = ("测试甲,T0001,甲街道,课程,2025-03-05,1\r\n" * 20000).encode("utf-8")
    path = tmp_path / "mixed.csv"
    path.write_bytes(head + filler + "测试乙,T0002,乙镇,课程,2025-03-05,1\r\n".encode("gb18030"))
    source = open_table(path)
    assert source.encoding == "utf-8"
    with pytest.raises(ReadError) as info:
        for _ in source.rows:
            pass
    assert "无法解码" in info.value.message and info.value.row == 20003
