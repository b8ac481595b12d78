#!/usr/bin/env python3
"""Benchmark: what quiz modules cost the build.

Copies the project into a temporary folder twice:

- *without*: no quiz modules at all (quizzes/*.yml, assignments and the
  ``{{ quiz … }}`` lines of the pages removed);
- *with*: the same plus ``--modules`` synthetic modules of ``--questions``
  questions each (all four types, sources and explanations), generated here.

Each is built ``--runs`` times with ``mkdocs build --strict``; the best time,
the number of pages, the size of the search index and of the site are printed.

    python scripts/bench_quizzes.py                  # 50 modules × 20 questions
    python scripts/bench_quizzes.py --modules 10 --questions 10 --runs 1
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.quiz_check import EMBED_RE  # noqa: E402
from fazhi.site_build import PROJECT_ROOT, build_site  # noqa: E402

TYPES = ("单选", "多选", "判断", "填空")


def synthetic_module(n: int, questions: int) -> str:
    """YAML text of one synthetic module (fictitious content, valid per the loader)."""
    out = [
        f"id: bench-{n:03d}",
        f"title: 基准测试模块 {n}",
        f"track: {('会前学法', '执法培训', '典型案例')[n % 3]}",
        "description: 基准测试用的合成题目，不是学习内容。",
        "audience: [测试]",
        "pass_mark: 80",
        f"tags: [基准{n % 7}, 合成]",
        "questions:",
    ]
    for i in range(questions):
        kind = TYPES[i % 4]
        out += [f"  - id: q{i:02d}", f"    type: {kind}"]
        if kind == "填空":
            out += [f"    stem: 第 {n} 模块第 {i} 题：期限为____日。", "    answer: [三十, '30', 三十日]"]
        elif kind == "判断":
            out += [f"    stem: 第 {n} 模块第 {i} 题的陈述。", f"    answer: {'正确' if i % 2 else '错误'}"]
        else:
            opts = [f"选项{c}（模块{n}题{i}）" for c in "甲乙丙丁"]
            out += [f"    stem: 第 {n} 模块第 {i} 题：下列哪一项正确？", f"    options: [{', '.join(opts)}]"]
            out.append(f"    answer: {opts[1]}" if kind == "单选" else f"    answer: [{opts[0]}, {opts[2]}]")
        out += [
            f"    explanation: 这是第 {n} 模块第 {i} 题的解析，说明为什么这样答，并指出依据。",
            "    source: {law: 《行政处罚法》第三十三条}",
        ]
    return "\n".join(out) + "\n"


def copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache", "reports")
    shutil.copytree(PROJECT_ROOT, dest, ignore=ignore)
    return dest


def strip_quizzes(project: Path) -> None:
    for path in (project / "quizzes").glob("*.yml"):
        path.unlink()
    shutil.rmtree(project / "quizzes" / "assignments", ignore_errors=True)
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        kept = "\n".join(line for line in text.splitlines() if not EMBED_RE.match(line))
        if kept != text.rstrip("\n"):
            page.write_text(kept + "\n", encoding="utf-8")


def measure(project: Path, runs: int) -> dict[str, float]:
    best = None
    for _ in range(runs):
        result = build_site(project / "site", project=project)
        if not result.ok:
            sys.exit(f"构建失败：\n{result.output}")
        best = result.seconds if best is None else min(best, result.seconds)
    site = project / "site"
    index = (site / "search" / "search_index.json").read_bytes()
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "seconds": best or 0.0,
        "pages": pages,
        "index": len(index),
        "index_gz": len(gzip.compress(index, 6)),
        "site": size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-quizzes-") as tmp:
        without = copy_project(Path(tmp) / "without")
        strip_quizzes(without)
        with_ = copy_project(Path(tmp) / "with")
        strip_quizzes(with_)
        for n in range(args.modules):
            (with_ / "quizzes" / f"bench-{n:03d}.yml").write_text(synthetic_module(n, args.questions), encoding="utf-8")
        a = measure(without, args.runs)
        b = measure(with_, args.runs)
    total = args.modules * args.questions
    print(f"测验模块构建基准（mkdocs build --strict，{args.runs} 次取最快）")
    print(f"{'':24}{'无测验模块':>14}{f'{args.modules} 模块 × {args.questions} 题':>20}")
    print(f"{'构建时间':24}{a['seconds']:>13.2f}s{b['seconds']:>19.2f}s")
    print(f"{'页面数':24}{a['pages']:>14}{b['pages']:>20}")
    print(f"{'搜索索引（原始/gzip）':20}{a['index']:>9,}/{a['index_gz']:,}{b['index']:>13,}/{b['index_gz']:,}")
    print(f"{'站点总大小':22}{a['site']:>14,}{b['site']:>20,}")
    extra = b["seconds"] - a["seconds"]
    print(f"增加：{extra:.2f} s，约 {1000 * extra / total:.1f} ms/题（共 {total} 题）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
