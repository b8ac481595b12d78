"""The whole tally, as one function: inputs → checks → rows → reports.

:func:`run` loads the plan (or the default), the profiles and the roster,
opens every log (so that all problems with the inputs are reported together,
before any row is counted), streams the rows through :class:`Tally`, and
writes the reports into ``options.out``. It raises :class:`InputError` for
anything wrong with the user's input and writes nothing in that case.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.errors import InputError, Problem
from fazhi.tally.columns import Profile, load_profiles, profile_for
from fazhi.tally.engine import Defaults, Result, Tally
from fazhi.tally.plan import Plan, add_assignments, default_plan, load_plan
from fazhi.tally.readers import Source, open_table
from fazhi.tally.roster import Roster, UnitAliases, load_roster

__all__ = ["Options", "run", "OUTPUT_NAMES", "check_out_dir", "REPO_ROOT"]

REPO_ROOT = Path(__file__).resolve().parents[3]

OUTPUT_NAMES = {
    "json": "coverage.json",
    "xlsx": "coverage.xlsx",
    "html": "coverage.html",
    "rejects": "rejects.csv",
    "duplicates": "duplicates.csv",
}


@dataclass
class Options:
    roster: Path
    out: Path
    logs: list[Path]
    plan: Path | None = None
    profiles: list[Path] = field(default_factory=list)
    assignments: list[Path] = field(default_factory=list)
    period: tuple[_dt.date, _dt.date] | None = None
    activity: str = ""
    part: str | None = None
    hours: float | None = None
    date: _dt.date | None = None
    sheet: str | None = None
    roster_sheet: str | None = None
    public_page: Path | None = None
    today: _dt.date | None = None
    now: _dt.datetime | None = None


def check_out_dir(out: Path) -> list[Problem]:
    """Reports hold names: refuse an output folder inside the site's docs/."""
    resolved = out.resolve()
    docs_dirs = [REPO_ROOT / "docs"]
    for parent in [resolved, *resolved.parents]:
        if parent.name == "docs" and (parent.parent / "mkdocs.yml").exists():
            docs_dirs.append(parent)
    for docs in docs_dirs:
        if resolved == docs.resolve() or docs.resolve() in resolved.parents:
            return [Problem(str(out), "报告含人员姓名，不能写进网站的 docs/ 文件夹",
                            hint="--out 请指向网站以外的文件夹；如需在网站上发布，请用 --public-page 生成只含汇总数字的页面")]
    if resolved.exists() and not resolved.is_dir():
        return [Problem(str(out), "--out 应当是文件夹，这里是一个已有的文件")]
    return []


def _load_plan(options: Options, problems: list[Problem]) -> Plan | None:
    try:
        if options.plan is not None:
            return load_plan(options.plan, period=options.period, extra_assignments=list(options.assignments))
        plan = default_plan(options.today, options.period)
        if options.assignments:
            add_assignments(plan, list(options.assignments))
        return plan
    except InputError as exc:
        problems += exc.problems
        return None


def _defaults_for(options: Options, profile: Profile | None) -> Defaults:
    return Defaults(
        activity=(profile.activity if profile and profile.activity else options.activity) or "",
        part=(profile.part if profile and profile.part else options.part),
        hours=(profile.hours if profile and profile.hours is not None else options.hours),
        date=(profile.date if profile and profile.date else options.date),
    )


def run(options: Options, *, progress=None) -> tuple[Result, dict[str, Path]]:
    """Do the tally; return the result and the written files. ``progress``: a rich Progress or None."""
    problems: list[Problem] = check_out_dir(options.out)
    plan = _load_plan(options, problems)

    profiles: list[Profile] = []
    try:
        profiles = load_profiles(options.profiles)
    except InputError as exc:
        problems += exc.problems

    roster: Roster | None = None
    try:
        roster = load_roster(options.roster, str(options.roster),
                             unit_aliases=UnitAliases(plan.unit_aliases if plan else {}), sheet=options.roster_sheet)
    except InputError as exc:
        problems += exc.problems

    if not options.logs:
        problems.append(Problem("（命令行）", "没有给出任何记录文件", hint="在命令最后列出学习记录、签到表等文件"))
    sources: list[tuple[Source, Defaults]] = []
    for log in options.logs:
        profile = profile_for(str(log), profiles)
        try:
            source = open_table(log, str(log), profile=profile, sheet=options.sheet)
        except InputError as exc:
            problems += exc.problems
            continue
        sources.append((source, _defaults_for(options, profile)))

    tally = Tally(roster, plan) if roster is not None and plan is not None else None
    if tally is not None:
        for source, defaults in sources:
            problems += tally.check_source(source, defaults)
    if problems or tally is None:
        for source, _d in sources:
            source.close()
        raise InputError(problems)

    total_bytes = sum(s.size for s, _d in sources) or 1
    task = progress.add_task("统计中", total=total_bytes) if progress is not None else None
    done_before = 0

    def on_progress(source: Source, read: int) -> None:
        if progress is None:
            return
        if source.position is not None:
            try:
                current = source.position()
            except (ValueError, OSError):
                current = source.size
        elif source.total_rows:
            current = int(source.size * min(1.0, read / source.total_rows))
        else:
            current = 0
        progress.update(task, completed=done_before + min(current, source.size),
                        description=f"统计 {source.path.name}")

    for i, (source, defaults) in enumerate(sources):
        try:
            tally.add_source(source, defaults, progress=on_progress if progress is not None else None)
        except InputError as exc:
            problems += exc.problems
            for later, _d in sources[i + 1:]:
                later.close()
            break
        done_before += source.size
    if problems:
        raise InputError(problems)

    result = tally.finish(options.now)
    if progress is not None:
        progress.update(task, completed=total_bytes, description="写报告")
    outputs = write_reports(result, options.out)
    if options.public_page is not None:
        from fazhi.tally.report_public import write_public_page

        options.public_page.parent.mkdir(parents=True, exist_ok=True)
        write_public_page(result, options.public_page)
        outputs["public"] = options.public_page
    return result, outputs


def write_reports(result: Result, out: Path) -> dict[str, Path]:
    from fazhi.tally.report_csv import write_duplicates, write_rejects
    from fazhi.tally.report_html import write_html
    from fazhi.tally.report_json import write_json
    from fazhi.tally.report_xlsx import write_xlsx

    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in OUTPUT_NAMES.items()}
    write_json(result, paths["json"])
    write_xlsx(result, paths["xlsx"], tmpdir=out)
    write_html(result, paths["html"])
    write_rejects(result, paths["rejects"])
    write_duplicates(result, paths["duplicates"])
    return paths
