#!/usr/bin/env python3
"""检查测验题库：quizzes/ 下的测验模块、测验任务，以及 docs/ 页面里嵌入的测验。

Thin command-line layer over ``fazhi.quiz_check.load_project`` (the same check
the build runs). Every problem is printed with its file and line. Exit status:
0 = no problems; 2 = problems found.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.cli import ChineseParser, UsageFormatter  # noqa: E402
from fazhi.errors import InputError, report_and_exit  # noqa: E402
from fazhi.quiz_check import load_project  # noqa: E402
from fazhi.site_build import PROJECT_ROOT  # noqa: E402

EPILOG = """\
示例：
  python scripts/check_quizzes.py             检查本项目
  python scripts/check_quizzes.py --root 其他项目文件夹

退出码：0 = 没有问题；2 = 有问题（逐条列出文件和行号）。
"""


def main(argv: list[str] | None = None) -> int:
    parser = ChineseParser(
        prog="check_quizzes.py",
        description="检查测验模块（quizzes/*.yml）、测验任务（quizzes/assignments/*.yml）和页面中的 {{ quiz … }} 嵌入行，一次列出全部问题。",
        epilog=EPILOG,
        formatter_class=UsageFormatter,
    )
    parser.add_argument("--root", default=str(PROJECT_ROOT), help="项目文件夹（含 quizzes/ 和 docs/），默认为本项目")
    args = parser.parse_args(argv)
    try:
        project = load_project(args.root)
    except InputError as exc:
        report_and_exit(exc)
    questions = sum(len(m.questions) for m in project.modules.values())
    print(
        f"测验题库检查通过：{len(project.modules)} 个测验模块、{questions} 道题、"
        f"{len(project.assignments)} 个测验任务、{len(project.embeds)} 处页面嵌入。"
    )
    for module in project.modules.values():
        counts = "、".join(f"{k} {v}" for k, v in module.type_counts().items())
        print(f"  {module.id}：{module.title}（{len(module.questions)} 题：{counts}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
