"""Export for the training platform: QTI 2.1, Moodle XML and GIFT parsed back and checked."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

from fazhi.quiz_check import load_project
from fazhi.quiz_export import to_gift, to_moodle_xml, to_qti21
from fazhi.quizzes import BLANK_RE
from fazhi.site_build import PROJECT_ROOT

MODULES = load_project(PROJECT_ROOT).modules
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def text_of(element) -> str:
    return "".join(element.itertext())


@pytest.mark.parametrize("module_id", sorted(MODULES))
def test_qti21_package(module_id):
    module = MODULES[module_id]
    package = zipfile.ZipFile(io.BytesIO(to_qti21(module)))
    names = package.namelist()
    assert "imsmanifest.xml" in names and "assessment.xml" in names
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    items = [r for r in manifest.iter("{http://www.imsglobal.org/xsd/imscp_v1p1}resource") if r.get("type") == "imsqti_item_xmlv2p1"]
    assert len(items) == len(module.questions)
    assert module.title in package.read("imsmanifest.xml").decode("utf-8")
    for q in module.questions:
        item = ET.fromstring(package.read(f"items/item-{q.key}.xml"))
        body = text_of(item.find(f"{QTI}itemBody"))
        assert BLANK_RE.split(q.stem)[0][:15] in body
        feedback = text_of(item.find(f"{QTI}modalFeedback"))
        assert q.explanation[:15] in feedback
        if q.kind == "fill":
            entries = [e.get("mapKey") for e in item.iter(f"{QTI}mapEntry")]
            assert entries == list(q.answers)
            matched = [text_of(b) for b in item.iter(f"{QTI}baseValue") if b.get("baseType") == "string"]
            assert matched == list(q.answers)
            assert item.find(f".//{QTI}textEntryInteraction") is not None
        else:
            choices = {c.get("identifier"): text_of(c) for c in item.iter(f"{QTI}simpleChoice")}
            assert list(choices.values()) == list(q.options)
            correct = [text_of(v) for v in item.find(f"{QTI}responseDeclaration").iter(f"{QTI}value")]
            assert {choices[c] for c in correct} == set(q.answers)
            cardinality = item.find(f"{QTI}responseDeclaration").get("cardinality")
            assert cardinality == ("multiple" if q.kind == "multiple" else "single")


def test_moodle_xml():
    modules = list(MODULES.values())
    root = ET.fromstring(to_moodle_xml(modules).encode("utf-8"))
    questions = root.findall("question")
    categories = [q for q in questions if q.get("type") == "category"]
    assert len(categories) == len(modules)
    assert [text_of(c.find("category")).rsplit("/", 1)[-1] for c in categories] == [m.title for m in modules]
    real = [q for q in questions if q.get("type") != "category"]
    all_questions = [q for m in modules for q in m.questions]
    assert len(real) == len(all_questions)
    kinds = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "fill": "shortanswer"}
    for element, q in zip(real, all_questions):
        assert element.get("type") == kinds[q.kind]
        assert text_of(element.find("name")) == q.key
        assert BLANK_RE.split(q.stem)[0][:15] in text_of(element.find("questiontext"))
        assert q.explanation[:15] in text_of(element.find("generalfeedback"))
        answers = [(text_of(a), float(a.get("fraction"))) for a in element.findall("answer")]
        if q.kind == "truefalse":
            assert dict(answers)["true" if q.answers[0] == "正确" else "false"] == 100
        elif q.kind == "fill":
            assert answers == [(a, 100.0) for a in q.answers]
        else:
            right = {t for t, f in answers if f > 0}
            assert right == set(q.answers)
            assert abs(sum(f for _t, f in answers if f > 0) - 100) < 0.01
            assert text_of(element.find("single")) == ("true" if q.kind == "single" else "false")


def test_gift():
    module = MODULES["xzcf-basics"]
    text = to_gift([module])
    assert f"$CATEGORY: $course$/top/法治政府建设学习培训平台/{module.title}" in text
    blocks = re.findall(r"^::(.+?)::(.*?)\{(.*?)\}\s*$", text, flags=re.M | re.S)
    assert [b[0] for b in blocks] == [q.key for q in module.questions]
    for (_key, stem, answers), q in zip(blocks, module.questions):
        assert BLANK_RE.split(q.stem)[0][:10].replace(":", "\\:") in stem
        body, _, feedback = answers.partition("####")
        assert q.explanation[:10] in feedback
        if q.kind == "truefalse":
            assert body.strip() == ("T" if q.answers[0] == "正确" else "F")
        elif q.kind == "fill":
            assert re.findall(r"=(\S+)", body) == list(q.answers)
        elif q.kind == "single":
            assert re.findall(r"^\t=(.+)$", body, flags=re.M) == list(q.answers)
        else:
            right = [o for f, o in re.findall(r"~%([\d.]+)%(.+)", body)]
            assert set(right) == set(q.answers)


def run(*args):
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "export_quizzes.py"), *args],
        capture_output=True,
        text=True,
        env={"PYTHONUTF8": "1", "PATH": "/usr/bin:/bin"},
    )


def test_command_writes_every_format(tmp_path):
    proc = run("--out", str(tmp_path), "xzcf-basics")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "xzcf-basics.gift.txt",
        "xzcf-basics.moodle.xml",
        "xzcf-basics.qti21.zip",
    ]
    assert "已导出 1 个测验模块" in proc.stdout


def test_command_exports_an_assignment(tmp_path):
    proc = run("--out", str(tmp_path), "--format", "gift", "--assignment", "2026-12-xzcf-xzfy")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xzcf-basics.gift.txt", "xzfy-2023.gift.txt"]


def test_command_rejects_unknown_names(tmp_path):
    proc = run("--out", str(tmp_path), "no-such-module", "--assignment", "nope")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "没有这个测验模块" in proc.stderr and "没有编号为「nope」的测验任务" in proc.stderr
    assert not any(tmp_path.iterdir())
