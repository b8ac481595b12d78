"""Normalisation of cell values: ids, dates, hours, scores, statuses, parts."""

import datetime as dt

import pytest

from fazhi.tally.normalize import (
    DEFAULT_PART_ALIASES,
    Bad,
    DayParser,
    clean_id,
    clean_name,
    ord_to_date,
    parse_day,
    parse_hours,
    parse_result,
    parse_score,
    part_of,
    to_halfwidth,
)

D = dt.date(2024, 3, 5)


def day(value, order=None):
    result = parse_day(value, order)
    return ord_to_date(result) if isinstance(result, int) else result


def test_halfwidth_ids_and_digits():
    assert to_halfwidth("Ｔ０００１　") == "T0001 "
    assert clean_id("  Ｔ０００１ ") == "T0001"
    assert clean_id("t 00 01") == "T0001"
    assert clean_id("") == ""
    assert clean_id(None) == ""


def test_names_lose_all_spaces():
    assert clean_name("张　　三") == "张三"
    assert clean_name(" 测试  甲 ") == "测试甲"


@pytest.mark.parametrize("value", ["1.10113E+17", "1.10113e+17", "1E+5", "4.40E+17"])
def test_scientific_notation_ids_are_rejected(value):
    result = clean_id(value)
    assert isinstance(result, Bad) and result.code == "id_scientific"
    assert value in result


def test_numbers_from_excel():
    assert clean_id(12345.0) == "12345"
    assert clean_id(12345) == "12345"
    big = clean_id(1.10113e17)  # an 18-digit 身份证号 stored as a number
    assert isinstance(big, Bad) and big.code == "id_scientific"
    frac = clean_id(123.5)
    assert isinstance(frac, Bad) and frac.code == "id_number"
    text = clean_id("12345.0")
    assert isinstance(text, Bad) and text.code == "id_number"


@pytest.mark.parametrize(
    "value",
    [
        "2024/3/5 14:20",
        "2024/03/05",
        "2024-03-05",
        "2024-3-5 8:05:09",
        "2024.3.5",
        "2024年3月5日",
        "2024年3月5日 14:20",
        "2024年3月5日14时20分",
        "2024/3/5 下午 2:20",
        "20240305",
        20240305,
        45356,
        45356.597,
        "45356",
        "45356.5",
        dt.datetime(2024, 3, 5, 14, 20),
        dt.date(2024, 3, 5),
        "2024-03-05T14:20:00+08:00",
        "2024-03-04T23:30:00Z",  # 07:30 on the 5th in Beijing
        "2024-03-05T14:20:00.123+08:00",
        "5 March 2024",
        "Tuesday, 5 March 2024, 2:20 PM",
        "March 5, 2024",
        "２０２４－０３－０５",
    ],
)
def test_date_forms(value):
    assert day(value) == D


def test_day_first_and_month_first_need_an_order():
    bad = day("05/03/24")
    assert isinstance(bad, Bad) and bad.code == "bad_date"
    assert day("05/03/24, 14:20", "dmy") == D
    assert day("03/05/2024", "mdy") == D


@pytest.mark.parametrize("value", ["2024-02-30", "2024/13/01", "昨天", "14:20", "2024", "abc 2024", "9999-12-31",
                                   "1899-12-31", dt.date(2300, 1, 1), 2958465])
def test_bad_dates(value):
    result = day(value)
    assert isinstance(result, Bad) and result.code == "bad_date"


def test_empty_date_is_none():
    assert parse_day("") is None
    assert parse_day("   ") is None
    assert parse_day(None) is None


def test_day_parser_agrees_with_parse_day():
    parser = DayParser()
    values = ["2024/3/5 14:20", "2024/3/5 14:21", "2024-03-05 垃圾", "2024/13/45 10:00", "2024-03-04T23:30:00Z",
              "2024-03-05T14:20:00+08:00", "", 45356.5, "2024/3/5 14:20"]
    for value in values:
        assert parser(value) == parse_day(value), value
    # the bad value keeps its whole text in the message
    assert "2024/13/45 10:00" in parser("2024/13/45 10:00")


@pytest.mark.parametrize(
    "value, expected",
    [(2, 2.0), (1.5, 1.5), ("2", 2.0), ("2学时", 2.0), ("2 学时", 2.0), ("1.5小时", 1.5), ("90分钟", 1.5),
     ("２学时", 2.0), ("3课时", 3.0), ("1:30", 1.5)],
)
def test_hours(value, expected):
    assert parse_hours(value) == pytest.approx(expected)


def test_minutes_follow_the_setting_and_the_column_unit():
    assert parse_hours("90分钟", minutes_per_hour=45) == pytest.approx(2.0)
    assert parse_hours(120, unit="分钟") == pytest.approx(2.0)
    assert parse_hours("", unit="分钟") is None


@pytest.mark.parametrize("value", ["两学时", "-1", "二", "2天"])
def test_bad_hours(value):
    result = parse_hours(value)
    assert isinstance(result, Bad) and result.code == "bad_hours"


def test_scores():
    assert parse_score("85分") == 85
    assert parse_score("85%") == 85
    assert parse_score("8.5/10") == pytest.approx(85)
    assert parse_score(90.0) == 90
    assert parse_score("") is None
    assert isinstance(parse_score(120), Bad)
    assert isinstance(parse_score("优秀"), Bad)


def test_statuses():
    for done in ("已完成", "完成", "合格", "是", "Completed", "Yes", "√"):
        assert parse_result(done) is True, done
    for not_done in ("未完成", "学习中", "否", "Not completed", "No", "缺勤"):
        assert parse_result(not_done) is False, not_done
    assert parse_result("") is None
    unknown = parse_result("也许")
    assert isinstance(unknown, Bad) and unknown.code == "bad_status"


def test_parts():
    assert part_of("线上学习", DEFAULT_PART_ALIASES) == "云平台"
    assert part_of(" 现场教学 ", DEFAULT_PART_ALIASES) == "现场观摩"
    assert part_of("讲座", DEFAULT_PART_ALIASES) == "专题讲座"
    assert part_of("会前学法", DEFAULT_PART_ALIASES) == "会前学法"
    assert part_of("团建", DEFAULT_PART_ALIASES) is None
