"""Which column holds what: header recognition and mapping profiles.

A log file is a table whose header row names its columns in one of many ways
(工号 / 执法证号 / 人员编号 …). :func:`recognise` maps the common Chinese and
English (Moodle) headers to the canonical fields below; :func:`find_header_row`
finds the header under title rows. Layouts that the built-in names do not cover
are described by a mapping profile (YAML, see :func:`load_profile`).

Canonical log fields (profile ``columns:`` keys):

=============  ====================================================
``id``         工号 / 执法证号 (several id columns are tried in turn)
``idcard``     身份证号 (matched only if the roster has it too)
``name``       姓名 (``first_name`` + ``last_name`` for Moodle)
``unit``       单位 (used only to tell apart people of the same name)
``activity``   课程 / 培训 / 活动名称
``time``       完成 / 签到 / 学习时间 (its calendar day is what counts)
``hours``      学时 / 时长
``score``      成绩 / 得分 (percent)
``part``       培训形式 (云平台 / 现场观摩 / 专题讲座 / 会前学法 / 测验)
``result``     完成状态 / 是否合格
=============  ====================================================
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from fazhi.errors import InputError, Problem
from fazhi.tally.normalize import PARTS, fold_key, to_halfwidth
from fazhi.yamlfile import (
    YamlMap,
    check_keys,
    expect_date,
    expect_number,
    expect_str,
    expect_str_list,
    line_of,
    load_yaml_file,
    type_name,
    yaml_files_in,
)

__all__ = [
    "LOG_FIELDS",
    "FIELD_LABELS",
    "LOG_HEADERS",
    "ROSTER_HEADERS",
    "ColumnMap",
    "Profile",
    "header_key",
    "recognise",
    "find_header_row",
    "describe_headers",
    "profile_hint",
    "load_profile",
    "load_profiles",
    "profile_for",
    "MOODLE_COMPLETE_HEADERS",
]

LOG_FIELDS = ("id", "idcard", "name", "first_name", "last_name", "unit", "activity", "time", "hours", "score",
              "part", "result")
IDENTITY_FIELDS = ("id", "idcard", "name", "first_name", "last_name")

FIELD_LABELS = {
    "id": "工号/执法证号",
    "idcard": "身份证号",
    "name": "姓名",
    "first_name": "名（Moodle First name）",
    "last_name": "姓（Moodle Surname）",
    "unit": "单位",
    "activity": "活动名称",
    "time": "日期/时间",
    "hours": "学时",
    "score": "成绩",
    "part": "培训形式",
    "result": "完成状态",
    "role": "角色",
    "status": "状态",
    "reason": "免训原因",
}


def _table(groups: dict[str, Iterable[str]]) -> dict[str, str]:
    out = {}
    for fld, names in groups.items():
        for name in names:
            out[fold_key(name)] = fld
    return out


#: Header text (folded: half-width, no spaces, lower-case) → canonical log field.
LOG_HEADERS = _table(
    {
        "id": ["工号", "职工号", "员工号", "员工编号", "人员编号", "学员编号", "执法证号", "执法证件号", "执法证件号码",
               "执法证编号", "执法证", "执法证件编号", "账号", "用户账号", "学习账号", "learner_id", "ID number",
               "idnumber", "User ID number", "Username", "用户名"],
        "idcard": ["身份证号", "身份证号码", "身份证", "公民身份号码", "证件号码"],
        "name": ["姓名", "学员姓名", "人员姓名", "用户姓名", "参训人员", "参会人员", "learner_name", "Name", "Full name",
                 "User full name", "Fullname", "全名"],
        "first_name": ["First name", "Firstname", "名"],
        "last_name": ["Surname", "Last name", "Lastname", "姓"],
        "unit": ["单位", "所属单位", "部门", "所在单位", "工作单位", "单位名称", "所属部门", "所在部门", "镇街", "机构",
                 "unit", "Department", "Institution"],
        "activity": ["课程名称", "培训名称", "活动名称", "课程", "课程标题", "培训项目", "培训主题", "讲座名称", "讲座主题",
                     "观摩项目", "学习内容", "学法内容", "学法主题", "object_name", "Course", "Course name",
                     "Course full name", "Course short name", "课程全称", "课程简称"],
        "time": ["完成时间", "签到时间", "学习时间", "培训时间", "培训日期", "活动日期", "活动时间", "完成日期", "学习日期",
                 "日期", "时间", "会议日期", "考试时间", "提交时间", "timestamp", "Time completed", "Date completed",
                 "Completion date", "Completed on"],
        "hours": ["学时", "时长", "学习时长", "获得学时", "培训学时", "课时", "学时数", "hours"],
        "score": ["成绩", "得分", "分数", "考试成绩", "测验成绩", "score", "Grade", "Final grade"],
        "part": ["培训形式", "培训方式", "学习形式", "学习方式", "培训类型", "形式", "part"],
        "result": ["完成状态", "是否完成", "学习状态", "完成情况", "是否合格", "考试结果", "状态", "result", "Completed",
                   "Completion status", "Course completion status", "Status"],
    }
)

#: Headers of Moodle's course-completion report column "Course complete".
MOODLE_COMPLETE_HEADERS = {fold_key(h) for h in ("Course complete", "课程完成", "课程已完成", "完成课程")}

#: Header text → roster field.
ROSTER_HEADERS = _table(
    {
        "id": ["工号", "职工号", "员工号", "员工编号", "人员编号", "执法证号", "执法证件号", "执法证件号码", "执法证编号",
               "执法证件编号", "账号", "id"],
        "idcard": ["身份证号", "身份证号码", "身份证", "公民身份号码"],
        "name": ["姓名", "人员姓名", "name"],
        "unit": ["单位", "所属单位", "部门", "所在单位", "工作单位", "单位名称", "所属部门", "镇街", "unit"],
        "role": ["角色", "人员类别", "人员类型", "岗位类别", "类别", "身份", "role"],
        "status": ["状态", "在岗状态", "人员状态", "在岗情况", "status"],
        "reason": ["免训原因", "原因", "备注", "说明", "reason"],
    }
)

_BRACKETS = re.compile(r"[（(【\[]([^）)】\]]*)[）)】\]]")


def header_key(text: Any) -> tuple[str, str]:
    """(folded header, unit hint) of a header cell: 时长（分钟） → ('时长', '分钟')."""
    if text is None:
        return "", ""
    raw = to_halfwidth(str(text))
    hint = ""
    for inner in _BRACKETS.findall(raw):
        if "分钟" in inner or "min" in inner.lower():
            hint = "分钟"
        elif "小时" in inner or inner.strip().lower() in ("h", "hr", "hour", "hours"):
            hint = "小时"
    key = fold_key(_BRACKETS.sub("", raw)).rstrip("*:：")
    key = key.lstrip("*")
    return key, hint


@dataclass
class ColumnMap:
    """Where each canonical field is: {field: [column indexes]}, plus notes."""

    columns: dict[str, list[int]] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    hours_unit: str = "学时"
    moodle: bool = False

    def first(self, name: str) -> int | None:
        cols = self.columns.get(name)
        return cols[0] if cols else None

    def has(self, name: str) -> bool:
        return bool(self.columns.get(name))

    @property
    def has_identity(self) -> bool:
        return any(self.has(f) for f in ("id", "idcard", "name")) or (
            self.has("first_name") and self.has("last_name")
        )


def recognise(
    headers: Sequence[Any],
    table: dict[str, str] = LOG_HEADERS,
    explicit: dict[str, list[str]] | None = None,
) -> ColumnMap:
    """Map a header row to canonical fields.

    ``explicit`` (from a profile) names the header(s) of some fields; those
    columns are taken first and the remaining headers are recognised by name.
    Missing explicit headers are not reported here (see
    :func:`missing_explicit`).
    """
    keys = [header_key(h) for h in headers]
    cmap = ColumnMap(headers=[("" if h is None else str(h)).strip() for h in headers])
    taken: set[int] = set()
    if explicit:
        wanted = {fld: [header_key(n)[0] for n in names] for fld, names in explicit.items()}
        for fld, names in wanted.items():
            multi = fld in ("id", "idcard")
            for name in names:
                if not multi and fld in cmap.columns:
                    break
                for i, (key, hint) in enumerate(keys):
                    if key == name and i not in taken:
                        cmap.columns.setdefault(fld, []).append(i)
                        taken.add(i)
                        if fld == "hours" and hint:
                            cmap.hours_unit = hint
                        if not multi:
                            break
    moodle = table is LOG_HEADERS and any(k in MOODLE_COMPLETE_HEADERS for k, _ in keys)
    for i, (key, hint) in enumerate(keys):
        if i in taken or not key:
            continue
        if moodle and key in MOODLE_COMPLETE_HEADERS:
            fld = "time"
        else:
            fld = table.get(key)
            if fld is None and ":" in key:  # "Course completion: Time completed"
                fld = table.get(key.rsplit(":", 1)[1])
        if fld is None:
            continue
        if explicit and fld in explicit:
            continue  # the profile said which column this is
        if moodle and fld == "time" and key not in MOODLE_COMPLETE_HEADERS:
            continue  # per-activity dates of the Moodle report
        if fld in ("id", "idcard"):
            cmap.columns.setdefault(fld, []).append(i)
        elif fld == "time" and "time" in cmap.columns and keys[cmap.columns["time"][0]][0] == "时间" and key != "时间":
            cmap.columns["time"] = [i]  # a 日期 column beats a bare 时间 column (often just 14:20)
        elif fld not in cmap.columns:
            cmap.columns[fld] = [i]
            if fld == "hours" and hint:
                cmap.hours_unit = hint
    if moodle:
        cmap.moodle = True
        # Moodle's own "Name" column is the full name; its "ID" is an internal number
        # and is never used.
    return cmap


def missing_explicit(cmap: ColumnMap, explicit: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    return [(fld, names) for fld, names in explicit.items() if not cmap.has(fld)]


def _score_row(row: Sequence[Any], table: dict[str, str], explicit: dict[str, list[str]] | None) -> int:
    cmap = recognise(row, table, explicit)
    if explicit and missing_explicit(cmap, explicit):
        return 0
    fields = set(cmap.columns)
    identity = bool(fields & {"id", "idcard", "name"}) or {"first_name", "last_name"} <= fields
    if not identity or len(fields) < 2:
        return 0
    return len(fields)


def find_header_row(
    rows: Sequence[Sequence[Any]],
    table: dict[str, str] = LOG_HEADERS,
    explicit: dict[str, list[str]] | None = None,
) -> int | None:
    """Index (0-based) of the header row among the first rows, or None.

    The header is the first row with an identity field (工号 / 身份证号 / 姓名)
    and at least one more recognised field; title rows above it are skipped.
    """
    for i, row in enumerate(rows):
        if _score_row(row, table, explicit):
            return i
    return None


def describe_headers(rows: Sequence[Sequence[Any]], limit: int = 5) -> str:
    """The first non-empty rows' cells, to show a user what was found."""
    shown = []
    for i, row in enumerate(rows):
        cells = [str(c).strip() for c in row if c is not None and str(c).strip() != ""]
        if cells:
            shown.append(f"第 {i + 1} 行：" + "、".join(f"「{c}」" for c in cells[:15]) + ("…" if len(cells) > 15 else ""))
        if len(shown) >= limit:
            break
    return "；".join(shown) if shown else "（前几行都是空的）"


