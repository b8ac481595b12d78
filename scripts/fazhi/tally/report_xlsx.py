"""coverage.xlsx: the workbook for trainers.

Sheets: 汇总 (one row per unit, and 合计), 人员 (everyone, with per-part counts,
hours and what each still lacks; filterable), one sheet per part (云平台,
现场观摩, 专题讲座, and 会前学法 / 测验 when used: each activity of the part ×
unit, people who completed it), 活动 (the activities with attendance),
会前学法场次, 测验任务 (each targeted person's status per assignment), 退回记录
and 重复记录 (the first 10,000 rows; the CSV files have all), 说明 (period,
plan, row accounting per file).

Written with XlsxWriter in constant-memory mode; every text cell goes through
:func:`safe_cells.neutralise` and is written as a string (never a formula).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

import xlsxwriter

from fazhi.tally.engine import REASONS, Result
from fazhi.tally.safe_cells import neutralise

__all__ = ["write_xlsx", "MAX_ROWS"]

MAX_ROWS = 1_048_576
#: Rows of 退回记录 / 重复记录 shown in the workbook; the CSV files always have all of them.
DETAIL_ROWS = 10_000


class _Sheet:
    def __init__(self, book: xlsxwriter.Workbook, name: str, header: Sequence[str], widths: Sequence[int],
                 formats: dict[str, Any]):
        self.ws = book.add_worksheet(name)
        self.formats = formats
        for i, w in enumerate(widths):
            self.ws.set_column(i, i, w)
        self.row = 0
        self.write(header, bold=True)
        self.ws.freeze_panes(1, 0)
        self.truncated = False

    def write(self, values: Iterable[Any], bold: bool = False, percent_cols: Sequence[int] = (),
              limit: int = MAX_ROWS - 1, note: str = "（行数超过 Excel 上限，其余见 CSV 文件）") -> bool:
        if self.row > limit and not bold:
            if not self.truncated:
                self.ws.write_string(self.row, 0, note)
                self.truncated = True
            return False
        ws, r = self.ws, self.row
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, bool):
                ws.write_string(r, c, "是" if v else "否")
            elif isinstance(v, (int, float)):
                fmt = self.formats["pct"] if c in percent_cols else (self.formats["num"] if isinstance(v, float) else None)
                ws.write_number(r, c, v, fmt)
            else:
                ws.write_string(r, c, neutralise(str(v)), self.formats["head"] if bold else None)
        self.row += 1
        return True


def write_xlsx(result: Result, path: Path, tmpdir: Path | None = None) -> None:
    """Write the workbook; XlsxWriter's temporary files go to ``tmpdir`` (default: beside ``path``)."""
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "tmpdir": str(tmpdir or path.parent),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = {
        "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "pct": book.add_format({"num_format": "0.0%"}),
        "num": book.add_format({"num_format": "0.##"}),
    }
    plan = result.plan
    parts = result.parts
    assignments = result.assignments

    # 汇总
    header = ["单位", "在岗人数", "不计入人数", "已达标", "覆盖率"]
    header += [f"{p}参加人数" for p in parts]
    header += ["学时合计", "人均学时", "学时要求人数", "学时达标人数"]
    header += [f"任务「{a.title}」按期完成" for a in assignments]
    sheet = _Sheet(book, "汇总", header, [18, 10, 10, 10, 10] + [12] * (len(header) - 5), formats)
    for u in [*result.units, result.total]:
        row: list[Any] = [u.unit, u.headcount, u.exempt, u.covered, u.coverage if u.coverage is not None else "—"]
        row += [u.parts[p]["people"] for p in parts]
        row += [u.hours_total, u.hours_average if u.hours_average is not None else "—", u.min_hours_required,
                u.min_hours_met]
        row += [f"{u.assignments[a.id]['on_time']}/{u.assignments[a.id]['targeted']}" for a in assignments]
        sheet.write(row, percent_cols=(4,))

    # 人员
    header = ["工号/执法证号", "姓名", "单位", "角色", "状态", "是否达标"] + [f"{p}项目数" for p in parts]
    header += ["学时", "尚缺", "测验任务未按期完成"]
    sheet = _Sheet(book, "人员", header, [14, 10, 18, 10, 12, 8] + [10] * len(parts) + [8, 60, 40], formats)
    for pr in result.people:
        p = pr.person
        if p.outside:
            status = "名册外（计为计划外）"
        elif p.active:
            status = "在岗"
        else:
            status = p.status + (f"：{p.reason}" if p.reason else "")
        covered = "—" if pr.covered is None else ("是" if pr.covered else "否")
        unfinished = "；".join(f"{a.title}：{pr.assignments[a.id]}" for a in assignments
                              if pr.assignments.get(a.id) not in (None, "按期完成"))
        row = [p.id, p.name, p.unit, p.role, status, covered] + [pr.parts.get(x, 0) for x in parts]
        row += [pr.hours, "；".join(pr.lacks) if pr.lacks else ("" if pr.covered is None else "—"), unfinished]
        sheet.write(row)
    sheet.ws.autofilter(0, 0, max(sheet.row - 1, 1), len(header) - 1)

    # One sheet per part: each activity of the part × unit, people who completed it.
    units = [u.unit for u in result.units]
    unit_col = {u: i for i, u in enumerate(units)}
    counts: dict[int, list[int]] = {}
    for pr in result.people:
        p = pr.person
        if p.outside or not p.active:
            continue
        col = unit_col[p.unit]
        for aid in pr.activities:
            row = counts.get(aid)
            if row is None:
                row = counts[aid] = [0] * len(units)
            row[col] += 1
    for part in parts:
        header = ["活动编号", "活动名称", "计划学时", "合计人数"] + units
        sheet = _Sheet(book, part, header, [22, 36, 10, 10] + [10] * len(units), formats)
        for a in result.activities:
            act = a.activity
            if act.part != part:
                continue
            row = counts.get(a.index, [0] * len(units))
            sheet.write([act.id, act.name + ("（计划外）" if act.extra else ""),
                         act.hours if act.hours is not None else "", sum(row), *row])
        sheet.write(["人数（至少完成一项）", "", "", result.total.parts[part]["people"],
                     *[u.parts[part]["people"] for u in result.units]], bold=False)

    # 活动
    sheet = _Sheet(book, "活动", ["编号", "名称", "培训形式", "计划学时", "计划外", "参加人数", "记录数", "举办/完成日期数"],
                   [24, 36, 10, 10, 8, 10, 10, 14], formats)
    for a in result.activities:
        act = a.activity
        sheet.write([act.id, act.name, act.part, act.hours if act.hours is not None else "", "是" if act.extra else "",
                     a.people, a.records, len(a.days)])

    meetings = [(a.activity, d, n) for a in result.activities if a.activity.part == "会前学法"
                for d, n in zip(a.days, a.day_counts)]
    if meetings:
        sheet = _Sheet(book, "会前学法场次", ["活动", "日期", "出席人次"], [36, 12, 10], formats)
        for act, d, n in meetings:
            sheet.write([act.name, d.isoformat(), n])

    if assignments:
        sheet = _Sheet(book, "测验任务", ["任务", "截止日期", "工号/执法证号", "姓名", "单位", "状态"],
                       [30, 12, 14, 10, 18, 10], formats)
        for a in assignments:
            for pr in result.people:
                st = pr.assignments.get(a.id)
                if st is not None:
                    p = pr.person
                    sheet.write([a.title, a.due.isoformat(), p.id, p.name, p.unit, st])

    sheet = _Sheet(book, "退回记录", ["文件", "行号", "原因", "说明", "编号", "姓名", "活动", "日期"],
                   [28, 8, 18, 60, 14, 10, 30, 18], formats)
    for file, row, code, text, ident, name, act, date in result.rejects:
        if not sheet.write([file, row, REASONS.get(code, code), text, ident, name, act, date], limit=DETAIL_ROWS,
                           note=f"（共 {len(result.rejects)} 行，这里只列前 {DETAIL_ROWS} 行，全部见 rejects.csv）"):
            break

    sheet = _Sheet(book, "重复记录", ["文件", "行号", "编号", "姓名", "活动", "日期", "首次出现文件", "首次出现行号"],
                   [28, 8, 14, 10, 30, 12, 28, 12], formats)
    for file, row, ident, name, act, day, first_file, first_row in result.duplicates:
        if not sheet.write([file, row, ident, name, act, day.isoformat(), first_file, first_row], limit=DETAIL_ROWS,
                           note=f"（共 {len(result.duplicates)} 行，这里只列前 {DETAIL_ROWS} 行，全部见 duplicates.csv）"):
            break

    # 说明
    sheet = _Sheet(book, "说明", ["项目", "内容"], [24, 80], formats)
    sheet.write(["标题", plan.title])
    sheet.write(["统计期间", f"{plan.start} 至 {plan.end}"])
    sheet.write(["培训计划", plan.source or "未指定（使用默认规则）"])
    for role, rule in plan.rules.items():
        sheet.write([f"达标要求：{role}", rule.describe()])
    sheet.write(["达标要求：其他角色" if plan.rules else "达标要求：所有人", plan.default_rule.describe()])
    sheet.write(["人员名册", result.roster.path])
    sheet.write(["生成时间", result.generated_at.isoformat(timespec="seconds")])
    sheet.write(["读入行数", result.read])
    sheet.write(["计入", result.accepted])
    sheet.write(["其中计划外", result.extra])
    sheet.write(["退回", result.rejected])
    sheet.write(["重复（只计一次）", result.duplicate_count])
    sheet.write([])
    sheet.write(["文件", "读入 / 计入 / 退回 / 重复"])
    for f in result.files:
        sheet.write([f.file, f"{f.read} / {f.accepted} / {f.rejected} / {f.duplicates}（{f.format}）"])
    book.close()
