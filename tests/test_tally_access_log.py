"""Completion records sent to the web server (extra.my_study.beacon) and read back from its access log."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from fazhi.tally.access_log import looks_like_access_log
from fazhi.tally.readers import open_table
from fazhi.tally.receipts import RECEIPT_CSV_HEADER
from fazhi.tally.run import Options, run
from tests.test_tally_receipts import ASSIGNMENT, ROSTER, SITE

ROOT = Path(__file__).resolve().parent.parent
BEACON = "/fazhi/my-study/beacon.gif"


def beacon_line(learner, module, when="2025-03-05T14:20:00+08:00", verb="passed", scaled="0.9", status=200,
                path=BEACON, method="GET"):
    values = [when, learner, "测试", "甲街道", verb, f"{SITE}/quizzes/{module}/", f"模块{module}", scaled, "9", "10",
              "true", "true"]
    query = urlencode(dict(zip(RECEIPT_CSV_HEADER, values)), encoding="utf-8")
    return (f'10.0.0.5 - - [05/Mar/2025:14:20:07 +0800] "{method} {path}?{query} HTTP/1.1" {status} 43 '
            f'"http://intranet.example/fazhi/quizzes/{module}/" "Mozilla/5.0 (X11; Linux x86_64)"')


def write_log(tmp_path, lines, name="access.log"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_sniffs_combined_format_only():
    assert looks_like_access_log("\n" + beacon_line("T0001", "m-a") + "\n")
    assert not looks_like_access_log("工号,姓名,单位\nT0001,测试甲,甲街道\n")


def test_beacon_lines_count_and_other_lines_are_rejected_with_reasons(tmp_path):
    lines = [
        beacon_line("T0001", "m-a"),
        beacon_line("T0001", "m-b", status=404),          # the record is in the log even if the GIF was missing
        '10.0.0.5 - - [05/Mar/2025:14:19:00 +0800] "GET /fazhi/quizzes/m-a/ HTTP/1.1" 200 5120 "-" "Mozilla/5.0"',
        beacon_line("T0002", "m-a", method="POST"),
        "this is not a log line",
        "",
        beacon_line("T0002", "m-b", verb="failed", scaled="0.4"),
    ]
    path = write_log(tmp_path, lines)
    source = open_table(path)
    assert source.kind == "access-log" and source.format_label == "访问日志（完成记录上报）"
    source.close()
    result = _run(tmp_path, [path])
    (stats,) = result.files
    assert (stats.read, stats.accepted, stats.rejected) == (6, 2, 4)
    reasons = {row[1]: row[2] for row in result.rejects}
    assert reasons == {3: "not_beacon", 4: "not_beacon", 5: "bad_log_line", 7: "not_completed"}
    status = {p.person.id: p.assignments.get("q1") for p in result.people}
    assert status["T0001"] == "按期完成"  # both modules of the assignment, from the log alone


def _run(tmp_path, paths):
    roster = tmp_path / "roster.csv"
    roster.write_text("\n".join(",".join(r) for r in ROSTER) + "\n", encoding="utf-8")
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks" / "q1.yml").write_text(ASSIGNMENT, encoding="utf-8")
    (tmp_path / "plan.yml").write_text("period: 2025\nassignments: tasks\n", encoding="utf-8")
    result, _ = run(Options(roster=roster, out=tmp_path / "out", logs=paths, plan=tmp_path / "plan.yml", part="云平台"))
    assert result.read == result.accepted + result.rejected + result.duplicate_count
    return result


def test_cli_reads_an_access_log(tmp_path):
    path = write_log(tmp_path, [beacon_line("T0001", "m-a"), beacon_line("T0001", "m-b")])
    roster = tmp_path / "roster.csv"
    roster.write_text("\n".join(",".join(r) for r in ROSTER) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "scripts/tally.py", "--roster", str(roster), "--out", str(tmp_path / "out"),
                           "--period", "2025", "--no-progress", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "读入 2 行 = 计入 2（其中计划外 0） + 退回 0 + 重复 0" in proc.stdout
    assert "Traceback" not in proc.stderr