def profile_hint(filename: str) -> str:
    """How to write a mapping profile, for the message about an unmappable file."""
    return (
        "能自动识别的表头有：工号/执法证号、身份证号、姓名、单位、课程名称/培训名称/活动名称、"
        "完成时间/签到时间/学习时间、学时/时长、成绩/得分、培训形式、完成状态。"
        "其他格式请写一个列映射配置（YAML），用 --profile 指定，例如："
        f"match: [\"{filename}\"]；columns: {{id: 你的工号列名, name: 你的姓名列名, "
        "activity: 你的课程列名, time: 你的日期列名}}；header_row: 表头所在行号。详见 README「列映射配置」"
    )


# --------------------------------------------------------------------------
# Mapping profiles
# --------------------------------------------------------------------------

_PROFILE_KEYS = ("description", "match", "sheet", "header_row", "encoding", "delimiter", "date_order",
                 "hours_unit", "columns", "fixed", "format")
_FIXED_KEYS = ("activity", "part", "hours", "date")
_DELIMITERS = {",": ",", "\\t": "\t", "\t": "\t", "tab": "\t", ";": ";", "|": "|"}


@dataclass(frozen=True)
class Profile:
    """A mapping profile: how to read one layout of log file."""

    path: str
    description: str = ""
    match: tuple[str, ...] = ()
    sheet: str | int | None = None  # name, or 1-based index
    header_row: int | None = None  # 1-based; None = auto
    encoding: str | None = None  # None = detect
    delimiter: str | None = None  # None = detect
    date_order: str | None = None  # "dmy" / "mdy" for 05/03/25
    hours_unit: str | None = None  # 学时 / 小时 / 分钟
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    activity: str | None = None
    part: str | None = None
    hours: float | None = None
    date: _dt.date | None = None
    format: str = "auto"  # auto / table / moodle

    def matches(self, filename: str) -> bool:
        if not self.match:
            return True
        name = Path(filename).name
        return any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(str(filename), pat) for pat in self.match)

    def explicit_columns(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self.columns.items()}


