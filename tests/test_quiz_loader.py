"""fazhi.quizzes: the quiz-module loader, and every validation error with its file and line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from fazhi.errors import InputError
from fazhi.quizzes import load_module, load_modules, normalize_answer
from fazhi.site_build import PROJECT_ROOT

GOOD = """\
id: demo
title: 示例模块
track: 执法培训
description: 用于测试。
audience: [行政执法人员]
pass_mark: 80
tags: [行政处罚法]
questions:
  - id: dan-1
    type: 单选
    stem: 单选题干？
    options: [甲, 乙, 丙]
    answer: 乙
    explanation: 因为乙。
    source: {law: 《行政处罚法》第九条}
  - id: duo-1
    type: 多选
    stem: 多选题干？
    options: [甲, 乙, 丙, 丁]
    answer: [甲, 丁]
    explanation: 因为甲和丁。
    source:
      law: [《行政处罚法》第三十条, 《行政处罚法》第三十一条]
  - id: pan-1
    type: 判断
    stem: 判断题干。
    answer: 错误
    explanation: 因为错。
    source: {page: huiqian/index.md}
  - id: tian-1
    type: 填空
    stem: 期限为____日。
    answer: [六十, 60, 六十日]
    explanation: 因为六十。
    source: {law: 《行政复议法》第二十条}
