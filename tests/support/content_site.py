"""A copy of the project with the content-page fixtures added, for builds with known content.

tests/fixtures/content/project/ holds one page of every content type
(docs/…) and their quiz module (quizzes/fixture-quiz.yml). They are valid:
``check_content(FIXTURE)`` finds no problem. Tests that need specific content
(a plan linking one existing and one missing kit, a module with 1.5 学时, a
published case…) build the real project with these pages added, so that they
do not depend on the real curriculum pages, which change as they are written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fazhi.site_build import PROJECT_ROOT

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content" / "project"

#: The fixture pages are built but not listed in the nav (mkdocs.yml `not_in_nav`).
NOT_IN_NAV = ["/huiqian/fixture-*", "/zhifa/fixture-module/", "/anli/fixture-*", "/anli/ordinary.md"]

#: The fixture pages and their URLs in a built site.
KIT, PLAN, CASE, PUBLIC_CASE = "huiqian/fixture-kit/", "huiqian/fixture-plan/", "anli/fixture-case/", "anli/fixture-public/"
MODULE = "zhifa/fixture-module/"
ONLINE, VISIT, LECTURE = MODULE + "online/", MODULE + "visit/", MODULE + "lecture/"


def copy_fixture(dest: Path) -> Path:
    """The fixture project alone (docs/ and quizzes/) at ``dest``, for checks that mutate it."""
    shutil.copytree(FIXTURE, dest)
    return dest


def project_with_fixtures(dest: Path) -> Path:
    """A copy of the real project at ``dest`` with the fixture pages and quiz module added."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache", "tests", "reports", "exports")
    shutil.copytree(PROJECT_ROOT, dest, ignore=ignore)
    shutil.copytree(FIXTURE / "docs", dest / "docs", dirs_exist_ok=True)
    shutil.copytree(FIXTURE / "quizzes", dest / "quizzes", dirs_exist_ok=True)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nnot_in_nav:" not in text, "mkdocs.yml sets not_in_nav: merge the fixture patterns into it"
    patterns = "".join(f"  {p}\n" for p in NOT_IN_NAV)
    config.write_text(text.rstrip("\n") + "\n\nnot_in_nav: |\n" + patterns, encoding="utf-8")
    return dest
