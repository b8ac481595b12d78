#!/usr/bin/env python3
"""检查内容页面：会前学法材料包、年度计划、执法培训模块及其三个环节、典型案例。

Thin command-line layer over ``fazhi.content.check.check_content`` (the same
check the build runs in scripts/hooks/content_pages.py). Every problem is
printed with its file and line; notes (e.g. a kit of the year plan that is not
written yet) are printed as 提示. Exit status: 0 = no problems; 1 = problems
found (the build fails on them too); 2 = the check could not run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.cli import ChineseParser, UsageFormatter  # noqa: E402
from fazhi.content.check import ContentSite, check_content  # noqa: E402
from fazhi.content.model import PAGE_TYPES  # noqa: E402
from fazhi.errors import InputError, Problem, report_and_exit  # noqa: E402
from fazhi.site_build import PROJECT_ROOT  # noqa: E402

EPILOG = """\
示例：
  python scripts/check_content.py             检查本项目（与构建时的检查相同）
  python scripts/check_content.py --json      以 JSON 格式输出
  python scripts/check_content.py --root 其他项目文件夹

只检查前置信息中写了 type 的页面；页面模板（docs/guide/templates/）不检查。
退出码：0 = 没有问题；1 = 有问题（逐条列出文件和行号，构建也会因此失败）；2 = 无法检查。
"""


def _problem_json(problem: Problem) -> dict:
    return {"path": problem.path, "line": problem.line, "message": problem.message, "hint": problem.hint}


def to_json(site: ContentSite) -> str:
    pages = [
        {"path": page.shown, "type": page.type, "id": page.id, "title": page.title, "tags": page.tag_list()}
        for page in site.pages.values()
    ]
    data = {
        "ok": not site.problems,
        "pages": pages,
        "ordinary_pages": site.ordinary_count,
        "problems": [_problem_json(p) for p in site.problems],
        "notes": [_problem_json(p) for p in site.notes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_text(site: ContentSite) -> str:
    lines = [f"错误：{p}" for p in site.problems]
    lines += [f"提示：{p}" for p in site.notes]
    counts = "、".join(f"{PAGE_TYPES[t]} {n}" for t, n in site.counts().items()) or "没有"
    summary = f"{sum(site.counts().values())} 个内容页面（{counts}）；另有 {site.ordinary_count} 个普通页面没有 type，不检查。"
    if site.problems:
        lines.append(f"共发现 {len(site.problems)} 处问题，请按上述提示修改后重试。")
        lines.append(f"检查范围：{summary}")
    else:
        lines.append(f"内容页面检查通过：{summary}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = ChineseParser(
        prog="check_content.py",
        description="检查 docs/ 中写了 type 的内容页面（材料包、年度计划、培训模块、典型案例）：前置信息的字段、必需的小节及其顺序、测验模块和嵌入、模块的三个环节和学时、年度计划的材料包。一次列出全部问题。",
        epilog=EPILOG,
        formatter_class=UsageFormatter,
    )
    parser.add_argument("--root", default=str(PROJECT_ROOT), help="项目文件夹（含 docs/ 和 quizzes/），默认为本项目")
    parser.add_argument("--json", action="store_true", help="以 JSON 格式输出结果")
    args = parser.parse_args(argv)
    try:
        site = check_content(args.root)
    except InputError as exc:
        report_and_exit(exc, code=2)
    print(to_json(site) if args.json else render_text(site))
    return 1 if site.problems else 0


if __name__ == "__main__":
    sys.exit(main())
