#!/usr/bin/env python3
"""Benchmark: what 我的学习 costs a learner's browser.

Copies the project into a temporary folder, adds ``--modules`` synthetic quiz
modules of ``--questions`` questions (the generator of bench_quizzes.py),
builds the site and prints:

- the size of my-study/data.json (raw and gzipped) and of my-study.js;
- in headless Chromium (Debian's /usr/bin/chromium), with a stored record
  in which every question is answered and one in five is in the 错题本: the
  size of that record in localStorage, and the time from navigation to the
  rendered 我的学习 and 错题本 pages (best of ``--runs``).

    python scripts/bench_my_study.py                   # 50 modules × 20 questions
    python scripts/bench_my_study.py --modules 5 --runs 1
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quizzes import copy_project, synthetic_module  # noqa: E402
from fazhi.local_server import free_port, serve_python  # noqa: E402
from fazhi.site_build import build_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"

# Every question answered (4 in 5 right), the wrong ones in the 错题本, and
# each module's best attempt recorded: the largest record a learner makes.
SEED_JS = """
async (base) => {
  const data = await (await fetch(base + "my-study/data.json")).json();
  const at = new Date().toISOString();
  const state = {version: 1, profile: {name: "测试甲", id: "T0001", unit: "测试单位"},
                 answers: {}, attempts: {}, wrong: {}, cleared: {}, sent: {}};
  let n = 0;
  for (const m of data.modules) {
    let right = 0;
    for (const q of m.questions) {
      const ok = (n++ % 5) !== 0;
      if (ok) right++;
      state.answers[q.key] = {fp: q.fp, correct: ok, at, values: q.options.length ? [q.options[0].value] : ["x"]};
      if (!ok) state.wrong[q.key] = {fp: q.fp, since: at, last: at, times: 1, streak: 0, values: []};
    }
    state.attempts[m.id] = [{raw: right, max: m.questions.length, at}];
  }
  const text = JSON.stringify(state);
  localStorage.setItem("fazhi-study:" + new URL(base).pathname, text);
  return {bytes: new Blob([text]).size, questions: n, wrong: Object.keys(state.wrong).length};
}
"""


def timed_render(page, url: str, selector: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        page.goto(url, wait_until="commit")
        start = page.evaluate("() => performance.timeOrigin")
        page.wait_for_selector(selector)
        done = page.evaluate("() => performance.timeOrigin + performance.now()")
        best = min(best, done - start)
    return best / 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-my-study-") as tmp:
        project = copy_project(Path(tmp) / "project")
        for n in range(args.modules):
            (project / "quizzes" / f"bench-{n:03d}.yml").write_text(synthetic_module(n, args.questions), encoding="utf-8")
        site = Path(tmp) / "site"
        result = build_site(site, project=project)
        if not result.ok:
            print(result.output, file=sys.stderr)
            return 1
        data = (site / "my-study" / "data.json").read_bytes()
        script = (site / "assets" / "javascripts" / "my-study.js").read_bytes()
        modules = len(list((project / "quizzes").glob("*.yml")))
        print(f"{modules} 个测验模块（含合成 {args.modules} × {args.questions} 题）")
        print(f"my-study/data.json：{len(data):,} 字节，gzip 后 {len(gzip.compress(data, 6)):,} 字节")
        print(f"my-study.js：{len(script):,} 字节，gzip 后 {len(gzip.compress(script, 6)):,} 字节")

        from playwright.sync_api import sync_playwright

        with serve_python(site, free_port()) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = browser.new_page()
            page.goto(base + "my-study/")
            seeded = page.evaluate(SEED_JS, base)
            print(f"浏览器中的学习记录：{seeded['questions']} 道题全部作答、错题本 {seeded['wrong']} 道，"
                  f"localStorage 中 {seeded['bytes']:,} 字节")
            overview = timed_render(page, base + "my-study/", "#manage", args.runs)
            review = timed_render(page, base + "my-study/review/", ".fazhi-wrong-list", args.runs)
            heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")
            browser.close()
        print(f"打开「我的学习」到表格显示完毕：{overview:.2f} 秒（{args.runs} 次中最快）")
        print(f"打开「错题本」到列表显示完毕：{review:.2f} 秒")
        if heap:
            print(f"错题本页面的 JS 堆：{heap / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
