"""The shared YAML helper: values with line numbers, problems with file and line."""

import pytest

from fazhi.errors import InputError
from fazhi.yamlfile import YamlList, YamlMap, check_keys, line_of, load_yaml_file, load_yaml_text


def test_lines_of_keys_values_and_items():
    data = load_yaml_text("a: 1\nb:\n  - x\n  - y\nc:\n  d: 2\n", "f.yml")
    assert isinstance(data, YamlMap) and isinstance(data["b"], YamlList)
    assert data.key_lines == {"a": 1, "b": 2, "c": 5}
    assert line_of(data, "a") == 1
    assert line_of(data["b"], 1) == 4
    assert line_of(data["c"], "d") == 6


def test_syntax_error_has_line():
    with pytest.raises(InputError) as info:
        load_yaml_text("a: 1\nb: [1, 2\nc: 3\n", "bad.yml")
    (problem,) = info.value.problems
    assert problem.path == "bad.yml" and problem.line is not None and problem.line >= 2
    assert "YAML 格式错误" in problem.message


def test_duplicate_keys_are_reported_with_both_lines():
    with pytest.raises(InputError) as info:
        load_yaml_text("a: 1\nb: 2\na: 3\n", "dup.yml")
    (problem,) = info.value.problems
    assert problem.line == 3 and "第 1 行" in problem.message


def test_file_problems(tmp_path):
    with pytest.raises(InputError) as info:
        load_yaml_file(tmp_path / "missing.yml")
    assert "不存在" in info.value.problems[0].message
    latin = tmp_path / "latin.yml"
    latin.write_bytes("a: 测试\n".encode("gb18030"))
    with pytest.raises(InputError) as info:
        load_yaml_file(latin)
    assert "UTF-8" in info.value.problems[0].message
    bom = tmp_path / "bom.yml"
    bom.write_bytes("a: 测试\n".encode("utf-8-sig"))
    assert load_yaml_file(bom) == {"a": "测试"}


def test_check_keys_reports_unknown_and_missing_with_lines():
    data = load_yaml_text("name: x\nextra: 1\n", "k.yml")
    problems = check_keys(data, "k.yml", allowed=["name", "id"], required=["id"])
    messages = {p.message: p.line for p in problems}
    assert messages["不认识的键「extra」"] == 2
    assert any("缺少必填的键「id」" in m for m in messages)
