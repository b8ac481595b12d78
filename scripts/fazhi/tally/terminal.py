"""The short summary printed in the terminal, and the progress bar (rich)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from fazhi.tally.engine import REASONS, Result

__all__ = ["print_summary", "make_progress", "PROGRESS_MIN_BYTES"]

#: Inputs at least this large get a progress bar (when stderr is a terminal).
PROGRESS_MIN_BYTES = 8 * 1024 * 1024


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def print_summary(result: Result, outputs: Sequence[Path], console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"{result.plan.title}（{result.plan.start} 至 {result.plan.end}）", title_justify="left")
    table.add_column("单位")
    table.add_column("在岗", justify="right")
    table.add_column("已达标", justify="right")
    table.add_column("覆盖率", justify="right")
    for part in result.parts:
        table.add_column(part, justify="right")
    table.add_column("人均学时", justify="right")
    for u in [*result.units, result.total]:
        avg = "—" if u.hours_average is None else f"{u.hours_average:.1f}"
        table.add_row(u.unit, str(u.headcount), str(u.covered), _pct(u.coverage),
                      *[str(u.parts[p]["people"]) for p in result.parts], avg,
                      style="bold" if u is result.total else None, end_section=u is result.units[-1])
    console.print(table)
    console.print(
        f"读入 {result.read} 行 = 计入 {result.accepted}（其中计划外 {result.extra}）"
        f" + 退回 {result.rejected} + 重复 {result.duplicate_count}",
        highlight=False,
        soft_wrap=True,
    )
    reasons = result.by_reason()
    if reasons:
        console.print("退回原因：" + "；".join(f"{REASONS.get(c, c)} {n}" for c, n in reasons.most_common()),
                      highlight=False, soft_wrap=True)
    for a in result.assignments:
        console.print(f"测验任务「{a.title}」：应完成 {a.targeted}，按期 {a.on_time}，逾期 {a.late}，未完成 {a.missing}",
                      highlight=False, soft_wrap=True)
    console.print("报告：" + "、".join(str(p) for p in outputs), highlight=False, soft_wrap=True)


def make_progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
