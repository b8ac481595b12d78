#!/usr/bin/env python3
"""Benchmark of the coverage tally (scripts/tally.py) on generated data.

Generates, in a temporary folder, a roster of ``--people`` fictitious people
and ``--rows`` log rows spread over several files of the kinds the tally
reads (UTF-8 CSV, UTF-8-with-BOM CSV, GB18030 CSV, an XLSX sign-in workbook
with a title row, a receipt CSV), with about 1% bad rows and some duplicates.
Then it runs, each in its own child process:

1. a read-only pass over the same files (csv.reader / python-calamine, every
   row touched, nothing normalised) — the floor any tally must pay;
2. the full tally command, writing every report.

and prints the wall time and peak memory (the child's maximum resident set
size, from ``os.wait4``) of each.

    python scripts/bench_tally.py                      # 10,000 people, 1,000,000 rows
    python scripts/bench_tally.py --people 1000 --rows 50000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

UNITS = [f"{a}{b}" for a in ("甲", "乙", "丙", "丁", "戊", "己") for b in ("街道", "镇", "局", "中心", "所")]
ONLINE = [f"线上课程{i:02d}" for i in range(20)]
VISITS = [f"现场观摩{i:02d}" for i in range(10)]
LECTURES = [f"专题讲座{i:02d}" for i in range(10)]
MEETINGS = [f"会前学法{i:02d}" for i in range(4)]
MODULES = ["bench-m1", "bench-m2"]

# (file name, kind, share of rows, encoding)
FILES = [
    ("platform-utf8.csv", "platform", 0.30, "utf-8"),
    ("platform-bom.csv", "platform", 0.25, "utf-8-sig"),
    ("platform-gb18030.csv", "platform", 0.20, "gb18030"),
    ("signin.xlsx", "signin", 0.15, None),
    ("receipts.csv", "receipts", 0.10, "utf-8"),
]


def _plan(path: Path, assignments: Path) -> None:
    lines = ["title: 基准测试计划（生成数据）", "period: 2025", "assignments: assignments/", "activities:"]
    for i, name in enumerate(ONLINE):
        lines += [f"  - {{id: online-{i:02d}, name: {name}, part: 云平台, hours: 2}}"]
    for i, name in enumerate(VISITS):
        lines += [f"  - {{id: visit-{i:02d}, name: {name}, part: 现场观摩, hours: 3}}"]
    for i, name in enumerate(LECTURES):
        lines += [f"  - {{id: lecture-{i:02d}, name: {name}, part: 专题讲座, hours: 2}}"]
    for i, name in enumerate(MEETINGS):
        lines += [f"  - {{id: meeting-{i:02d}, name: {name}, part: 会前学法, hours: 0.5}}"]
    lines += [
        "rules:",
        "  执法人员:",
        "    min_per_part: {云平台: 1, 现场观摩: 1, 专题讲座: 1}",
        "    required_assignments: [bench-q1]",
        "    min_hours: 8",
        "  领导干部:",
        "    min_per_part: {会前学法: 2}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assignments.mkdir(exist_ok=True)
    (assignments / "bench-q1.yml").write_text(
        "id: bench-q1\ntitle: 基准测验任务\nmodules: [bench-m1, bench-m2]\ntarget: {roles: [执法人员]}\n"
        "opens: 2025-01-01\ndue: 2025-09-30\npass_mark: 60\n",
        encoding="utf-8",
    )


def generate(folder: Path, people: int, rows: int, seed: int = 20250101) -> tuple[Path, Path, list[Path]]:
    """Write roster.csv, plan.yml, assignments/ and the log files; return their paths."""
    import xlsxwriter

    from fazhi.tally.receipts import RECEIPT_CSV_HEADER

    rnd = random.Random(seed)
    roster = folder / "roster.csv"
    persons = []
    with roster.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["执法证号", "姓名", "单位", "角色", "状态", "免训原因"])
        for n in range(people):
            pid, name, unit = f"B{n:06d}", f"测试{n:06d}", UNITS[n % len(UNITS)]
            role = "领导干部" if n % 10 == 0 else "执法人员"
            status, reason = ("免训", "生成数据") if n % 50 == 7 else ("在岗", "")
            out.writerow([pid, name, unit, role, status, reason])
            persons.append((pid, name, unit))
    plan = folder / "plan.yml"
    _plan(plan, folder / "assignments")

    start = dt.datetime(2025, 1, 1, 8, 0)
    logs = []
    remaining = rows
    for i, (fname, kind, share, encoding) in enumerate(FILES):
        n = remaining if i == len(FILES) - 1 else int(rows * share)
        remaining -= n
        path = folder / fname
        logs.append(path)

        def pick():
            pid, name, unit = persons[rnd.randrange(people)]
            r = rnd.random()
            if r < 0.004:
                pid = f"X{rnd.randrange(10**6):06d}"  # not in the roster
            elif r < 0.006:
                pid = f"{rnd.randrange(10**17, 10**18):.5E}"  # Excel's scientific notation
            moment = start + dt.timedelta(minutes=rnd.randrange(0, 364 * 24 * 60))
            if rnd.random() < 0.003:
                moment = moment.replace(year=2024)  # outside the period
            return pid, name, unit, moment

        if kind == "platform":
            with path.open("w", encoding=encoding, newline="") as fh:
                out = csv.writer(fh)
                out.writerow(["序号", "姓名", "执法证号", "所属单位", "课程名称", "学习时间", "获得学时", "学习状态"])
                for k in range(n):
                    pid, name, unit, moment = pick()
                    when = f"{moment.year}/{moment.month}/{moment.day} {moment.hour:02d}:{moment.minute:02d}"
                    if rnd.random() < 0.002:
                        when = "2025/13/45"
                    status = "已完成" if rnd.random() > 0.01 else "学习中"
                    out.writerow([k + 1, name, pid, unit, ONLINE[rnd.randrange(len(ONLINE))], when, "2学时", status])
        elif kind == "signin":
            book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
            ws = book.add_worksheet("签到")
            fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
            ws.write_string(0, 0, "某区专题讲座、现场观摩、会前学法签到汇总（生成数据）")
            for c, h in enumerate(["序号", "姓名", "执法证号", "单位", "活动名称", "签到时间"]):
                ws.write_string(2, c, h)
            acts = VISITS + LECTURES + MEETINGS
            for k in range(n):
                pid, name, unit, moment = pick()
                r = k + 3
                ws.write_number(r, 0, k + 1)
                ws.write_string(r, 1, name)
                ws.write_string(r, 2, pid)
                ws.write_string(r, 3, unit)
                ws.write_string(r, 4, acts[rnd.randrange(len(acts))])
                ws.write_datetime(r, 5, moment, fmt)
            book.close()
        else:
            with path.open("w", encoding=encoding, newline="") as fh:
                out = csv.writer(fh)
                out.writerow(RECEIPT_CSV_HEADER)
                for _ in range(n):
                    pid, name, unit, moment = pick()
                    module = MODULES[rnd.randrange(len(MODULES))]
                    scaled = rnd.choice((0.5, 0.7, 0.8, 0.9, 1.0))
                    out.writerow([moment.strftime("%Y-%m-%dT%H:%M:%S+08:00"), pid, name, unit, "passed",
                                  f"http://intranet.example/fazhi/quizzes/{module}/", module, scaled,
                                  round(scaled * 10), 10, "true", "true"])
    return roster, plan, logs


def read_only(paths: list[str]) -> int:
    """Touch every row of every file without normalising anything; return the row count."""
    from fazhi.tally.readers import detect_encoding

    total = 0
    for p in paths:
        path = Path(p)
        if path.suffix == ".xlsx":
            import python_calamine

            sheet = python_calamine.CalamineWorkbook.from_path(p).get_sheet_by_index(0)
            for _row in sheet.iter_rows():
                total += 1
        else:
            with path.open("rb") as fh:
                head = fh.read(256 * 1024)
            encoding = detect_encoding(head, len(head) >= path.stat().st_size) or "utf-8"
            with path.open(encoding=encoding, newline="") as fh:
                for _row in csv.reader(fh):
                    total += 1
    return total


def _measure(cmd: list[str]) -> tuple[float, float, int, str]:
    """Run ``cmd``; return (wall seconds, peak RSS in MiB, exit code, output)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    if not hasattr(os, "wait4"):  # Windows: no per-child peak memory
        code = proc.wait()
        return time.perf_counter() - t0, float("nan"), code, out
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, rss, proc.returncode, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="培训覆盖统计的性能基准（数据为生成的虚构数据）")
    parser.add_argument("--people", type=int, default=10_000, help="名册人数（默认 10000）")
    parser.add_argument("--rows", type=int, default=1_000_000, help="记录总行数（默认 1000000）")
    parser.add_argument("--keep", type=Path, help="把生成的数据和报告留在这个文件夹（默认用临时文件夹并删除）")
    parser.add_argument("--read-only", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.read_only:
        print(read_only(args.read_only))
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-tally-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        roster, plan, logs = generate(folder, args.people, args.rows)
        gen = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in logs) / 1024 / 1024
        print(f"生成数据：{args.people} 人，{args.rows} 行，{len(logs)} 个文件，{size:.1f} MiB，用时 {gen:.1f} 秒")
        for p in logs:
            print(f"  {p.name}  {p.stat().st_size / 1024 / 1024:.1f} MiB")

        py = sys.executable
        wall_r, rss_r, code, out = _measure([py, str(HERE / "bench_tally.py"), "--read-only", *map(str, logs)])
        if code:
            print(out)
            return code
        print(f"只读取（csv.reader / calamine，不做任何处理）：{out.strip()} 行，{wall_r:.2f} 秒，峰值内存 {rss_r:.0f} MiB")

        cmd = [py, str(HERE / "tally.py"), "--roster", str(roster), "--plan", str(plan), "--out", str(folder / "out"),
               "--no-progress", *map(str, logs)]
        wall_t, rss_t, code, out = _measure(cmd)
        for line in out.splitlines():  # the accounting lines, not the per-unit table
            if line.startswith(("读入", "退回原因", "测验任务", "错误", "共发现")):
                print(line)
        if code:
            return code
        print(f"完整统计（读取、校验、去重、计算、写出全部报告）：{wall_t:.2f} 秒，峰值内存 {rss_t:.0f} MiB")
        print(f"目标：100 万行 10 秒以内、1 GiB 以内（{os.cpu_count()} 核）")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
