#!/usr/bin/env python3
"""法律引用核对报告：docs/ 和 quizzes/ 中的每一处《…》第…条引用和原文引用。

Thin command-line layer over ``fazhi.laws.report.check_site`` (the same check
the build runs in scripts/hooks/law_library.py). Prints citations found,
verified, unverifiable (grouped by the law or regulation they cite) and
failures with file and line. Exit status: 0 = no errors; 1 = wrong citations
or quotes (the build fails on them too); 2 = the check could not run (law
database not installed, bad settings in mkdocs.yml).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.errors import InputError, report_and_exit  # noqa: E402
from fazhi.laws.config import load_project  # noqa: E402
from fazhi.laws.database import LawDatabase, locate_database  # noqa: E402
from fazhi.laws.report import check_site, render_text, to_json  # noqa: E402
from fazhi.site_build import PROJECT_ROOT  # noqa: E402

EPILOG = """\
示例：
  python scripts/check_citations.py            核对本项目，打印报告
  python scripts/check_citations.py --json     以 JSON 格式输出（便于其他程序处理）
  python scripts/check_citations.py --root 其他项目文件夹

退出码：0 = 没有错误；1 = 有错误的引用（逐条列出文件和行号，构建也会因此失败）；
2 = 无法核对（没有安装法律数据库、mkdocs.yml 设置有误）。
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_citations.py",
        description="核对网站中的法律引用（docs/**/*.md、quizzes/**/*.yml）：条文是否存在于现行版本、原文引用是否与条文一致，并列出数据库中没有、无法核实的引用。",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", default=str(PROJECT_ROOT), help="项目文件夹（含 mkdocs.yml、docs/、quizzes/），默认为本项目")
    parser.add_argument("--json", action="store_true", help="以 JSON 格式输出报告")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        docs_dir, config = load_project(root)
        db = LawDatabase(locate_database())
        result = check_site(root, docs_dir, config, db)
    except InputError as exc:
        report_and_exit(exc)
    print(to_json(result) if args.json else render_text(result))
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
