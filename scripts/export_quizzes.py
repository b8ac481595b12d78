#!/usr/bin/env python3
"""导出测验模块，供培训平台导入：QTI 2.1（zip）、Moodle XML、GIFT。

Thin command-line layer over ``fazhi.quiz_export``. The modules are loaded and
checked with the same loader as the build. Exit status: 0 = files written;
2 = a problem with the input (every problem listed with file and line).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.cli import ChineseParser, UsageFormatter  # noqa: E402
from fazhi.errors import InputError, Problem, report_and_exit  # noqa: E402
from fazhi.quiz_check import load_project  # noqa: E402
from fazhi.quiz_export import FORMATS, to_gift, to_moodle_xml, to_qti21  # noqa: E402
from fazhi.site_build import PROJECT_ROOT  # noqa: E402

EPILOG = """\
示例：
  python scripts/export_quizzes.py --out 导出/                         全部模块、全部格式
  python scripts/export_quizzes.py --out 导出/ --format moodle xzcf-basics
  python scripts/export_quizzes.py --out 导出/ --assignment 2026-12-xzcf-xzfy

输出（每个模块一个文件）：<模块编号>.qti21.zip、<模块编号>.moodle.xml、<模块编号>.gift.txt。
退出码：0 = 已导出；2 = 输入有问题（逐条列出）。
"""


def main(argv: list[str] | None = None) -> int:
    parser = ChineseParser(
        prog="export_quizzes.py",
        description="把 quizzes/ 下的测验模块导出为 QTI 2.1、Moodle XML 或 GIFT 文件，导入在线培训平台的题库。",
        epilog=EPILOG,
        formatter_class=UsageFormatter,
    )
    parser.add_argument("modules", nargs="*", metavar="模块编号", help="要导出的测验模块；不写则导出全部")
    parser.add_argument("--out", required=True, help="输出文件夹（不存在会自动创建）")
    parser.add_argument(
        "--format", choices=[*FORMATS, "all"], default="all", help="qti21、moodle、gift 或 all（默认 all）"
    )
    parser.add_argument("--assignment", help="导出某个测验任务包含的全部模块（任务编号）")
    parser.add_argument("--root", default=str(PROJECT_ROOT), help="项目文件夹（含 quizzes/），默认为本项目")
    args = parser.parse_args(argv)

    try:
        project = load_project(args.root)
    except InputError as exc:
        report_and_exit(exc)
    wanted = list(args.modules)
    problems = []
    if args.assignment:
        a = project.assignments.get(args.assignment)
        if a is None:
            problems.append(
                Problem("--assignment", f"没有编号为「{args.assignment}」的测验任务", hint="现有任务：" + "、".join(project.assignments))
            )
        else:
            wanted += [m for m in a.modules if m not in wanted]
    for mid in wanted:
        if mid not in project.modules:
            problems.append(Problem(mid, "没有这个测验模块", hint="现有模块：" + "、".join(project.modules)))
    if problems:
        report_and_exit(InputError(problems))
    modules = [project.modules[m] for m in wanted] if wanted else list(project.modules.values())

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        report_and_exit(InputError([Problem(str(out), f"无法创建输出文件夹：{exc.strerror or exc}")]))
    formats = list(FORMATS) if args.format == "all" else [args.format]
    written = []
    for module in modules:
        for fmt in formats:
            path = out / f"{module.id}{FORMATS[fmt]}"
            if fmt == "qti21":
                path.write_bytes(to_qti21(module))
            elif fmt == "moodle":
                path.write_text(to_moodle_xml([module]), encoding="utf-8")
            else:
                path.write_text(to_gift([module]), encoding="utf-8")
            written.append(path)
    questions = sum(len(m.questions) for m in modules)
    print(f"已导出 {len(modules)} 个测验模块（{questions} 道题）到 {out}：")
    for path in written:
        print(f"  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
