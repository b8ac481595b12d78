"""An aggregated, name-free Markdown page (``--public-page``), e.g. for docs/.

Only unit names and counts: no person's name or id, no file names.
"""

from __future__ import annotations

from pathlib import Path

from fazhi.tally.engine import Result

__all__ = ["render_public_page", "write_public_page"]


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def render_public_page(result: Result) -> str:
    plan = result.plan
    lines = [
        f"# {_cell(plan.title)}",
        "",
        f"统计期间：{plan.start} 至 {plan.end}。本页只含各单位的汇总数字，不含个人信息。",
        "",
        "| 单位 | 在岗人数 | 已达标 | 覆盖率 | " + " | ".join(f"{p}参加人数" for p in result.parts) + " |",
        "|---|---:|---:|---:|" + "---:|" * len(result.parts),
    ]
    for u in [*result.units, result.total]:
        name = f"**{u.unit}**" if u is result.total else _cell(u.unit)
        lines.append(f"| {name} | {u.headcount} | {u.covered} | {_pct(u.coverage)} | "
                     + " | ".join(str(u.parts[p]["people"]) for p in result.parts) + " |")
    if result.assignments:
        lines += ["", "| 测验任务 | 截止日期 | 应完成 | 按期完成 | 逾期完成 | 未完成 |", "|---|---|---:|---:|---:|---:|"]
        for a in result.assignments:
            lines.append(f"| {_cell(a.title)} | {a.due} | {a.targeted} | {a.on_time} | {a.late} | {a.missing} |")
    lines.append("")
    return "\n".join(lines)


def write_public_page(result: Result, path: Path) -> None:
    path.write_text(render_public_page(result), encoding="utf-8")