def load_profile(path: str | Path) -> Profile:
    """Load one mapping profile; raise InputError with every problem.

    Format::

        description: 某平台学习记录导出      # optional
        match: ["学习记录*.xlsx"]            # file-name patterns; absent = every log
        sheet: 学习记录                       # sheet name, or number (1 = first)
        header_row: 3                        # row of the header (1-based), or auto
        encoding: gb18030                    # CSV only; default: detected
        delimiter: ","                       # CSV only; default: detected
        date_order: dmy                      # for 05/03/25 style dates: dmy or mdy
        hours_unit: 分钟                      # unit of the hours column: 学时/小时/分钟
        format: table                        # or moodle (empty completion time = not done)
        columns:                             # canonical field: header in the file
          id: 人员编码
          name: [学员, 姓名]                  # alternatives
          activity: 课件
          time: 最后学习时间
        fixed:                               # for files without such a column
          activity: 行政处罚法专题讲座
          part: 专题讲座
          hours: 2
          date: 2025-03-05
    """
    shown = str(path)
    data = load_yaml_file(path, shown)
    problems: list[Problem] = []
    if not isinstance(data, YamlMap):
        raise InputError([Problem(shown, f"列映射配置应当是「键: 值」的映射，这里是{type_name(data)}")])
    problems += check_keys(data, shown, allowed=_PROFILE_KEYS)
    description = expect_str(data, "description", shown, problems) or ""
    match = tuple(expect_str_list(data, "match", shown, problems) or ())

    sheet: str | int | None = None
    if data.get("sheet") is not None:
        raw = data["sheet"]
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
            sheet = raw
        elif isinstance(raw, str) and raw.strip():
            sheet = raw.strip()
        else:
            problems.append(Problem(shown, "「sheet」应当是工作表名称，或从 1 开始的序号", line=line_of(data, "sheet")))

    header_row: int | None = None
    raw = data.get("header_row")
    if raw is not None and raw != "auto":
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
            header_row = raw
        else:
            problems.append(
                Problem(shown, f"「header_row」应当是表头所在的行号（从 1 开始）或 auto，这里是「{raw}」",
                        line=line_of(data, "header_row"))
            )

    encoding = expect_str(data, "encoding", shown, problems)
    if encoding is not None:
        if encoding.lower() == "auto":
            encoding = None
        else:
            import codecs

            try:
                codecs.lookup(encoding)
            except LookupError:
                problems.append(Problem(shown, f"不认识的编码「{encoding}」", line=line_of(data, "encoding"),
                                        hint="常用的有 utf-8、gb18030"))

    delimiter = None
    if data.get("delimiter") is not None:
        raw = str(data["delimiter"])
        if raw.lower() != "auto":
            delimiter = _DELIMITERS.get(raw)
            if delimiter is None:
                problems.append(Problem(shown, f"不支持的分隔符「{raw}」", line=line_of(data, "delimiter"),
                                        hint="可用：\",\"、\"\\t\"、\";\"、\"|\""))

    date_order = expect_str(data, "date_order", shown, problems)
    if date_order is not None and date_order not in ("dmy", "mdy", "ymd"):
        problems.append(Problem(shown, f"「date_order」应当是 dmy、mdy 或 ymd，这里是「{date_order}」",
                                line=line_of(data, "date_order")))
    hours_unit = expect_str(data, "hours_unit", shown, problems)
    if hours_unit is not None and hours_unit not in ("学时", "小时", "分钟"):
        problems.append(Problem(shown, f"「hours_unit」应当是 学时、小时 或 分钟，这里是「{hours_unit}」",
                                line=line_of(data, "hours_unit")))
    fmt = expect_str(data, "format", shown, problems) or "auto"
    if fmt not in ("auto", "table", "moodle"):
        problems.append(Problem(shown, f"「format」应当是 auto、table 或 moodle，这里是「{fmt}」",
                                line=line_of(data, "format")))

    columns: dict[str, tuple[str, ...]] = {}
    raw_cols = data.get("columns")
    if raw_cols is not None:
        if not isinstance(raw_cols, YamlMap):
            problems.append(Problem(shown, "「columns」应当是「字段: 表头」的映射", line=line_of(data, "columns")))
        else:
            problems += check_keys(raw_cols, shown, allowed=LOG_FIELDS, where="columns")
            for key in raw_cols:
                if key in LOG_FIELDS:
                    names = expect_str_list(raw_cols, key, shown, problems, where="columns")
                    if names:
                        columns[key] = tuple(names)

    activity = part = None
    hours = None
    date = None
    raw_fixed = data.get("fixed")
    if raw_fixed is not None:
        if not isinstance(raw_fixed, YamlMap):
            problems.append(Problem(shown, "「fixed」应当是映射（activity/part/hours/date）", line=line_of(data, "fixed")))
        else:
            problems += check_keys(raw_fixed, shown, allowed=_FIXED_KEYS, where="fixed")
            activity = expect_str(raw_fixed, "activity", shown, problems, where="fixed")
            part = expect_str(raw_fixed, "part", shown, problems, where="fixed")
            if part is not None and part not in PARTS:
                problems.append(Problem(shown, f"fixed：「part」应当是 {'、'.join(PARTS)} 之一，这里是「{part}」",
                                        line=line_of(raw_fixed, "part")))
            hours = expect_number(raw_fixed, "hours", shown, problems, minimum=0, where="fixed")
            date = expect_date(raw_fixed, "date", shown, problems, where="fixed")
    if problems:
        raise InputError(problems)
    return Profile(
        path=shown,
        description=description,
        match=match,
        sheet=sheet,
        header_row=header_row,
        encoding=encoding,
        delimiter=delimiter,
        date_order=None if date_order == "ymd" else date_order,
        hours_unit=hours_unit,
        columns=columns,
        activity=activity,
        part=part,
        hours=None if hours is None else float(hours),
        date=date,
        format=fmt,
    )


def load_profiles(paths: Iterable[str | Path]) -> list[Profile]:
    """Load profiles from files and folders (``*.yml``/``*.yaml``), in order."""
    files, problems = yaml_files_in(paths, "列映射配置文件不存在")
    out = []
    for file in files:
        try:
            out.append(load_profile(file))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return out


def profile_for(filename: str, profiles: Sequence[Profile]) -> Profile | None:
    """The first profile with a ``match`` pattern for this file, else the first without any."""
    for prof in profiles:
        if prof.match and prof.matches(filename):
            return prof
    for prof in profiles:
        if not prof.match:
            return prof
    return None
