"""The README demo on the fictitious sample data gives the documented figures."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "scripts" / "samples" / "tally"


def test_demo_command(tmp_path):
    logs = sorted((SAMPLES / "logs").iterdir())
    assert len(logs) == 9
    cmd = [sys.executable, "scripts/tally.py", "--roster", "scripts/samples/tally/roster.xlsx",
           "--plan", "scripts/samples/tally/plan.yml", "--profile", "scripts/samples/tally/profiles",
           "--out", str(tmp_path / "report"), *[str(p.relative_to(REPO)) for p in logs]]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "读入 87 行 = 计入 73（其中计划外 0） + 退回 12 + 重复 2" in proc.stdout
    data = json.loads((tmp_path / "report" / "coverage.json").read_text(encoding="utf-8"))
    rows = data["rows"]
    assert (rows["read"], rows["accepted"], rows["rejected"], rows["duplicates"]) == (87, 73, 12, 2)
    formats = {Path(f["file"]).name: f["format"] for f in rows["files"]}
    assert formats["platform-export-gb18030.csv"] == "CSV" and formats["receipts.json"] == "完成回执（JSON）"
    assert "Moodle" in formats["completion-xzcf_2025.csv"]
    encodings = {Path(f["file"]).name: f["encoding"] for f in rows["files"]}
    assert encodings["platform-export-gb18030.csv"] == "gb18030" and encodings["fieldtrip-2025.csv"] == "utf-8-sig"
    codes = set(rows["by_reason"])
    assert codes == {"id_scientific", "unknown_person", "unknown_activity", "out_of_period", "bad_date", "no_identity",
                     "bad_hours", "no_date", "not_completed", "ambiguous_name"}
    assert data["total"]["headcount"] == 20 and data["total"]["covered"] == 7
    assert [a["on_time"] for a in data["assignments"]] == [9]
    assert [s["attendees"] for s in data["sessions"]] == [4, 3]


def test_samples_are_fictitious():
    book = openpyxl.load_workbook(SAMPLES / "roster.xlsx")
    rows = list(book.active.iter_rows(min_row=4, values_only=True))
    assert rows
    for pid, name, unit, *_ in rows:
        assert pid.startswith("T") and pid[1:].isdigit()
        assert name.startswith(("测试", "张某某", "李某某", "王某某", "赵某某", "钱某某", "孙某某", "周某某", "吴某某"))
        assert unit in ("甲街道", "乙镇", "丙街道", "区市场监管局", "区司法局")
