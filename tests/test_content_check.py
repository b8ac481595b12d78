"""The content checker (fazhi.content): every problem of every page type, with file and line.

The fixtures (tests/fixtures/content/project/) hold one valid page of each
type; each test copies them, breaks one thing, and checks that exactly that is
reported, at the right file and line. The real project and the page templates
are checked too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.content import check_content
from fazhi.content.model import KEYS, SECTIONS
from fazhi.content.pages import parse_page
from fazhi.quiz_check import load_project
from fazhi.site_build import PROJECT_ROOT
from support.content_site import FIXTURE, copy_fixture

FILES = {
    "huiqian-kit": "docs/huiqian/fixture-kit.md",
    "huiqian-plan": "docs/huiqian/fixture-plan.md",
    "zhifa-module": "docs/zhifa/fixture-module/index.md",
    "zhifa-online": "docs/zhifa/fixture-module/online.md",
    "zhifa-visit": "docs/zhifa/fixture-module/visit.md",
    "zhifa-lecture": "docs/zhifa/fixture-module/lecture.md",
    "case": "docs/anli/fixture-case.md",
}
KIT, PLAN, MODULE = FILES["huiqian-kit"], FILES["huiqian-plan"], FILES["zhifa-module"]
ONLINE, VISIT, LECTURE, CASE = FILES["zhifa-online"], FILES["zhifa-visit"], FILES["zhifa-lecture"], FILES["case"]
PUBLIC = "docs/anli/fixture-public.md"


@pytest.fixture()
def root(tmp_path) -> Path:
    return copy_fixture(tmp_path / "project")


def problems(root: Path) -> list:
    return check_content(root).problems


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(root: Path, rel: str, start: str) -> int:
    """1-based number of the first line of ``rel`` that starts with ``start``."""
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(start):
            return number
    raise AssertionError(f"no line starting with {start!r} in {rel}")


def only(found: list, path: str, line: int, *words: str):
    """Exactly one problem, at ``path``:``line``, whose message holds every word."""
    shown = [str(p) for p in found]
    assert len(found) == 1, shown
    problem = found[0]
    assert (problem.path, problem.line) == (path, line), shown
    for word in words:
        assert word in problem.message, shown
    return problem


def has(found: list, path: str, line: int, *words: str):
    """One of the problems is at ``path``:``line`` and its message holds every word."""
    for problem in found:
        if problem.path == path and problem.line == line and all(w in problem.message for w in words):
            return problem
    raise AssertionError(f"no problem at {path}:{line} with {words}: {[str(p) for p in found]}")


# --------------------------------------------------------------------------
# Valid content
# --------------------------------------------------------------------------


def test_fixture_pages_are_valid_and_a_missing_kit_is_only_a_note():
    site = check_content(FIXTURE)
    assert site.problems == []
    assert site.counts() == {t: (2 if t == "case" else 1) for t in FILES}
    assert site.ordinary_count == 1  # docs/anli/ordinary.md has no type
    (note,) = site.notes
    assert (note.path, note.line) == (PLAN, 14)
    assert "fixture-missing" in note.message and "材料包编写中" in note.message


def test_the_real_content_pages_pass_the_check():
    site = check_content(PROJECT_ROOT)
    assert [str(p) for p in site.problems] == []


def test_pages_without_type_and_templates_are_not_checked(root):
    (root / "docs" / "guide" / "templates").mkdir(parents=True)
    (root / "docs" / "guide" / "templates" / "case.md").write_text("---\ntype: case\n---\n\n{{ quiz no-such-module }}\n", encoding="utf-8")
    (root / "docs" / "misc.md").write_text("---\ntitle: 随便\nid: 不合规\n---\n\n# 随便\n", encoding="utf-8")
    (root / "docs" / "plain.md").write_text("# 没有前置信息\n", encoding="utf-8")
    site = check_content(root)
    assert site.problems == []
    assert site.ordinary_count == 3
    # The templates' embed lines are examples, not embeds of the site (they are not built).
    assert all(not e.page.startswith("guide/templates/") for e in load_project(root).embeds)


def test_front_matter_lines_and_sections_outside_code_fences():
    page = parse_page("---\ntype: case\nid: x\n---\n\n# T\n\n```\n## 不是小节\n```\n\n## 基本案情 {#jiben}\n\n正文\n", "anli/x.md", "docs/anli/x.md")
    assert page.meta.key_lines == {"type": 2, "id": 3}
    assert [(s.title, s.line, s.end) for s in page.sections] == [("基本案情", 12, 14)]


# --------------------------------------------------------------------------
# Each missing field and each missing section: file and line
# --------------------------------------------------------------------------


def _drop_key(text: str, key: str) -> str:
    """Blank out ``key:`` and its indented continuation lines (line numbers kept)."""
    lines = text.split("\n")
    out, dropping = [], False
    for line in lines:
        if re.match(rf"^{re.escape(key)}\s*:", line):
            dropping = True
            out.append("#")
            continue
        if dropping and (line.startswith((" ", "-")) and line.strip() != "---"):
            out.append("#")
            continue
        dropping = False
        out.append(line)
    return "\n".join(out)


FIELD_CASES = [(t, key) for t, (required, _optional) in KEYS.items() for key in required if key != "type"]


@pytest.mark.parametrize("page_type,key", FIELD_CASES, ids=[f"{t}-{k}" for t, k in FIELD_CASES])
def test_each_missing_field_is_reported_at_the_front_matter(root, page_type, key):
    path = root / FILES[page_type]
    path.write_text(_drop_key(path.read_text(encoding="utf-8"), key), encoding="utf-8")
    problem = only(problems(root), FILES[page_type], 2, f"缺少必填的键「{key}」")
    assert "docs/" in str(problem)


SECTION_CASES = [(t, title) for t, titles in SECTIONS.items() for title in titles]


@pytest.mark.parametrize("page_type,title", SECTION_CASES, ids=[f"{t}-{s}" for t, s in SECTION_CASES])
def test_each_missing_section_is_reported_where_it_belongs(root, page_type, title):
    rel = FILES[page_type]
    text = (root / rel).read_text(encoding="utf-8")
    required = SECTIONS[page_type]
    later = [line_of(root, rel, f"## {t}") for t in required[required.index(title) + 1 :]]
    edit(root, rel, f"\n## {title}\n", "\n本节标题已删除。\n")
    expected = min(later) if later else len(text.splitlines())
    problem = only(problems(root), rel, expected, f"缺少必需的小节「## {title}」")
    assert title in problem.hint


# --------------------------------------------------------------------------
# Fields: unknown, ill-typed, out of range, wrong id, vocabularies
# --------------------------------------------------------------------------


def test_unknown_key_and_unknown_type(root):
    edit(root, KIT, "minutes: 20\n", "minutes: 20\ncolour: 红\n")
    only(problems(root), KIT, 7, "不认识的键「colour」")
    edit(root, CASE, "type: case\n", "type: anli\n")
    has(problems(root), CASE, 2, "不认识的页面类型「anli」")


@pytest.mark.parametrize(
    "value,words",
    [("二十", ("「minutes」应当是数字",)), ("90", ("不大于 60",)), ("20.5", ("应当是整数",)), ("[20]", ("应当是数字",))],
)
def test_minutes_must_be_a_whole_number_of_minutes(root, value, words):
    edit(root, KIT, "minutes: 20\n", f"minutes: {value}\n")
    only(problems(root), KIT, 6, *words)


def test_id_must_equal_the_file_or_folder_name(root):
    edit(root, KIT, "id: fixture-kit\n", "id: another-kit\n")
    problem = only(problems(root), KIT, 3, "材料包编号「another-kit」与文件名「fixture-kit」不一致")
    assert "fixture-kit" in problem.hint
    edit(root, MODULE, "id: fixture-module\n", "id: Fixture Module\n")
    has(problems(root), MODULE, 3, "不是合规的编号")


def test_objectives_count_and_list_items(root):
    edit(root, KIT, "objectives: [能说出测试目标一, 能说明测试目标二]", "objectives: [能说出测试目标一]")
    only(problems(root), KIT, 9, "「objectives」（学习目标）应当有 2 至 5 条，这里有 1 条")
    edit(root, MODULE, "objectives: [能说出测试模块目标一, 能判断测试模块目标二]", "objectives: 能说出")
    has(problems(root), MODULE, 7, "应当有 2 至 6 条")


def test_module_hours_are_three_positive_numbers(root):
    edit(root, MODULE, "hours: {云平台: 2, 现场观摩: 1.5, 专题讲座: 3}", "hours: {云平台: 2, 现场观摩: 0, 讲座: 3}")
    found = problems(root)
    has(found, MODULE, 6, "「现场观摩」的学时应当大于 0")
    has(found, MODULE, 6, "不认识的键「讲座」")
    has(found, MODULE, 6, "缺少必填的键「专题讲座」")


def test_case_field_and_types_outside_the_vocabulary(root):
    edit(root, CASE, "field: 市场监管\n", "field: 税务\n")
    edit(root, CASE, "case_types: [轻微违法免罚, 首违慎罚]", "case_types: [轻微违法免罚, 首违不罚, 轻微违法免罚]")
    found = problems(root)
    problem = has(found, CASE, 5, "「field」的值「税务」不在规定的范围内")
    assert "市场监管" in problem.hint and "综合" in problem.hint
    has(found, CASE, 6, "「case_types」的值「首违不罚」不在规定的范围内")
    has(found, CASE, 6, "案例类型「轻微违法免罚」重复")
    assert len(found) == 3


def test_published_case_needs_publisher_date_and_source(root):
    edit(root, PUBLIC, "publisher: 测试发布机关\n", "")
    edit(root, PUBLIC, "source: 测试出处文件\n", "")
    found = problems(root)
    assert {p.message for p in found} == {"公开案例缺少「publisher」", "公开案例缺少「source」"}
    assert {(p.path, p.line) for p in found} == {(PUBLIC, 7)}


def test_teaching_case_has_no_publisher(root):
    edit(root, CASE, "origin: 教学案例\n", "origin: 教学案例\npublisher: 某局\n")
    only(problems(root), CASE, 8, "教学案例不写「publisher」")
    edit(root, CASE, "origin: 教学案例\n", "origin: 真实案例\n")
    has(problems(root), CASE, 7, "「origin」的值「真实案例」不在规定的范围内")


def test_page_in_the_wrong_folder(root):
    shutil.move(root / KIT, root / "docs" / "anli" / "fixture-kit.md")
    edit(root, PLAN, "    kit: fixture-kit\n", "")
    found = problems(root)
    has(found, "docs/anli/fixture-kit.md", 2, "会前学法材料包应当放在 docs/huiqian/fixture-kit.md")


def test_broken_front_matter_of_a_typed_page(root):
    edit(root, CASE, "field: 市场监管\n", "field: [市场监管\n")
    (problem,) = problems(root)
    assert problem.path == CASE and problem.line is not None and "YAML 格式错误" in problem.message


# --------------------------------------------------------------------------
# Sections: order, duplicates, near misses, contents
# --------------------------------------------------------------------------


def test_sections_out_of_order(root):
    edit(root, KIT, "## 学习要点\n", "## 讨论题-临时\n")
    edit(root, KIT, "## 讨论题\n", "## 学习要点\n")
    edit(root, KIT, "## 讨论题-临时\n", "## 讨论题\n")
    only(problems(root), KIT, line_of(root, KIT, "## 学习要点"), "「## 学习要点」的位置不对：应当在「## 讨论题」之前")


def test_duplicated_section(root):
    edit(root, CASE, "## 评析与启示\n", "## 评析与启示\n\n正文。\n\n## 评析与启示\n")
    lines = [n for n, l in enumerate((root / CASE).read_text(encoding="utf-8").splitlines(), 1) if l == "## 评析与启示"]
    only(problems(root), CASE, lines[1], "小节「## 评析与启示」出现了两次", f"第 {lines[0]} 行")


def test_a_heading_that_nearly_matches_is_named_in_the_hint(root):
    edit(root, KIT, "## 阅读材料\n", "## 阅读材料（节选）\n")
    problem = only(problems(root), KIT, line_of(root, KIT, "## 阅读材料（节选）"), "缺少必需的小节「## 阅读材料」")
    assert "「## 阅读材料（节选）」要写成「## 阅读材料」" in problem.hint
    edit(root, CASE, "## 争议焦点\n", "## 争议的焦点\n")
    has(problems(root), CASE, line_of(root, CASE, "## 争议的焦点"), "缺少必需的小节「## 争议焦点」")


def test_kit_readings_must_be_quoted_in_full_as_block_quotes(root):
    edit(root, KIT, "> 《行政处罚法》第三十九条：\n> 行政处罚", "《行政处罚法》第三十九条规定，行政处罚")
    problem = only(problems(root), KIT, 8, "阅读材料「《行政处罚法》第三十九条」没有在「## 阅读材料」里以块引用全文引出")
    assert f"第 {line_of(root, KIT, '## 阅读材料')} 行" in problem.hint


def test_kit_reading_of_an_article_is_not_satisfied_by_one_paragraph(root):
    edit(root, KIT, "> 《行政处罚法》第三十三条：\n", "> 《行政处罚法》第三十三条第一款：\n")
    only(problems(root), KIT, 8, "阅读材料「《行政处罚法》第三十三条」没有")


def test_unknown_quiz_module(root):
    edit(root, KIT, "quiz: fixture-quiz\n", "quiz: no-such-quiz\n")
    problem = only(problems(root), KIT, 10, "测验模块「no-such-quiz」不存在")
    assert "fixture-quiz" in problem.hint


def test_quiz_module_must_be_embedded_in_its_section(root):
    edit(root, KIT, "{{ quiz fixture-quiz: q1, q2 }}\n", "")
    problem = only(problems(root), KIT, line_of(root, KIT, "## 小测验"), "「## 小测验」里没有嵌入测验模块「fixture-quiz」")
    assert "{{ quiz fixture-quiz }}" in problem.hint
    edit(root, CASE, "\n## 思考题\n\n{{ quiz fixture-quiz: q1 }}\n", "\n{{ quiz fixture-quiz: q1 }}\n\n## 思考题\n\n待补充。\n")
    has(problems(root), CASE, line_of(root, CASE, "## 思考题"), "「## 思考题」里没有嵌入")
    edit(root, ONLINE, "{{ quiz fixture-quiz }}\n", "{{ quiz no-such-module }}\n")
    has(problems(root), ONLINE, line_of(root, ONLINE, "## 测验"), "「## 测验」里没有嵌入测验模块「fixture-quiz」")


def test_visit_checklist_needs_a_task_list_and_the_form_a_table(root):
    edit(root, VISIT, "- [ ] 检查项甲\n- [ ] 检查项乙\n", "- 检查项甲\n- 检查项乙\n")
    only(problems(root), VISIT, line_of(root, VISIT, "## 检查清单"), "「## 检查清单」里没有任务列表")
    text = (root / VISIT).read_text(encoding="utf-8")
    table = "\n".join(l for l in text.splitlines() if l.startswith("|"))
    edit(root, VISIT, table, "表格稍后补上。")
    has(problems(root), VISIT, line_of(root, VISIT, "## 观摩记录表"), "「## 观摩记录表」里没有表格")


def test_record_form_needs_blank_cells_and_fits_one_page(root):
    edit(root, VISIT, "| 记录末行 |  |\n", "| 记录末行 |  |\n| 多出一行 |  |\n")
    header = line_of(root, VISIT, "| 项目 |")
    only(problems(root), VISIT, header, "观摩记录表有 21 行，打印时一页 A4 放不下（最多 20 行）")
    text = (root / VISIT).read_text(encoding="utf-8")
    filled = re.sub(r"\|  \|$", "| 已填 |", re.sub(r"^\|  \|", "| 项 |", text, flags=re.M), flags=re.M)
    (root / VISIT).write_text(filled, encoding="utf-8")
    has(problems(root), VISIT, header, "观摩记录表没有留空的格子供手写")


# --------------------------------------------------------------------------
# Across files: plans, modules and parts
# --------------------------------------------------------------------------


def test_plan_needs_twelve_months_once_each(root):
    text = (root / PLAN).read_text(encoding="utf-8")
    text = text.replace("  - month: 12\n    topic: 十二月测试主题\n", "")
    (root / PLAN).write_text(text, encoding="utf-8")
    edit(root, PLAN, "  - month: 11\n", "  - month: 10\n")
    found = problems(root)
    has(found, PLAN, line_of(root, PLAN, "sessions:"), "全年计划应当恰好有 12 期（1 至 12 月各一期），这里有 11 期")
    has(found, PLAN, line_of(root, PLAN, "  - month: 10") + 2, "10 月在计划里出现了两次")
    edit(root, PLAN, "  - month: 3\n", "  - month: 13\n")
    has(problems(root), PLAN, line_of(root, PLAN, "  - month: 13"), "sessions 第 3 项：「month」应当不小于 1、不大于 12，这里是 13")


def test_plan_with_twelve_sessions_but_a_missing_month(root):
    edit(root, PLAN, "  - month: 11\n", "  - month: 10\n")
    found = problems(root)
    has(found, PLAN, line_of(root, PLAN, "sessions:"), "计划缺少这些月份：11 月")


def test_plan_kit_that_names_a_page_of_another_type(root):
    edit(root, PLAN, "    kit: fixture-missing\n", "    kit: fixture-case\n")
    problem = only(problems(root), PLAN, 14, "「fixture-case」是典型案例 docs/anli/fixture-case.md 的编号，不是会前学法材料包")
    assert "huiqian-kit" not in problem.message
    edit(root, PLAN, "    kit: fixture-case\n", "    kit: ordinary\n")
    shutil.copy(root / "docs" / "anli" / "ordinary.md", root / "docs" / "huiqian" / "ordinary.md")
    only(problems(root), PLAN, 14, "docs/huiqian/ordinary.md 是普通页面（没有 type），不是会前学法材料包")


def test_part_of_an_unknown_module_and_hours_that_differ(root):
    edit(root, ONLINE, "hours: 2\n", "hours: 3\n")
    problem = only(problems(root), ONLINE, 5, "本页写的学时（3）与模块首页中云平台的学时（2）不一致")
    assert "docs/zhifa/fixture-module/index.md" in problem.hint
    edit(root, ONLINE, "hours: 3\n", "hours: 2\n")
    edit(root, MODULE, "type: zhifa-module\n", "title2: x\n")  # the module page loses its type
    found = problems(root)
    for rel in (ONLINE, VISIT, LECTURE):
        has(found, rel, 3, "模块「fixture-module」不存在")


def test_part_names_another_module(root):
    edit(root, LECTURE, "module: fixture-module\n", "module: other-module\n")
    only(problems(root), LECTURE, 3, "「module」写的是「other-module」，但本页在模块文件夹 docs/zhifa/fixture-module/ 中")


def test_module_missing_a_part_and_part_without_type(root):
    (root / VISIT).unlink()
    only(problems(root), MODULE, line_of(root, MODULE, "## 三个环节"), "模块缺少现场观摩页面 docs/zhifa/fixture-module/visit.md")
    (root / VISIT).write_text("---\ntitle: 观摩\n---\n\n# 观摩\n", encoding="utf-8")
    only(problems(root), VISIT, 1, "前置信息要写 type: zhifa-visit")


def test_every_problem_of_a_file_is_reported_at_once(root):
    edit(root, KIT, "minutes: 20\n", "minutes: 二十\n")
    edit(root, KIT, "quiz: fixture-quiz\n", "quiz: nope\n")
    edit(root, KIT, "## 讨论题\n", "## 讨论\n")
    edit(root, CASE, "field: 市场监管\n", "field: 税务\n")
    found = problems(root)
    assert [(p.path, p.line) for p in found] == [
        (CASE, 5),
        (KIT, 6),
        (KIT, 10),
        (KIT, line_of(root, KIT, "## 讨论")),  # the heading meant to be 讨论题
    ]


# --------------------------------------------------------------------------
# The templates, copied into place, pass the check
# --------------------------------------------------------------------------

TEMPLATES = PROJECT_ROOT / "docs" / "guide" / "templates"


def test_there_is_one_template_per_page_type():
    assert sorted(p.stem for p in TEMPLATES.glob("*.md")) == sorted(KEYS)


def test_templates_pass_the_check_when_copied_into_place(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "docs", root / "docs")
    shutil.copytree(PROJECT_ROOT / "quizzes", root / "quizzes")
    placed = {
        "huiqian-kit": "docs/huiqian/muban-kit.md",
        "huiqian-plan": "docs/huiqian/muban-plan.md",
        "zhifa-module": "docs/zhifa/muban-module/index.md",
        "zhifa-online": "docs/zhifa/muban-module/online.md",
        "zhifa-visit": "docs/zhifa/muban-module/visit.md",
        "zhifa-lecture": "docs/zhifa/muban-module/lecture.md",
        "case": "docs/anli/muban-case.md",
    }
    for page_type, rel in placed.items():
        text = (TEMPLATES / f"{page_type}.md").read_text(encoding="utf-8")
        real_id = Path(rel).parent.name if rel.endswith("index.md") else Path(rel).stem
        text = text.replace("id: 新编号", f"id: {real_id}").replace("module: 模块编号", "module: muban-module")
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    site = check_content(root)
    assert [str(p) for p in site.problems if p.path in placed.values()] == []
    assert {site.pages[rel[len("docs/"):]].type for rel in placed.values()} == set(placed)


def test_a_template_left_with_its_placeholder_id_is_reported(tmp_path):
    root = copy_fixture(tmp_path / "project")
    shutil.copy(TEMPLATES / "case.md", root / "docs" / "anli" / "new-case.md")
    shutil.copy(PROJECT_ROOT / "quizzes" / "xzcf-basics.yml", root / "quizzes")
    found = [p for p in problems(root) if p.path == "docs/anli/new-case.md"]
    only(found, "docs/anli/new-case.md", 3, "案例编号「新编号」不是合规的编号")


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------

SCRIPT = PROJECT_ROOT / "scripts" / "check_content.py"


def run(*args: str):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, encoding="utf-8")


def test_command_on_valid_content_prints_the_notes_and_a_summary():
    result = run("--root", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"提示：{PLAN}:14: 2 月的材料包「fixture-missing」还没有编写")
    assert lines[-1].startswith("内容页面检查通过：8 个内容页面（会前学法材料包 1、")
    assert "典型案例 2）" in lines[-1] and "另有 1 个普通页面没有 type" in lines[-1]


def test_command_lists_every_problem_and_exits_1(tmp_path):
    root = copy_fixture(tmp_path / "project")
    edit(root, CASE, "field: 市场监管\n", "field: 税务\n")
    edit(root, KIT, "\n## 讨论题\n", "\n讨论题\n")
    result = run("--root", str(root))
    assert result.returncode == 1
    assert f"错误：{CASE}:5: 「field」的值「税务」不在规定的范围内" in result.stdout
    assert f"错误：{KIT}:{line_of(root, KIT, '## 小测验')}: 缺少必需的小节「## 讨论题」" in result.stdout
    assert "共发现 2 处问题" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_command_json(tmp_path):
    root = copy_fixture(tmp_path / "project")
    edit(root, KIT, "minutes: 20\n", "minutes: 2\n")
    result = run("--root", str(root), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["problems"] == [
        {"path": KIT, "line": 6, "message": "「minutes」应当不小于 5、不大于 60，这里是 2", "hint": ""}
    ]
    assert {p["type"] for p in data["pages"]} == set(FILES)
    kit = next(p for p in data["pages"] if p["path"] == KIT)
    assert kit["tags"] == ["测试标签甲", "行政处罚"] and kit["id"] == "fixture-kit"
    assert data["notes"][0]["line"] == 14


def test_command_that_cannot_run_exits_2_without_traceback(tmp_path):
    result = run("--root", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "文件夹不存在" in result.stderr and "Traceback" not in result.stderr
    result = run("--no-such-option")
    assert result.returncode == 2 and "不认识的参数" in result.stderr
