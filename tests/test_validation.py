"""A broken link, a missing anchor or a link to an unknown file fails the build, naming the file."""

from __future__ import annotations

import pytest

from fazhi.site_build import build_site


def add_text(project, rel, text):
    page = project / "docs" / rel
    page.write_text(page.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[培训指南](../guide/trainer.md)", "guide/trainer.md"),
        ("[学时](index.md#不存在的标题)", "不存在的标题"),
        ("[指南](../guide/trainers.md#没有这一节)", "没有这一节"),
        ("[绝对链接](/guide/deploy/)", "/guide/deploy/"),
    ],
    ids=["missing-file", "missing-anchor-same-page", "missing-anchor-other-page", "absolute-link"],
)
def test_broken_link_fails_the_strict_build(project_copy, tmp_path, text, expected):
    add_text(project_copy, "zhifa/index.md", text)
    result = build_site(tmp_path / "out", project=project_copy)
    assert not result.ok
    assert "zhifa/index.md" in result.output
    assert expected in result.output


def test_chinese_anchor_link_validates(project_copy, tmp_path):
    add_text(project_copy, "anli/index.md", "见[学时怎么计算](../zhifa/index.md#学时怎么计算)。")
    result = build_site(tmp_path / "out", project=project_copy)
    assert result.ok, result.output


def test_page_missing_from_navigation_fails_the_build(project_copy, tmp_path):
    (project_copy / "docs" / "zhifa" / "extra.md").write_text("# 未列入导航的页面\n", encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    assert not result.ok
    assert "zhifa/extra.md" in result.output
