"""The command line: exit codes, Chinese messages, no tracebacks, nothing outside --out."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "tally.py"

ROSTER = [["工号", "姓名", "单位"], ["T0001", "测试甲", "甲街道"], ["T0002", "测试乙", "乙镇"]]
LOG = [["工号", "课程名称", "完成时间", "培训形式"], ["T0001", "线上课", "2025-03-05", "云平台"]]


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def cli(*args, cwd=None):
    env = dict(os.environ, COLUMNS="120")
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=120)


@pytest.fixture
def files(tmp_path):
    return write_csv(tmp_path / "roster.csv", ROSTER), write_csv(tmp_path / "log.csv", LOG)


def snapshot(folder):
    return {p.relative_to(folder) for p in folder.rglob("*")}


def test_success(tmp_path, files):
    roster, log = files
    before = snapshot(tmp_path)
    proc = cli("--roster", roster, "--out", tmp_path / "report", "--period", "2025", log, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "合计" in proc.stdout and "读入 1 行 = 计入 1" in proc.stdout
    assert proc.stderr == ""
    added = snapshot(tmp_path) - before
    assert {p.parts[0] for p in added} == {"report"}  # nothing written outside --out
    assert (tmp_path / "report" / "coverage.json").exists()


def test_help_is_chinese():
    proc = cli("--help")
    assert proc.returncode == 0
    assert "用法：" in proc.stdout and "--roster" in proc.stdout and "培训计划" in proc.stdout


def test_argument_errors_are_chinese(tmp_path):
    proc = cli("--out", tmp_path)
    assert proc.returncode == 2 and "错误：缺少必填参数" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("--roster", "r.csv", "--out", tmp_path, "--period", "明年")
    assert proc.returncode == 2 and "统计期间「明年」无法识别" in proc.stderr
    proc = cli("--roster", "r.csv", "--out", tmp_path, "--part", "网课")
    assert proc.returncode == 2 and "取值无效" in proc.stderr


def test_every_bad_input_listed_without_traceback(tmp_path, files):
    roster, log = files
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(os.urandom(4096) + b"\x00" * 10)
    book = openpyxl.Workbook()
    book.active.append(["姓名", "工号"])
    book.save(tmp_path / "ok.xlsx")
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes((tmp_path / "ok.xlsx").read_bytes()[:300])
    semicolon_less = tmp_path / "spaces.csv"
    semicolon_less.write_text("姓名 工号 课程\n测试甲 T0001 课\n", encoding="utf-8")
    bad_plan = tmp_path / "plan.yml"
    bad_plan.write_text("period: [\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = cli("--roster", roster, "--plan", bad_plan, "--out", out, log, empty, junk, truncated, semicolon_less,
               tmp_path / "missing.csv")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    err = proc.stderr
    for expected in ("plan.yml:", "empty.csv: 文件是空的", "junk.csv: 这不是文本表格", "truncated.xlsx: 无法打开表格文件",
                     "spaces.csv: 无法识别表头", "分隔符", "missing.csv: 记录文件不存在", "共发现 6 处问题"):
        assert expected in err, expected
    assert not out.exists()  # nothing written when the input is wrong


def test_bad_bytes_in_the_middle_of_a_file(tmp_path, files):
    roster, _log = files
    path = tmp_path / "mixed.csv"
    good = "工号,课程名称,完成时间,培训形式\r\n" + "T0001,课,2025-03-05,云平台\r\n" * 30000
    path.write_bytes(good.encode("utf-8") + "T0002,课程,2025-03-05,云平台\r\n".encode("gb18030"))
    proc = cli("--roster", roster, "--out", tmp_path / "out", "--period", "2025", path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "mixed.csv:30002" in proc.stderr and "无法解码" in proc.stderr


def test_out_inside_docs_is_refused(tmp_path, files):
    roster, log = files
    proc = cli("--roster", roster, "--out", REPO / "docs" / "tally-report", log)
    assert proc.returncode == 2 and "docs/" in proc.stderr and "--public-page" in proc.stderr
    assert not (REPO / "docs" / "tally-report").exists()
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    proc = cli("--roster", roster, "--out", site / "docs" / "r", log)
    assert proc.returncode == 2 and not (site / "docs" / "r").exists()


def test_public_page_may_go_into_docs(tmp_path, files):
    roster, log = files
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    proc = cli("--roster", roster, "--out", tmp_path / "out", "--period", "2025", "--quiet",
               "--public-page", site / "docs" / "coverage.md", log)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    page = (site / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert "甲街道" in page and "测试甲" not in page and "T0001" not in page


def test_progress_bar_path(tmp_path, files):
    """The progress callback runs (a terminal is needed to show it; here it draws into a buffer)."""
    import io

    from rich.console import Console

    from fazhi.tally.run import Options, run
    from fazhi.tally.terminal import make_progress

    roster, _log = files
    big = write_csv(tmp_path / "big.csv", [LOG[0]] + [["T0001", f"课{i % 7}", "2025-03-05", "云平台"]
                                                     for i in range(70000)])
    buffer = io.StringIO()
    with make_progress(Console(file=buffer, force_terminal=True, width=100)) as progress:
        result, _ = run(Options(roster=roster, out=tmp_path / "out", logs=[big], period=None,
                                today=__import__("datetime").date(2025, 6, 1)), progress=progress)
        task = progress.tasks[0]
        assert task.completed == task.total == big.stat().st_size
    assert result.read == 70000 and result.accepted == 7 and result.duplicate_count == 69993


def test_wildcards_are_expanded_when_the_shell_did_not(tmp_path, files):
    roster, _log = files
    write_csv(tmp_path / "a-1.csv", LOG)
    write_csv(tmp_path / "a-2.csv", LOG)
    proc = cli("--roster", roster, "--out", tmp_path / "out", "--period", "2025", "--quiet", tmp_path / "a-*.csv")
    assert proc.returncode == 0, proc.stderr
    import json

    data = json.loads((tmp_path / "out" / "coverage.json").read_text(encoding="utf-8"))
    assert [Path(f["file"]).name for f in data["rows"]["files"]] == ["a-1.csv", "a-2.csv"]
    assert data["rows"]["duplicates"] == 1
