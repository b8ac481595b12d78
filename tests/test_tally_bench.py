"""The benchmark script runs end to end on a small size."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_bench_small(tmp_path):
    proc = subprocess.run([sys.executable, "scripts/bench_tally.py", "--people", "60", "--rows", "3000",
                           "--keep", str(tmp_path / "bench")], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "只读取" in proc.stdout and "完整统计" in proc.stdout and "峰值内存" in proc.stdout
    assert "读入 3000 行" in proc.stdout
    assert (tmp_path / "bench" / "out" / "coverage.xlsx").exists()
