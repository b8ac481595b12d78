"""Citations and quotes: parsing, checking against the law database, scanning sources, linking HTML, the report."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.errors import InputError
from fazhi.laws import config as law_config
from fazhi.laws.citations import (
    FAILED,
    UNVERIFIABLE,
    VERIFIED,
    Quote,
    check_citation,
    find_citations,
    inline_quote_after,
    quote_difference,
    quote_matches,
    unit_text,
)
from fazhi.laws.database import LawDatabase, locate_database
from fazhi.laws.linker import link_citations
from fazhi.laws.numerals import to_chinese, to_int
from fazhi.laws.report import check_site
from fazhi.laws.sources import scan_text
from fazhi.site_build import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "laws"


@pytest.fixture(scope="module")
def db():
    database = LawDatabase(locate_database())
    database.add_aliases(law_config.BUILTIN_ALIASES)
    yield database
    database.close()


def refs(text):
    return [(c.name, [r.label() for r in c.refs]) for c in find_citations(text)]


@pytest.mark.parametrize("number", [1, 9, 10, 11, 20, 33, 100, 101, 110, 120, 1254, 1260])
def test_numerals_round_trip(number):
    assert to_int(to_chinese(number)) == number


def test_numerals():
    assert to_chinese(10) == "十" and to_chinese(110) == "一百一十" and to_chinese(101) == "一百零一"
    assert to_int("33") == 33 and to_int("３３") == 33 and to_int("三三") is None and to_int("条") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("依照《中华人民共和国行政处罚法》第三十三条规定", [("中华人民共和国行政处罚法", ["第三十三条"])]),
        ("《行政处罚法》第三十三条第二款", [("行政处罚法", ["第三十三条第二款"])]),
        ("《行政处罚法》第六十四条第一款第（一）项", [("行政处罚法", ["第六十四条第一款第（一）项"])]),
        ("《行政处罚法》第六十四条第(二)项", [("行政处罚法", ["第六十四条第（二）项"])]),
        ("《行政处罚法》第六十四条第三项", [("行政处罚法", ["第六十四条第（三）项"])]),
        ("《行政处罚法》第33条第1款", [("行政处罚法", ["第三十三条第一款"])]),
        ("《刑法》第一百二十条之一", [("刑法", ["第一百二十条之一"])]),
        ("《行政处罚法》第三十九条、第四十七条的规定", [("行政处罚法", ["第三十九条", "第四十七条"])]),
        ("《行政处罚法》第三十三条第一款、第三款", [("行政处罚法", ["第三十三条第一款", "第三十三条第三款"])]),
        ("《行政诉讼法》第三条至第五条", [("行政诉讼法", ["第三条", "第五条"])]),
        ("《行政处罚法》第三十三条和《行政许可法》第四条", [("行政处罚法", ["第三十三条"]), ("行政许可法", ["第四条"])]),
        ("《行政处罚法》第三十三条及其他规定", [("行政处罚法", ["第三十三条"])]),
        ("《习近平法治思想学习纲要》第三章", [("习近平法治思想学习纲要", [])]),
        ("《行政处罚法》\n第三十三条", [("行政处罚法", ["第三十三条"])]),
    ],
)
def test_citation_forms(text, expected):
    assert refs(text) == expected


def test_later_bare_article_is_not_a_citation():
    (citation,) = find_citations("《行政处罚法》第三十三条规定了不予处罚，第三十四条规定了裁量基准。")
    assert [r.label() for r in citation.refs] == ["第三十三条"]


def test_earlier_versions_are_not_checked_against_the_current_text(db):
    for text in ("原《行政复议法》第九条", "修订前的《行政复议法》第九条", "《行政复议法》（2017年修正）第九条"):
        (citation,) = find_citations(text)
        assert citation.historical
        (check,) = check_citation(citation, db)
        assert check.status == UNVERIFIABLE and "以前的版本" in check.reason


def check(db, text):
    (citation,) = [c for c in find_citations(text) if c.refs]
    return check_citation(citation, db)


def test_existing_articles_paragraphs_and_items_are_verified(db):
    for text in (
        "《中华人民共和国行政处罚法》第三十三条", "《行政处罚法》第八十六条", "《行政处罚法》第三十三条第三款",
        "《行政处罚法》第六十四条第一款第（八）项", "《宪法》第五条", "《政务处分法》第七条", "《刑法》第一百二十条之一",
    ):
        assert [c.status for c in check(db, text)] == [VERIFIED], text


@pytest.mark.parametrize(
    "text,message",
    [
        ("《行政处罚法》第九十九条", "《行政处罚法》没有第九十九条（现行的 2021-01-22 版共 86 条，最后一条是第八十六条）"),
        ("《行政处罚法》第三十三条第四款", "第三十三条只有 3 款，没有第四款"),
        ("《行政处罚法》第六十四条第一款第（九）项", "第一款只有 8 项，没有第（九）项"),
        ("《行政处罚法》第三十九条第（一）项", "第三十九条没有分项"),
        ("《行政处罚法》第三十三条之一", "没有第三十三条之一"),
    ],
)
def test_missing_articles_paragraphs_and_items_fail(db, text, message):
    (result,) = check(db, text)
    assert result.status == FAILED
    assert message in result.reason
    assert result.hint


def test_one_wrong_article_in_a_list(db):
    assert [c.status for c in check(db, "《行政处罚法》第三十九条、第九十九条")] == [VERIFIED, FAILED]


def test_laws_the_database_lacks_are_unverifiable(db):
    (regulation,) = check(db, "《政府信息公开条例》第十条")
    assert regulation.status == UNVERIFIABLE and regulation.group == "《政府信息公开条例》"
    # Exact names only: a regulation implementing a law is not that law.
    (implementing,) = check(db, "《行政复议法实施条例》第二条")
    assert implementing.status == UNVERIFIABLE
    # The database holds 环境保护法 only as an abolished version: nothing current to check against.
    (abolished,) = check(db, "《环境保护法》第二条")
    assert abolished.status == UNVERIFIABLE and "非现行版本" in abolished.reason


def test_unit_text_of_paragraph_and_item(db):
    (c,) = check(db, "《行政处罚法》第三十三条第二款")
    assert unit_text(c.article, c.ref).startswith("当事人有证据足以证明没有主观过错的")
    (c,) = check(db, "《行政处罚法》第六十四条第一款第（二）项")
    assert unit_text(c.article, c.ref).startswith("（二）行政机关应当在举行听证的七日前")


ARTICLE_33_1 = "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"


def test_inline_quote_is_an_excerpt():
    text = "《行政处罚法》第三十三条第一款规定：“初次违法且危害后果轻微并及时改正的，可以不予行政处罚。”这里是“可以”。"
    (citation,) = find_citations(text)
    quote = inline_quote_after(text, citation)
    assert quote.text == "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。" and not quote.whole
    assert quote_matches(quote, ARTICLE_33_1)
    assert quote_matches(Quote("违法行为轻微 并及时改正，……可以不予\n行政处罚", False), ARTICLE_33_1)
    assert not quote_matches(Quote("初次违法且危害后果轻微并及时改正的，应当不予行政处罚。", False), ARTICLE_33_1)


def test_no_quote_without_colon_or_规定():
    text = "《行政处罚法》第三十三条是“首违不罚”的依据。"
    (citation,) = find_citations(text)
    assert inline_quote_after(text, citation) is None


def test_block_quote_is_the_whole_text_unless_marked_with_ellipsis():
    assert quote_matches(Quote(f"“{ARTICLE_33_1}”", True), ARTICLE_33_1)
    assert quote_matches(Quote("**违法行为轻微并及时改正**，……可以不予行政处罚。", True), ARTICLE_33_1)
    assert not quote_matches(Quote("违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。", True), ARTICLE_33_1)
    assert quote_matches(Quote("违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。……", True), ARTICLE_33_1)


def test_inner_quotation_marks_may_be_single():
    unit = "本法所称“行政处罚”是指……"
    assert quote_matches(Quote("本法所称‘行政处罚’是指", False), unit)


def test_quote_difference_marks_the_changed_words():
    diff = quote_difference(Quote("初次违法且危害后果轻微并及时改正的，应当不予行政处罚。", False), ARTICLE_33_1)
    assert "【-可以-】【+应当+】" in diff
    diff = quote_difference(Quote("违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。", True), ARTICLE_33_1)
    assert "【-初次违法" in diff


def test_scan_skips_code_and_numbers_lines():
    text = (FIXTURES / "good-citations.md").read_text(encoding="utf-8")
    occurrences = scan_text(text, "docs/x.md")
    written = [(o.line, o.text) for o in occurrences]
    assert (3, "《中华人民共和国行政处罚法》第四十四条") in written
    assert not any("九百" in t for _line, t in written), "fenced code is not scanned"
    assert not scan_text("用 `《行政处罚法》第九百条` 表示", "docs/x.md"), "inline code is not scanned"
    quotes = {o.line: o.quote for o in occurrences if o.quote}
    assert set(quotes) == {9, 11, 14}
    assert not quotes[9].whole and quotes[11].whole and quotes[14].whole
    assert quotes[11].text == "行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。"


def test_blockquote_that_is_prose_is_not_a_quote():
    (occurrence,) = scan_text("> 《行政处罚法》第三十三条规定了两种不予处罚的情形。\n", "docs/x.md")
    assert occurrence.quote is None


def test_yaml_is_scanned_as_text_with_line_numbers():
    occurrences = scan_text((FIXTURES / "bad-quiz.yml").read_text(encoding="utf-8"), "quizzes/x.yml", markdown=False)
    assert [(o.line, o.text) for o in occurrences] == [(10, "《行政处罚法》第三十六条第一款"), (12, "《行政处罚法》第一百零一条")]
    assert occurrences[0].quote.text == "违法行为在二年内未被发现的，不再给予行政处罚"


def url_for(name):
    return {"中华人民共和国行政处罚法": "../laws/xingzheng-chufa-fa/"}.get(name)


def test_linker_links_text_and_leaves_code_links_headings_and_scripts(db):
    html = (
        '<p>依照《行政处罚法》第三十三条第二款、第四十二条，见<a href="x/">《行政处罚法》第九条</a>'
        "和<code>《行政处罚法》第九条</code>。</p>"
        '<h2 id="t">《行政处罚法》第九条</h2><script>if (a<b) { s = "《行政处罚法》第九条"; }</script>'
        '<div class="quiz-question"><p>《行政处罚法》第四十二条规定几人？</p></div><label>《行政处罚法》第九条</label>'
        '<span class="fazhi-nolink">《行政处罚法》第九条</span>'
        "<p>《行政处罚法》第九十九条、《政府信息公开条例》第十条、原《行政处罚法》第九条</p>"
    )
    out = link_citations(html, db, url_for)
    assert out.count("<a ") == 3  # the two new links and the one that was there
    assert '<a class="fazhi-cite fazhi-cite--article" href="../laws/xingzheng-chufa-fa/#a33"' in out
    assert ">《行政处罚法》第三十三条第二款</a>、<a " in out
    assert 'href="../laws/xingzheng-chufa-fa/#a42"' in out and ">第四十二条</a>" in out
    assert 'title="《行政处罚法》第三十三条第二款：当事人有证据足以证明没有主观过错的' in out
    # Everything else is unchanged.
    rest = out.replace(out[out.index("<p>依照"):out.index("，见")], "")
    assert rest.count("fazhi-cite") == 0
    assert html.replace(html[html.index("<p>依照"):html.index("，见")], "") == rest


def test_linker_links_a_mention_to_the_law_page(db):
    out = link_citations("<p>见《行政处罚法》和《中华人民共和国行政处罚法》。</p>", db, url_for)
    assert out.count('href="../laws/xingzheng-chufa-fa/"') == 2


def test_tooltip_keeps_markup_characters_out(db):
    out = link_citations("<p>《行政处罚法》第九条</p>", db, url_for)
    title = out.split('title="')[1].split('"')[0]
    assert "<" not in title and "&lt;" not in title
    assert title.startswith("《行政处罚法》第九条：行政处罚的种类：")


def test_core_laws_missing_from_the_database_are_reported(db):
    docs_dir, _config = law_config.load_project(PROJECT_ROOT)
    config = law_config.from_extra({"law_library": {"core": ["行政处罚法", "优化营商环境条例"], "aliases": {"处罚法": "行政处罚法"}}})
    result = check_site(PROJECT_ROOT, docs_dir, config, db)
    assert result.core_missing == ["优化营商环境条例"]
    assert [e.law.short for e in result.library if e.core] == ["行政处罚法"]
    assert [c.status for c in check(db, "《处罚法》第三十三条")] == [VERIFIED]


def test_page_path_of_a_law_without_a_configured_slug():
    config = law_config.from_extra({"law_library": {"slugs": {"安全生产法": "aqsc"}}})
    assert config.slug_for("安全生产法", "x1") == "aqsc"
    assert config.slug_for("行政处罚法", "x2") == "xingzheng-chufa-fa"
    assert config.slug_for("水法", "3f2a") == "law-3f2a"


def test_config_from_mkdocs_yml():
    docs_dir, config = law_config.load_project(PROJECT_ROOT)
    assert docs_dir == PROJECT_ROOT / "docs"
    assert config.core == law_config.DEFAULT_CORE


def test_bad_library_settings_are_reported():
    with pytest.raises(InputError) as error:
        law_config.from_extra({"law_library": {"core": "宪法", "slugs": {"安全生产法": "安全"}, "colour": 1}})
    text = str(error.value)
    assert "core 应当是法律名称的列表" in text and "不合规" in text and "colour" in text


def test_missing_database_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("FAZHI_LAWS_DB", str(tmp_path / "none.db"))
    with pytest.raises(InputError) as error:
        locate_database()
    assert "FAZHI_LAWS_DB 指向的法律数据库文件不存在" in str(error.value)


def test_core_laws_are_all_in_the_database(db):
    for name in law_config.DEFAULT_CORE:
        law = db.law(name)
        assert law is not None and law.status == "现行有效" and law.articles, name


def test_whole_site_check_passes_and_plans_the_library(db):
    docs_dir, config = law_config.load_project(PROJECT_ROOT)
    result = check_site(PROJECT_ROOT, docs_dir, config, db)
    assert result.problems == [], "\n".join(map(str, result.problems))
    assert result.count(VERIFIED) >= 5
    assert not result.core_missing
    shorts = [e.law.short for e in result.library]
    assert shorts[:10] == law_config.DEFAULT_CORE


def project_with_fixtures(project: Path) -> Path:
    page = project / "docs" / "anli" / "index.md"
    text = page.read_text(encoding="utf-8")
    for name in ("good-citations.md", "bad-article.md", "bad-quote.md", "bad-block-quote.md"):
        text += "\n" + (FIXTURES / name).read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    (project / "quizzes").mkdir(exist_ok=True)
    (project / "quizzes" / "zz-citation-fixture.yml").write_bytes((FIXTURES / "bad-quiz.yml").read_bytes())
    return project


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def run_check(*args, env=None):
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "check_citations.py"), *args],
        capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120,
    )


def test_check_command_reports_the_whole_site():
    proc = run_check()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "找到条文引用" in proc.stdout and "没有错误。" in proc.stdout
    assert "laws/xingzheng-chufa-fa/" in proc.stdout


def test_check_command_lists_failures_and_unverifiable_with_file_and_line(project_copy):
    project = project_with_fixtures(project_copy)
    page = project / "docs" / "anli" / "index.md"
    proc = run_check("--root", str(project))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    assert f"docs/anli/index.md:{line_of(page, '第九十九条')}: 法律引用错误：《行政处罚法》第九十九条" in out
    assert f"docs/anli/index.md:{line_of(page, '应当不予行政处罚')}: 原文引用与《行政处罚法》第三十三条第一款" in out
    assert "【-可以-】【+应当+】" in out
    assert f"docs/anli/index.md:{line_of(page, '> 《行政处罚法》第四十二条')}: 原文引用与《行政处罚法》第四十二条" in out
    assert "quizzes/zz-citation-fixture.yml:12: 法律引用错误：《行政处罚法》第一百零一条" in out
    assert re.search(r"《政府信息公开条例》：\d+ 处", out)  # the site's own citations of it, plus the fixture's
    assert f"docs/anli/index.md:{line_of(page, '政府信息公开条例')}  《政府信息公开条例》第三十三条" in out

    data = json.loads(run_check("--root", str(project), "--json").stdout)
    assert data["summary"]["failed"] == 2 and data["summary"]["quotes_failed"] == 2
    unverifiable = [c for c in data["citations"] if c["status"] == "unverifiable" and c["file"] == "docs/anli/index.md"]
    assert [c["citation"] for c in unverifiable] == ["《政府信息公开条例》第三十三条"]
    assert data["summary"]["problems"] == 4
    assert {p["file"] for p in data["problems"]} == {"docs/anli/index.md", "quizzes/zz-citation-fixture.yml"}


def test_check_command_without_database(tmp_path):
    import os

    env = dict(os.environ, FAZHI_LAWS_DB=str(tmp_path / "missing.db"))
    proc = run_check(env=env)
    assert proc.returncode == 2
    assert "错误：" in proc.stderr and "FAZHI_LAWS_DB" in proc.stderr and "Traceback" not in proc.stderr
