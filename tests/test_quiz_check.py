"""The quiz project check: embeds, assignments and sources across files; the check command; the build failing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.errors import InputError
from fazhi.quiz_check import find_embeds, load_project
from fazhi.site_build import PROJECT_ROOT, build_site

MODULE = """\
id: demo
title: 示例模块
track: 会前学法
description: 用于测试。
pass_mark: 80
questions:
  - id: q1
    type: 判断
    stem: 题干一。
    answer: 正确
    explanation: 解析一。
    source: {page: study.md}
  - id: q2
    type: 判断
    stem: 题干二。
    answer: 错误
    explanation: 解析二。
    source: {law: 《行政处罚法》第九条}
"""

ASSIGNMENT = """\
id: task-1
title: 示例任务
modules: [demo]
opens: 2026-01-01
due: 2026-01-31
pass_mark: 80
"""


@pytest.fixture()
def project(tmp_path) -> Path:
    (tmp_path / "quizzes" / "assignments").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "quizzes" / "demo.yml").write_text(MODULE, encoding="utf-8")
    (tmp_path / "quizzes" / "assignments" / "task-1.yml").write_text(ASSIGNMENT, encoding="utf-8")
    (tmp_path / "docs" / "study.md").write_text("# 学习\n\n正文。\n\n{{ quiz demo }}\n", encoding="utf-8")
    return tmp_path


def problems(root: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_project(root)
    return [str(p) for p in info.value.problems]


def test_good_project(project):
    loaded = load_project(project)
    assert list(loaded.modules) == ["demo"] and list(loaded.assignments) == ["task-1"]
    (embed,) = loaded.embeds
    assert (embed.page, embed.line, embed.module_id, embed.question_ids) == ("study.md", 5, "demo", ())


def test_embed_syntax():
    text = "\n".join(
        [
            "{{ quiz demo }}",
            "    {{ quiz demo: q1, q2 }}",
            "```",
            "{{ quiz in-code }}",
            "```",
            "写成 `{{ quiz demo }}` 即可。",
            "{{quiz demo}} 后面还有字",
            "{{ quiz 中文 }}",
        ]
    )
    embeds, bad = find_embeds(text, "p.md")
    assert [(e.line, e.module_id, e.question_ids, e.indent) for e in embeds] == [
        (1, "demo", (), ""),
        (2, "demo", ("q1", "q2"), "    "),
    ]
    assert [p.line for p in bad] == [7, 8]


def test_unknown_module_and_question_in_an_embed(project):
    (project / "docs" / "other.md").write_text("# 其他\n\n{{ quiz nope }}\n\n{{ quiz demo: q1, q9 }}\n", encoding="utf-8")
    found = problems(project)
    assert any("docs/other.md:3" in p and "「nope」不存在" in p for p in found), found
    assert any("docs/other.md:5" in p and "「q9」" in p for p in found), found


def test_same_module_twice_on_a_page(project):
    (project / "docs" / "study.md").write_text("# 学习\n\n{{ quiz demo: q1 }}\n\n{{ quiz demo: q2 }}\n", encoding="utf-8")
    (found,) = problems(project)
    assert "docs/study.md:5" in found and "已于第 3 行嵌入过" in found


def test_assignment_naming_an_unknown_module(project):
    path = project / "quizzes" / "assignments" / "task-1.yml"
    path.write_text(ASSIGNMENT.replace("modules: [demo]", "modules:\n  - demo\n  - missing"), encoding="utf-8")
    (found,) = problems(project)
    assert "quizzes/assignments/task-1.yml:5" in found and "「missing」" in found


def test_source_page_that_does_not_exist(project):
    (project / "quizzes" / "demo.yml").write_text(MODULE.replace("page: study.md", "page: gone.md"), encoding="utf-8")
    (found,) = problems(project)
    assert "quizzes/demo.yml:7" in found and "gone.md 不存在" in found


def test_problems_of_several_files_reported_together(project):
    (project / "quizzes" / "demo.yml").write_text(MODULE.replace("answer: 错误", "answer: 不知道"), encoding="utf-8")
    (project / "quizzes" / "second.yml").write_text(MODULE.replace("id: demo", "id: second"), encoding="utf-8")
    (project / "docs" / "other.md").write_text("{{ quiz nope }}\n", encoding="utf-8")
    found = problems(project)
    assert any(p.startswith("quizzes/demo.yml:16") for p in found), found
    assert any(p.startswith("docs/other.md:1") for p in found), found
    # The broken module is known to exist: the embed and the assignment naming it are not reported too.
    assert not any("「demo」" in p for p in found), found


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "check_quizzes.py"), *args],
        capture_output=True,
        text=True,
        env={"PYTHONUTF8": "1", "PATH": "/usr/bin:/bin"},
    )


def test_check_command_on_this_project():
    proc = run_cli()
    assert proc.returncode == 0, proc.stderr
    assert "测验题库检查通过" in proc.stdout and "xzcf-basics" in proc.stdout


def test_check_command_lists_every_problem(project):
    (project / "quizzes" / "demo.yml").write_text(
        MODULE.replace("answer: 错误", "answer: 不知道").replace("explanation: 解析一。", "explanation: ''"), encoding="utf-8"
    )
    (project / "docs" / "other.md").write_text("{{ quiz nope }}\n", encoding="utf-8")
    proc = run_cli("--root", str(project))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("错误：")]
    assert len(lines) == 3, proc.stderr
    assert "共发现 3 处问题" in proc.stderr


def test_the_build_fails_naming_file_and_line(project_copy):
    module = project_copy / "quizzes" / "xzcf-basics.yml"
    text = module.read_text(encoding="utf-8")
    first_answer = next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("answer:"))
    lines = text.splitlines()
    lines[first_answer - 1] = "    answer: 不在选项里的答案"
    module.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = project_copy / "docs" / "huiqian" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ quiz no-such-module }}\n", encoding="utf-8")
    result = build_site(project_copy / "site", project=project_copy)
    assert not result.ok
    assert f"quizzes/xzcf-basics.yml:{first_answer}" in result.output
    assert "答案「不在选项里的答案」不在选项中" in result.output
    assert "docs/huiqian/index.md:" in result.output and "「no-such-module」不存在" in result.output


def test_duplicate_module_ids(project):
    (project / "quizzes" / "demo.yaml").write_text(MODULE, encoding="utf-8")
    (found,) = problems(project)
    assert "quizzes/demo.yml:1" in found and "重复" in found


def test_a_project_without_quizzes(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    loaded = load_project(tmp_path)
    assert loaded.modules == {} and loaded.assignments == {} and loaded.embeds == []
