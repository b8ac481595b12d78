#!/usr/bin/env python3
"""培训覆盖统计：把学习平台导出、签到表、完成回执汇总成各单位的覆盖率报告。

Thin command-line layer over ``fazhi.tally.run``. Exit status: 0 when the
reports were written (rejected rows are listed in rejects.csv, not errors);
2 when an input is wrong (every problem is listed, with file and line).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import glob
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.cli import ChineseParser, UsageFormatter  # noqa: E402
from fazhi.errors import InputError, report_and_exit  # noqa: E402
from fazhi.tally.normalize import PARTS  # noqa: E402

EPILOG = """\
示例：
  python scripts/tally.py --roster 名册.xlsx --plan 计划.yml --out 报告/ 平台导出.csv 签到表.xlsx
  python scripts/tally.py --roster 名册.csv --out 报告/ --activity 行政处罚法专题讲座 --part 专题讲座 --hours 2 签到表.xlsx

输出（都在 --out 文件夹中）：coverage.json、coverage.xlsx、coverage.html、rejects.csv、duplicates.csv。
退出码：0 = 报告已生成；2 = 输入有问题（逐条列出）。
"""


def _period(text: str):
    from fazhi.tally.plan import parse_period

    try:
        return parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"统计期间「{text}」无法识别：{exc}") from None


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{text}」应写成 2025-03-05 的样子") from None


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"学时「{text}」应当是数字") from None
    if value < 0:
        raise argparse.ArgumentTypeError("学时不能是负数")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="tally.py",
        description="培训覆盖统计：按单位统计全员轮训（云平台、现场观摩、专题讲座）、会前学法和测验任务的完成情况。",
        epilog=EPILOG,
        formatter_class=UsageFormatter,
        add_help=False,
    )
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument("logs", nargs="*", metavar="LOG", type=Path,
                        help="学习记录文件：CSV（UTF-8 或 GB18030）、XLSX/XLS、完成回执（.json 或回执 CSV）、Moodle 课程完成报告")
    parser.add_argument("--roster", required=True, type=Path, metavar="名册",
                        help="人员名册（CSV 或 XLSX）：工号/执法证号、姓名、单位，可选 角色、状态、免训原因")
    parser.add_argument("--out", required=True, type=Path, metavar="文件夹",
                        help="报告输出文件夹（含人员姓名，不能是网站的 docs/）")
    parser.add_argument("--plan", type=Path, metavar="计划.yml",
                        help="培训计划（统计期间、活动目录、达标要求）；不指定时用默认规则，见 README")
    parser.add_argument("--profile", action="append", default=[], type=Path, metavar="配置",
                        help="列映射配置（YAML 文件或其所在文件夹），可重复")
    parser.add_argument("--assignments", action="append", default=[], type=Path, metavar="路径",
                        help="测验任务文件或文件夹（quizzes/assignments/），可重复；也可在计划中写 assignments")
    parser.add_argument("--period", type=_period, metavar="期间",
                        help="统计期间，覆盖计划中的设置：2025 或 2025-01-01:2025-06-30")
    group = parser.add_argument_group("签到表等缺少某列时的取值（配置文件中的 fixed 优先）")
    group.add_argument("--activity", default="", metavar="名称", help="活动名称")
    group.add_argument("--part", choices=PARTS, metavar="形式", help="培训形式：" + "、".join(PARTS))
    group.add_argument("--hours", type=_hours, metavar="学时", help="每条记录的学时")
    group.add_argument("--date", type=_date, metavar="日期", help="活动日期，如 2025-03-05")
    parser.add_argument("--sheet", metavar="工作表", help="XLSX 记录文件读取的工作表名称（默认第一个）")
    parser.add_argument("--roster-sheet", metavar="工作表", help="XLSX 名册读取的工作表名称（默认第一个）")
    parser.add_argument("--public-page", type=Path, metavar="文件.md",
                        help="另外生成一页只含各单位汇总数字、不含姓名的 Markdown（可放进网站 docs/）")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
    parser.add_argument("--quiet", action="store_true", help="不在终端打印汇总表")
    return parser


def _expand(paths: list[Path]) -> list[Path]:
    """Expand wildcards the shell left alone (Windows cmd does not expand *.csv)."""
    out: list[Path] = []
    for path in paths:
        text = str(path)
        if not path.exists() and any(ch in text for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(text))
            if matches:
                out += [m for m in matches if m.is_file()]
                continue
        out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    from rich.console import Console

    from fazhi.tally.run import Options, run
    from fazhi.tally.terminal import PROGRESS_MIN_BYTES, make_progress, print_summary

    options = Options(
        roster=args.roster,
        out=args.out,
        logs=_expand(list(args.logs)),
        plan=args.plan,
        profiles=list(args.profile),
        assignments=list(args.assignments),
        period=args.period,
        activity=args.activity,
        part=args.part,
        hours=args.hours,
        date=args.date,
        sheet=args.sheet,
        roster_sheet=args.roster_sheet,
        public_page=args.public_page,
    )
    err_console = Console(stderr=True)
    size = 0
    for log in options.logs:
        try:
            size += log.stat().st_size
        except OSError:
            pass
    show_progress = not args.no_progress and err_console.is_terminal and size >= PROGRESS_MIN_BYTES
    try:
        if show_progress:
            with make_progress(err_console) as progress:
                result, outputs = run(options, progress=progress)
        else:
            result, outputs = run(options)
    except InputError as exc:
        report_and_exit(exc)
    if not args.quiet:
        console = Console() if sys.stdout.isatty() else Console(width=120, no_color=True)
        print_summary(result, list(outputs.values()), console)
    return 0


if __name__ == "__main__":
    sys.exit(main())