"""


def write(tmp_path: Path, text: str, name: str = "demo.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_module(path)
    return [str(p) for p in info.value.problems]


def replace_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_no(text: str, fragment: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def test_good_module_loads_every_type(tmp_path):
    module = load_module(write(tmp_path, GOOD))
    assert module.id == "demo" and module.track == "执法培训" and module.pass_mark == 80
    kinds = [q.kind for q in module.questions]
    assert kinds == ["single", "multiple", "truefalse", "fill"]
    single, multiple, tf, fill = module.questions
    assert single.answers == ("乙",) and single.options == ("甲", "乙", "丙")
    assert multiple.answers == ("甲", "丁")
    assert multiple.source.laws == ("《行政处罚法》第三十条", "《行政处罚法》第三十一条")
    assert tf.options == ("正确", "错误") and tf.answers == ("错误",)
    assert tf.source.page == "huiqian/index.md"
    assert fill.answers == ("六十", "60", "六十日")
    assert single.key == "demo--dan-1"
    assert single.line == line_no(GOOD, "id: dan-1")
    assert module.minutes == 4  # default: one minute per question
    assert module.type_counts() == {"单选": 1, "多选": 1, "判断": 1, "填空": 1}


def test_fingerprint_changes_with_the_question_not_with_its_position(tmp_path):
    first = load_module(write(tmp_path, GOOD)).question("dan-1")
    moved = GOOD.replace("  - id: dan-1", "  - id: zz-0\n    type: 判断\n    stem: 新题。\n    answer: 正确\n"
                         "    explanation: 新。\n    source: {page: huiqian/index.md}\n  - id: dan-1")
    assert load_module(write(tmp_path, moved)).question("dan-1").fingerprint == first.fingerprint
    edited = GOOD.replace("answer: 乙", "answer: 丙")
    assert load_module(write(tmp_path, edited)).question("dan-1").fingerprint != first.fingerprint


def test_fill_in_answers_compare_folded():
    assert normalize_answer(" ６０ ") == normalize_answer("60")
    assert normalize_answer("六十 日") == "六十日"
    assert normalize_answer("ＡＢ") == "ab"


def test_yaml_syntax_error_has_line(tmp_path):
    text = GOOD.replace("    stem: 单选题干？", "    stem: [单选题干？")
    (problem,) = problems_of(write(tmp_path, text))
    assert "YAML 格式错误" in problem
    line = int(re.search(r"demo\.yml:(\d+)", problem).group(1))
    assert line_no(text, "[单选题干") <= line <= line_no(text, "[单选题干") + 2


@pytest.mark.parametrize(
    "old, new, fragment, expected",
    [
        ("    answer: 乙\n", "    answer: 乙\n    hint: 多余\n", "hint: 多余", "不认识的键「hint」"),
        ("title: 示例模块\n", "title: 示例模块\ncolour: red\n", "colour: red", "不认识的键「colour」"),
        ("    answer: 乙\n", "    answer: [甲, 乙]\n", "answer: [甲, 乙]", "单选题应当恰好有一个正确答案，这里有 2 个"),
        ("    answer: 错误\n", "    answer: [正确, 错误]\n", "answer: [正确, 错误]", "判断题应当恰好有一个答案"),
        ("    answer: 错误\n", "    answer: 也许\n", "answer: 也许", "判断题应当恰好有一个答案"),
        ("    answer: 乙\n", "    answer: 戊\n", "answer: 戊", "答案「戊」不在选项中"),
        ("    answer: [甲, 丁]\n", "    answer: [甲]\n", "answer: [甲]", "多选题至少要有两个正确答案"),
        ("    answer: [六十, 60, 六十日]\n", "", "id: tian-1", "填空题没有答案"),
        ("    explanation: 因为乙。\n", "    explanation: ''\n", "explanation: ''", "解析是空的"),
        ("    explanation: 因为乙。\n", "", "id: dan-1", "没有解析"),
        ("    source: {law: 《行政处罚法》第九条}\n", "", "id: dan-1", "没有注明出处"),
        ("    stem: 期限为____日。\n", "    stem: 期限为日。\n", "stem: 期限为日", "恰好有一个空"),
        ("    type: 单选\n", "    type: 问答\n", "type: 问答", "题型「问答」不认识"),
        ("track: 执法培训\n", "track: 其他\n", "track: 其他", "栏目（track）「其他」不认识"),
        ("  - id: duo-1\n", "  - id: dan-1\n", "id: dan-1\n    type: 多选", "题目编号「dan-1」重复"),
        ("id: demo\n", "id: other\n", "id: other", "与文件名「demo」不一致"),
        ("    options: [甲, 乙, 丙]\n", "    options: [甲, 甲, 丙]\n", "options: [甲, 甲, 丙]", "选项「甲」重复"),
        ("    source: {page: huiqian/index.md}\n", "    source: {page: http://example.com/}\n", "page: http", "docs/ 下的 .md 文件路径"),
    ],
)
def test_each_problem_names_file_and_line(tmp_path, old, new, fragment, expected):
    text = replace_line(GOOD, old, new)
    problems = problems_of(write(tmp_path, text))
    matching = [p for p in problems if expected in p]
    assert matching, problems
    if "\n" in fragment:  # the duplicate id: the second occurrence
        first, second = fragment.split("\n")
        lines = [n for n, line in enumerate(text.splitlines(), 1) if first in line]
        want = lines[-1]
    else:
        want = line_no(text, fragment)
    assert any(f"demo.yml:{want}:" in p or f"demo.yml:{want}" in p.split("：")[0] for p in matching), (want, matching)


def test_all_problems_of_a_file_at_once(tmp_path):
    text = GOOD.replace("    answer: 乙\n", "    answer: 戊\n").replace("    answer: 错误\n", "    answer: 也许\n")
    text = text.replace("    explanation: 因为六十。\n", "")
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 3, problems


def test_a_yaml_list_instead_of_a_module(tmp_path):
    (problem,) = problems_of(write(tmp_path, "- a\n- b\n"))
    assert "映射" in problem and "demo.yml:1" in problem


def test_load_modules_collects_every_file(tmp_path):
    write(tmp_path, GOOD)
    write(tmp_path, GOOD.replace("id: demo", "id: two"), "two.yml")
    write(tmp_path, GOOD.replace("    answer: 乙\n", "    answer: 戊\n").replace("id: demo", "id: bad"), "bad.yml")
    write(tmp_path, "id: [\n", "broken.yml")
    with pytest.raises(InputError) as info:
        load_modules(tmp_path, base=tmp_path)
    shown = [p.location() for p in info.value.problems]
    assert any(s.startswith("bad.yml:") for s in shown) and any(s.startswith("broken.yml") for s in shown)
    (tmp_path / "bad.yml").unlink()
    (tmp_path / "broken.yml").unlink()
    assert list(load_modules(tmp_path)) == ["demo", "two"]


def test_the_project_modules_meet_the_content_brief():
    modules = load_modules(PROJECT_ROOT / "quizzes")
    assert {"xzcf-basics", "xzfy-2023", "shiyi-jianchi"} <= set(modules)
    for module in modules.values():
        # Study modules have a real bank; a case's module asks a few questions about that case.
        assert len(module.questions) >= (3 if module.track == "典型案例" else 10), module.id
        for q in module.questions:
            assert q.explanation and (q.source.laws or q.source.page), q.key
