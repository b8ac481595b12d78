"""Optional completion beacon (extra.my_study.beacon): sent by the browser, logged by nginx, read by the tally."""

from __future__ import annotations

import datetime
import os

import pytest

from fazhi.site_build import build_site
from fazhi.tally.run import Options, run
from support.browser import PageWatch, origin_of
from support.servers import SUBPATH, find_nginx, free_port, serve_nginx
from test_my_study_browser import PROFILE, pass_module, save_profile

pytestmark = pytest.mark.skipif(
    not find_nginx() and not os.environ.get("REQUIRE_NGINX"), reason="nginx not installed (apt-get install nginx)"
)


def _enable_beacon(project, value="my-study/beacon.gif"):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert '    beacon: ""' in text
    config.write_text(text.replace('    beacon: ""', f'    beacon: "{value}"'), encoding="utf-8")


def test_off_by_default(built_site):
    assert not (built_site / "my-study" / "beacon.gif").exists()
    assert '"beacon":""' in (built_site / "my-study" / "data.json").read_text(encoding="utf-8")
    assert "只保存在这台电脑的浏览器里" in (built_site / "my-study" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["http://elsewhere.example/b.gif", "/abs/b.gif", "../b.gif", "my-study/"])
def test_a_beacon_outside_the_site_stops_the_build(project_copy, tmp_path, value):
    _enable_beacon(project_copy, value)
    result = build_site(tmp_path / "site", project=project_copy)
    assert not result.ok
    assert "extra.my_study.beacon" in result.output and "Traceback" not in result.output


def test_beacon_reaches_the_access_log_and_the_tally(chromium, project_copy, tmp_path):
    _enable_beacon(project_copy)
    port = free_port()
    site = tmp_path / "site"
    result = build_site(site, project=project_copy, site_url=f"http://127.0.0.1:{port}{SUBPATH}")
    assert result.ok, result.output
    assert (site / "my-study" / "beacon.gif").read_bytes().startswith(b"GIF89a")
    assert "完成记录上报" in (site / "my-study" / "index.html").read_text(encoding="utf-8")

    workdir = tmp_path / "nginx"
    context = chromium.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        with serve_nginx(site, workdir, port) as base:
            watch = PageWatch(page, origin_of(base))
            save_profile(page, base)
            pass_module(page, base)
            page.wait_for_timeout(500)
            page.reload()  # the same completion is not sent twice
            page.wait_for_selector(".fazhi-receipt .fazhi-receipt-status")
            watch.assert_clean("beacon")
    finally:
        context.close()
    log = workdir / "access.log"
    beacons = [line for line in log.read_text(encoding="utf-8").splitlines() if "beacon.gif?" in line]
    assert len(beacons) == 2, beacons  # the module, and the assignment made of that module alone
    assert all('" 200 ' in line for line in beacons)

    roster = tmp_path / "roster.csv"
    roster.write_text(f"工号,姓名,单位\n{PROFILE['id']},{PROFILE['name']},{PROFILE['unit']}\n", encoding="utf-8")
    year = datetime.date.today().year
    tally, _ = run(Options(roster=roster, out=tmp_path / "out", logs=[log],
                           period=(datetime.date(year - 1, 1, 1), datetime.date(year + 1, 12, 31))))
    (stats,) = tally.files
    assert stats.format == "访问日志（完成记录上报）"
    assert stats.accepted == 2 and stats.read == stats.accepted + stats.rejected + stats.duplicates
    assert {r[2] for r in tally.rejects} <= {"not_beacon"}  # the page and asset requests in the same log
    (person,) = tally.people
    assert sorted(tally.activities[i].activity.id for i in person.activities) == ["assignment:2026-09-shiyi-jianchi",
                                                                                  "shiyi-jianchi"]
