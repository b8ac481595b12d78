"""Accounting and coverage: from opened sources to the tally model.

:class:`Tally` takes opened sources one by one (:meth:`Tally.add_source`) and
sorts every data row into exactly one of three heaps:

* **accepted**: matched to a person, an activity and a day in the period (or
  outside it / outside the plan, counted as *extra* where the plan says so);
* **rejected**: with a reason (``REASONS``), the file and the sheet row;
* **duplicates**: same person, same activity, same calendar day as a row
  already accepted (from this or another file); counted once, reported.

so that ``read = accepted + rejected + duplicates`` per file and in total
(asserted by :meth:`Tally.finish`). Blank rows are not records and are not
read. :meth:`Tally.finish` evaluates each person against the plan's rule for
their role and sums everything per unit into a :class:`Result`.

The per-row loop is written for speed (about a million rows in a few
seconds): values are normalised through caches keyed by the raw cell, and each
accepted record is an integer key in a dictionary.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from fazhi.errors import InputError, Problem
from fazhi.tally.normalize import (
    PARTS,
    THREE_PARTS,
    Bad,
    DayParser,
    clean_id,
    clean_name,
    clean_text,
    fold_key,
    ord_to_date,
    parse_hours,
    parse_result,
    parse_score,
    part_of,
)
from fazhi.tally.plan import Activity, Plan, Rule
from fazhi.tally.readers import ReadError, Source
from fazhi.tally.receipts import ASSIGNMENT_PREFIX
from fazhi.tally.roster import Person, Roster, UnitAliases

__all__ = ["REASONS", "Defaults", "FileStats", "Tally", "Result", "PersonResult", "UnitResult", "AssignmentResult"]

#: Rejection reasons: code → short label (Chinese). The detail of each row is in rejects.csv.
REASONS = {
    "no_identity": "缺少工号和姓名",
    "unknown_person": "名册中无此人",
    "ambiguous_name": "姓名无法确定到人",
    "id_scientific": "编号被改成科学计数法",
    "id_lost_zeros": "编号丢失前导零",
    "id_number": "编号被存成数字",
    "no_activity": "缺少活动名称",
    "unknown_activity": "活动不在计划中",
    "unknown_part": "无法确定培训形式",
    "no_date": "缺少日期",
    "bad_date": "日期无法识别",
    "out_of_period": "日期不在统计期间内",
    "bad_hours": "学时无法识别",
    "bad_score": "成绩无法识别",
    "bad_status": "完成状态无法识别",
    "not_completed": "未完成或未通过",
    "bad_receipt": "回执格式不对",
    "not_beacon": "访问日志中不是完成记录上报的行",
    "bad_log_line": "访问日志行无法识别",
}

_NO_IDENTITY = Bad("没有工号/执法证号、身份证号或姓名，无法确定是谁", "no_identity")
_NO_ACTIVITY = Bad("没有活动名称（文件没有活动名称列时，请用 --activity 或配置 fixed.activity 指定）", "no_activity")
_NO_DATE = Bad("没有日期", "no_date")
_MOODLE_OPEN = Bad("Moodle 显示尚未完成课程（Course complete 为空）", "not_completed")
_STATUS_EMPTY = Bad("完成状态为空", "bad_status")


@dataclass
class Defaults:
    """Values for files without such a column (from the profile or the command line)."""

    activity: str = ""
    part: str | None = None
    hours: float | None = None
    date: _dt.date | None = None


@dataclass
class FileStats:
    file: str
    format: str
    encoding: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    profile: str | None = None
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    extra: int = 0
    by_reason: Counter = field(default_factory=Counter)


@dataclass
class PersonResult:
    person: Person
    rule: Rule | None
    parts: dict[str, int]  # distinct activities per part
    part_hours: dict[str, float]
    hours: float
    activities: list[int]  # activity indexes
    covered: bool | None  # None: not counted (exempt) or outside the roster
    lacks: list[str]
    assignments: dict[str, str]  # assignment id → 按期完成 / 逾期完成 / 未完成


@dataclass
class UnitResult:
    unit: str
    headcount: int = 0
    exempt: int = 0
    covered: int = 0
    parts: dict[str, dict[str, int]] = field(default_factory=dict)
    hours_total: float = 0.0
    min_hours_required: int = 0
    min_hours_met: int = 0
    assignments: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def coverage(self) -> float | None:
        return self.covered / self.headcount if self.headcount else None

    @property
    def hours_average(self) -> float | None:
        return self.hours_total / self.headcount if self.headcount else None


@dataclass
class AssignmentResult:
    id: str
    title: str
    opens: _dt.date
    due: _dt.date
    pass_mark: float
    modules: tuple[str, ...]
    targeted: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0


@dataclass
class ActivityResult:
    index: int
    activity: Activity
    people: int = 0
    records: int = 0
    days: list[_dt.date] = field(default_factory=list)
    day_counts: list[int] = field(default_factory=list)  # accepted records on each of those days


@dataclass
class Result:
    plan: Plan
    roster: Roster
    files: list[FileStats]
    people: list[PersonResult]
    units: list[UnitResult]
    total: UnitResult
    parts: list[str]
    activities: list[ActivityResult]
    assignments: list[AssignmentResult]
    rejects: list[tuple]  # (file, row, code, detail, id, name, activity, date)
    duplicates: list[tuple]  # (file, row, id, name, activity, date, first_file, first_row)
    outside_people: int
    outside_rows: int
    generated_at: _dt.datetime

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def accepted(self) -> int:
        return sum(f.accepted for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    @property
    def duplicate_count(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def extra(self) -> int:
        return sum(f.extra for f in self.files)

    def by_reason(self) -> Counter:
        total: Counter = Counter()
        for f in self.files:
            total.update(f.by_reason)
        return total


def _raw(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class Tally:
    """Accumulates sources; :meth:`finish` gives the :class:`Result`."""

    def __init__(self, roster: Roster, plan: Plan):
        self.roster = roster
        self.plan = plan
        self.people: list[Person] = list(roster.people)  # roster, then people outside it
        self.n_roster = len(roster.people)
        self.units = UnitAliases(plan.unit_aliases)
        self.activities: list[Activity] = list(plan.activities)
        self.act_index: dict[str, int] = {}
        for i, act in enumerate(self.activities):
            for label in (act.id, act.name, *act.aliases):
                self.act_index.setdefault(fold_key(label), i)
        self.dynamic: dict[tuple[str, str], int] = {}
        self.seen: dict[int, int] = {}  # (person << 40 | activity << 20 | day) → first (file << 32 | row)
        self.pa: dict[int, float] = {}  # (person << 20 | activity) → hours
        self.scores: dict[int, list] = {}  # (person << 20 | quiz activity) → [(day, score)]
        self.files: list[FileStats] = []
        self.rejects: list[tuple] = []
        self.dups: list[tuple] = []
        self.outside: dict[str, int] = {}
        self.start = plan.start.toordinal()
        self.end = plan.end.toordinal()

    # ------------------------------------------------------------------
    # Checks before reading
    # ------------------------------------------------------------------

    @staticmethod
    def effective_defaults(source: Source, defaults: Defaults | None) -> Defaults:
        """Defaults completed by what the file type implies (Moodle: 云平台, activity from
        the file name completion-<course>.csv; receipts: 测验)."""
        d = Defaults(**vars(defaults)) if defaults else Defaults()
        cmap = source.cmap
        if d.part is None and cmap.moodle:
            d.part = "云平台"
        if d.part is None and (source.kind.startswith("receipt") or source.kind == "access-log"):
            d.part = "测验"
        if not d.activity and not cmap.has("activity") and cmap.moodle:
            stem = source.path.stem
            d.activity = stem[len("completion-"):] if stem.lower().startswith("completion-") else stem
        return d

    def check_source(self, source: Source, defaults: Defaults | None) -> list[Problem]:
        """Problems that make a source unusable as a whole (reported before any row is read)."""
        problems = []
        cmap = source.cmap
        defaults = self.effective_defaults(source, defaults)
        if not cmap.has("activity") and not defaults.activity:
            problems.append(
                Problem(source.shown, "文件没有活动名称列（课程名称/培训名称/活动名称），也没有指定活动",
                        hint="签到表请用 --activity 指定活动名称，或在列映射配置中写 fixed: {activity: …}")
            )
        if not cmap.has("time") and defaults.date is None:
            problems.append(
                Problem(source.shown, "文件没有日期列（完成时间/签到时间/学习时间/日期），也没有指定日期",
                        hint="用 --date 2025-03-05 指定，或在列映射配置中写 fixed: {date: 2025-03-05}")
            )
        if not self.plan.has_catalog and not cmap.has("part") and defaults.part is None:
            problems.append(
                Problem(source.shown, "无法确定培训形式：文件没有「培训形式」列，也没有指定",
                        hint="用 --part 云平台/现场观摩/专题讲座/会前学法 指定，或在配置中写 fixed.part，"
                             "或在培训计划的活动目录中列出这些活动")
            )
        return problems

    # ------------------------------------------------------------------
    # Resolution helpers (called on cache misses)
    # ------------------------------------------------------------------

    def _outside_person(self, key: str, ident: str, name: str, unit: str) -> int:
        pid = self.outside.get(key)
        if pid is None:
            pid = len(self.people)
            self.people.append(Person(idx=pid, id=ident, name=name, unit=unit or "（名册外）", active=False,
                                      status="名册外", outside=True))
            self.outside[key] = pid
        return pid

    def _resolve_id(self, value: Any, idcard: bool = False) -> int | Bad | None:
        cleaned = clean_id(value)
        if cleaned == "":
            return None
        if isinstance(cleaned, Bad):
            return cleaned
        found = self.roster.lookup_idcard(cleaned) if idcard else self.roster.lookup_id(cleaned)
        if isinstance(found, Bad) and found.code == "unknown_person" and self.plan.count_unknown_people and not idcard:
            return self._outside_person("id:" + cleaned, cleaned, "", "")
        return found

    def _resolve_name(self, name: str, unit_raw: Any) -> int | Bad:
        unit = self.units(unit_raw) if unit_raw not in (None, "") else ""
        found = self.roster.lookup_name(name, unit)
        if isinstance(found, Bad) and found.code == "unknown_person" and self.plan.count_unknown_people:
            return self._outside_person("name:" + name + "|" + unit, "", name, unit)
        return found

    def _resolve_activity(self, name_raw: Any, part_raw: Any, title: Any, default_part: str | None) -> int | Bad:
        name = clean_text(name_raw)
        if not name:
            return _NO_ACTIVITY
        key = fold_key(name)
        idx = self.act_index.get(key)
        if idx is not None:
            act = self.activities[idx]
            if act.kind == "module" and act.name == act.id and clean_text(title):
                self.activities[idx] = replace(act, name=clean_text(title))  # a receipt knows the module's title
            return idx
        part = part_of(part_raw, self.plan.part_aliases) if part_raw not in (None, "") else None
        if part_raw not in (None, "") and part is None:
            if not self.plan.has_catalog:
                return Bad(f"培训形式「{clean_text(part_raw)}」无法识别", "unknown_part")
        part = part or default_part
        if self.plan.has_catalog:
            if not self.plan.count_unknown_activities:
                return Bad(f"活动「{name}」不在培训计划的活动目录中", "unknown_activity")
            part = part or "其他"
            extra = True
        else:
            if part is None:
                return Bad(f"无法确定活动「{name}」的培训形式", "unknown_part")
            extra = False
        dkey = (key, part)
        idx = self.dynamic.get(dkey)
        if idx is None:
            idx = len(self.activities)
            if idx >= (1 << 20) - 1:  # activity indexes live in 20 bits of the record keys
                return Bad(f"活动「{name}」：不同活动名称超过一百万个，请检查活动名称列", "unknown_activity")
            display = clean_text(title) or name
            self.activities.append(Activity(id=name, name=display, part=part, extra=extra,
                                            kind="module" if part == "测验" else "activity"))
            self.dynamic[dkey] = idx
        return idx

    # ------------------------------------------------------------------
    # The row loop
    # ------------------------------------------------------------------

    def add_source(self, source: Source, defaults: Defaults | None = None,
                   progress: Callable[[Source, int], None] | None = None) -> FileStats:
        """Read every row of ``source``; raise InputError if the file goes bad midway."""
        defaults = self.effective_defaults(source, defaults)
        fidx = len(self.files)
        stats = FileStats(
            file=source.shown, format=source.format_label, encoding=source.encoding, sheet=source.sheet,
            header_row=source.header_row, profile=source.profile.path if source.profile else None,
        )
        self.files.append(stats)
        cmap = source.cmap
        cols = cmap.columns
        id_cols = cols.get("id", [])
        card_cols = cols.get("idcard", [])
        id0 = id_cols[0] if id_cols else None
        name_i = cmap.first("name")
        first_i, last_i = cmap.first("first_name"), cmap.first("last_name")
        unit_i = cmap.first("unit")
        act_i, time_i, hours_i = cmap.first("activity"), cmap.first("time"), cmap.first("hours")
        score_i, part_i, res_i = cmap.first("score"), cmap.first("part"), cmap.first("result")
        err_i, title_i = cmap.first("error"), cmap.first("title")
        width = max((i for c in cols.values() for i in c), default=0) + 1
        moodle = cmap.moodle

        default_part = defaults.part
        fixed_activity = defaults.activity
        fixed_day = defaults.date.toordinal() if defaults.date else None
        fixed_hours = defaults.hours
        minutes = self.plan.minutes_per_hour
        hours_unit = cmap.hours_unit
        date_order = source.profile.date_order if source.profile and source.profile.date_order else None
        if date_order is None and moodle:
            date_order = "dmy"  # Moodle's English language pack writes 05/03/25, 14:20 (day first)

        start, end = self.start, self.end
        n_roster = self.n_roster
        count_period = self.plan.count_out_of_period
        seen, pa, scores = self.seen, self.pa, self.scores
        rejects, dups = self.rejects, self.dups
        by_reason = stats.by_reason
        id_cache: dict[Any, Any] = {}
        card_cache: dict[Any, Any] = {}
        name_cache: dict[Any, Any] = {}
        act_cache: dict[Any, Any] = {}
        hours_cache: dict[Any, Any] = {}
        score_cache: dict[Any, Any] = {}
        res_cache: dict[Any, Any] = {}
        day = DayParser(date_order)
        day_get = day.cache.get
        day_miss = day.miss
        id_get = id_cache.get
        act_get = act_cache.get
        hours_get = hours_cache.get
        pa_get = pa.get
        seen_setdefault = seen.setdefault
        resolve_id = self._resolve_id
        read = accepted = rejected = duplicates = extra_n = 0

        def reject(rowno: int, bad: Bad, cells: list) -> None:
            by_reason[bad.code] += 1
            rejects.append((
                fidx, rowno, bad.code, str(bad),
                "；".join(_raw(cells[i]) for i in (id_cols or card_cols) if _raw(cells[i])) if (id_cols or card_cols) else "",
                _raw(cells[name_i]) if name_i is not None else (
                    (_raw(cells[last_i]) + _raw(cells[first_i])) if first_i is not None and last_i is not None else ""),
                _raw(cells[act_i]) if act_i is not None else fixed_activity,
                _raw(cells[time_i]) if time_i is not None else (str(defaults.date) if defaults.date else ""),
            ))

        def identify(cells: list) -> int | Bad:
            """Who a row is about: ids in turn, then 身份证号, then name (+unit); never a guess."""
            bad = None
            for ci in id_cols:
                v = cells[ci]
                if v == "" or v is None:
                    continue
                r = id_get(v)
                if r is None:
                    r = resolve_id(v)
                    if r is None:
                        continue
                    id_cache[v] = r
                if r.__class__ is int:
                    return r
                if bad is None:
                    bad = r
            if bad is not None:
                return bad
            for ci in card_cols:
                v = cells[ci]
                if v == "" or v is None:
                    continue
                r = card_cache.get(v)
                if r is None:
                    r = resolve_id(v, True)
                    if r is None:
                        continue
                    card_cache[v] = r
                if r.__class__ is int:
                    return r
                if bad is None:
                    bad = r
            if bad is not None:
                return bad
            if name_i is not None:
                nv = cells[name_i]
            elif first_i is not None and last_i is not None:
                nv = _raw(cells[last_i]) + _raw(cells[first_i])
            else:
                return _NO_IDENTITY
            if nv == "" or nv is None:
                return _NO_IDENTITY
            uv = cells[unit_i] if unit_i is not None else ""
            key = (nv, uv)
            r = name_cache.get(key)
            if r is None:
                name = clean_name(nv)
                r = self._resolve_name(name, uv) if name else _NO_IDENTITY
                name_cache[key] = r
            return r

        def activity_entry(av: Any, pv: Any, cells: list) -> tuple | Bad:
            aid = self._resolve_activity(av, pv, cells[title_i] if title_i is not None else "", default_part)
            if aid.__class__ is not int:
                return aid
            act = self.activities[aid]
            hours = fixed_hours if fixed_hours is not None else (act.hours or 0.0)
            return aid, float(hours), act.part == "测验", act.extra

        rowno = source.first_row - 1
        try:
            for cells in source.rows:
                rowno += 1
                if len(cells) < width:
                    if not cells:
                        continue
                    cells = list(cells) + [""] * (width - len(cells))
                if not any(cells) and all(c == "" or c is None for c in cells):
                    continue
                read += 1
                if not read & 0x7FFF and progress is not None:
                    progress(source, read)
                if err_i is not None and cells[err_i]:
                    rejected += 1
                    reject(rowno, cells[err_i], cells)
                    continue

                # -- who
                pid = id_get(cells[id0]) if id0 is not None else None
                if pid.__class__ is not int:
                    pid = identify(cells)
                    if pid.__class__ is not int:
                        rejected += 1
                        reject(rowno, pid, cells)
                        continue

                # -- completed?
                if res_i is not None:
                    rv = cells[res_i]
                    r = res_cache.get(rv)
                    if r is None:
                        r = parse_result(rv)
                        if r is False:
                            r = Bad(f"未完成或未通过（状态：{_raw(rv)}）", "not_completed") if not isinstance(rv, bool) \
                                else Bad("回执显示未完成或未通过", "not_completed")
                        elif r is None:
                            r = _STATUS_EMPTY
                        res_cache[rv] = r
                    if r is not True:
                        rejected += 1
                        reject(rowno, r, cells)
                        continue

                # -- when
                tv = cells[time_i] if time_i is not None else ""
                if tv == "" or tv is None:
                    d = fixed_day
                else:
                    d = day_get(tv)
                    if d is None:
                        d = day_miss(tv)
                        if d is None:
                            d = fixed_day
                if d is None:
                    rejected += 1
                    reject(rowno, _MOODLE_OPEN if moodle else _NO_DATE, cells)
                    continue
                if d.__class__ is not int:
                    rejected += 1
                    reject(rowno, d, cells)
                    continue
                extra = False
                if d < start or d > end:
                    if count_period:
                        extra = True
                    else:
                        rejected += 1
                        reject(rowno, Bad(f"日期 {ord_to_date(d)} 不在统计期间 {self.plan.start} 至 {self.plan.end} 内",
                                          "out_of_period"), cells)
                        continue

                # -- what
                av = cells[act_i] if act_i is not None else ""
                if av == "" or av is None:
                    av = fixed_activity
                if part_i is None:
                    a = act_get(av)
                    if a is None:
                        a = act_cache[av] = activity_entry(av, "", cells)
                else:
                    pv = cells[part_i]
                    a = act_get((av, pv))
                    if a is None:
                        a = act_cache[(av, pv)] = activity_entry(av, pv, cells)
                if a.__class__ is Bad:
                    rejected += 1
                    reject(rowno, a, cells)
                    continue
                aid, h, quiz, aextra = a

                # -- hours and score
                if hours_i is not None:
                    hv = cells[hours_i]
                    if hv != "" and hv is not None:
                        hh = hours_get(hv)
                        if hh is None:
                            hh = hours_cache[hv] = parse_hours(hv, minutes, hours_unit)
                        if hh is not None:
                            if hh.__class__ is not float:
                                rejected += 1
                                reject(rowno, hh, cells)
                                continue
                            h = hh
                score = None
                if score_i is not None:
                    sv = cells[score_i]
                    if sv.__class__ is Bad:
                        rejected += 1
                        reject(rowno, sv, cells)
                        continue
                    if sv != "" and sv is not None:
                        score = score_cache.get(sv)
                        if score is None:
                            score = score_cache[sv] = parse_score(sv)
                        if score is not None and score.__class__ is not float:
                            rejected += 1
                            reject(rowno, score, cells)
                            continue

                # -- count once
                k2 = (pid << 20) | aid
                if quiz:
                    scores.setdefault(k2, []).append((d, score))
                ref = (fidx << 32) | rowno
                first = seen_setdefault((k2 << 20) | d, ref)
                if first != ref:
                    duplicates += 1
                    dups.append((fidx, rowno, pid, aid, d, first))
                    continue
                accepted += 1
                if extra or aextra or pid >= n_roster:
                    extra_n += 1
                pa[k2] = pa_get(k2, 0.0) + h
        except ReadError as exc:
            row = exc.row if exc.row is not None else rowno + 1
            raise InputError([Problem(source.shown, exc.message, line=row, hint=exc.hint)]) from None
        finally:
            source.close()
            stats.read, stats.accepted, stats.rejected = read, accepted, rejected
            stats.duplicates, stats.extra = duplicates, extra_n
        if progress is not None:
            progress(source, read)
        assert read == accepted + rejected + duplicates, "accounting identity broken"
        return stats

    # ------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------

    def _assignment_status(self) -> tuple[list[AssignmentResult], dict[tuple[str, int], str]]:
        results = []
        status: dict[tuple[str, int], str] = {}
        for a in self.plan.assignments.values():
            res = AssignmentResult(id=a.id, title=a.title, opens=a.opens, due=a.due, pass_mark=a.pass_mark,
                                   modules=a.modules)
            opens, due = a.opens.toordinal(), a.due.toordinal()
            module_aids = [self.act_index.get(fold_key(m)) for m in a.modules]
            whole_aid = self.act_index.get(fold_key(ASSIGNMENT_PREFIX + a.id))

            def earliest(pid: int, aid: int | None) -> int | None:
                if aid is None:
                    return None
                best = None
                for d, score in self.scores.get((pid << 20) | aid, ()):
                    if d >= opens and (score is None or score >= a.pass_mark - 1e-9):
                        if best is None or d < best:
                            best = d
                return best

            units = {self.units(u) for u in a.target.units}  # the plan's unit aliases apply here too
            roles = set(a.target.roles)
            for p in self.people:
                if p.outside or not p.active or (units and p.unit not in units) or (roles and p.role not in roles):
                    continue
                res.targeted += 1
                dates = [earliest(p.idx, aid) for aid in module_aids]
                done = max(dates) if dates and all(x is not None for x in dates) else None
                whole = earliest(p.idx, whole_aid)
                if whole is not None and (done is None or whole < done):
                    done = whole
                if done is None:
                    res.missing += 1
                    status[(a.id, p.idx)] = "未完成"
                elif done <= due:
                    res.on_time += 1
                    status[(a.id, p.idx)] = "按期完成"
                else:
                    res.late += 1
                    status[(a.id, p.idx)] = "逾期完成"
            results.append(res)
        return results, status

    def finish(self, now: _dt.datetime | None = None) -> Result:
        plan = self.plan
        n_people = len(self.people)
        acts = self.activities
        parts_of = [a.part for a in acts]
        person_parts: list[dict[str, int]] = [defaultdict(int) for _ in range(n_people)]
        person_part_hours: list[dict[str, float]] = [defaultdict(float) for _ in range(n_people)]
        person_hours = [0.0] * n_people
        person_acts: list[list[int]] = [[] for _ in range(n_people)]
        act_people = [0] * len(acts)
        act_records = [0] * len(acts)
        mask = (1 << 20) - 1
        for k2, hours in self.pa.items():
            pid, aid = k2 >> 20, k2 & mask
            part = parts_of[aid]
            person_parts[pid][part] += 1
            person_part_hours[pid][part] += hours
            person_hours[pid] += hours
            person_acts[pid].append(aid)
            act_people[aid] += 1
        # Records per activity and day, from the keys of the accepted records.
        day_counts: dict[int, int] = {}
        get = day_counts.get
        low40 = (1 << 40) - 1
        for key in self.seen:
            ad = key & low40
            day_counts[ad] = get(ad, 0) + 1
        act_days: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for ad, n in day_counts.items():
            aid = ad >> 20
            act_days[aid].append((ad & mask, n))
            act_records[aid] += n

        assignment_results, a_status = self._assignment_status()
        titles = {a.id: a.title for a in plan.assignments.values()}

        people: list[PersonResult] = []
        for p in self.people:
            rule = None if p.outside else plan.rule_for(p.role)
            lacks: list[str] = []
            parts = dict(person_parts[p.idx])
            hours = person_hours[p.idx]
            mine = {aid for aid in person_acts[p.idx]}
            statuses = {a.id: a_status[(a.id, p.idx)] for a in plan.assignments.values() if (a.id, p.idx) in a_status}
            if rule is not None and p.active:
                for part, n in rule.min_per_part.items():
                    have = parts.get(part, 0)
                    if have < n:
                        lacks.append(f"{part}还差 {n - have} 项（已 {have}/{n}）")
                for act_id in rule.required_activities:
                    aid = self.act_index.get(fold_key(act_id))
                    if aid not in mine:
                        lacks.append(f"未参加必修活动「{acts[aid].name if aid is not None else act_id}」")
                for asg in rule.required_assignments:
                    st = a_status.get((asg, p.idx))
                    if st is None:
                        continue  # not targeted by the assignment
                    if st != "按期完成":
                        lacks.append(f"测验任务「{titles.get(asg, asg)}」{st}")
                if rule.min_hours and hours + 1e-9 < rule.min_hours:
                    lacks.append(f"学时还差 {rule.min_hours - hours:g}（已 {hours:g}/{rule.min_hours:g}）")
            covered = (not lacks) if (p.active and not p.outside) else None
            people.append(PersonResult(person=p, rule=rule, parts=parts, part_hours=dict(person_part_hours[p.idx]),
                                       hours=hours, activities=sorted(mine), covered=covered, lacks=lacks,
                                       assignments=statuses))

        parts_shown = [part for part in PARTS if part in THREE_PARTS
                       or any(part in r.min_per_part for r in [plan.default_rule, *plan.rules.values()])
                       or any(a.part == part for a in acts)]
        if any(a.part == "其他" for a in acts):
            parts_shown.append("其他")

        units: dict[str, UnitResult] = {u: UnitResult(unit=u) for u in self.roster.units}
        total = UnitResult(unit="合计")

        def blank_parts() -> dict[str, dict[str, int]]:
            return {part: {"people": 0, "completions": 0, "required": 0, "met": 0} for part in parts_shown}

        for u in list(units.values()) + [total]:
            u.parts = blank_parts()
            u.assignments = {a.id: {"targeted": 0, "on_time": 0, "late": 0, "missing": 0}
                             for a in plan.assignments.values()}
        status_key = {"按期完成": "on_time", "逾期完成": "late", "未完成": "missing"}
        for pr in people:
            p = pr.person
            if p.outside:
                continue
            for u in (units[p.unit], total):
                if not p.active:
                    u.exempt += 1
                    continue
                u.headcount += 1
                if pr.covered:
                    u.covered += 1
                u.hours_total += pr.hours
                for part in parts_shown:
                    have = pr.parts.get(part, 0)
                    slot = u.parts[part]
                    if have:
                        slot["people"] += 1
                        slot["completions"] += have
                    need = pr.rule.min_per_part.get(part, 0) if pr.rule else 0
                    if need:
                        slot["required"] += 1
                        if have >= need:
                            slot["met"] += 1
                if pr.rule and pr.rule.min_hours:
                    u.min_hours_required += 1
                    if pr.hours + 1e-9 >= pr.rule.min_hours:
                        u.min_hours_met += 1
                for asg, st in pr.assignments.items():
                    slot = u.assignments[asg]
                    slot["targeted"] += 1
                    slot[status_key[st]] += 1

        activity_results = [
            ActivityResult(index=i, activity=a, people=act_people[i], records=act_records[i],
                           days=[ord_to_date(d) for d, _n in sorted(act_days.get(i, ()))],
                           day_counts=[n for _d, n in sorted(act_days.get(i, ()))])
            for i, a in enumerate(acts)
        ]
        file_names = [f.file for f in self.files]
        rejects = [(file_names[f], row, code, text, ident, name, act, date)
                   for (f, row, code, text, ident, name, act, date) in self.rejects]
        duplicates = []
        for fidx, row, pid, aid, d, first in self.dups:
            p = self.people[pid]
            duplicates.append((file_names[fidx], row, p.id, p.name, acts[aid].name, ord_to_date(d),
                               file_names[first >> 32], first & 0xFFFFFFFF))
        result = Result(
            plan=plan,
            roster=self.roster,
            files=self.files,
            people=people,
            units=list(units.values()),
            total=total,
            parts=parts_shown,
            activities=activity_results,
            assignments=assignment_results,
            rejects=rejects,
            duplicates=duplicates,
            outside_people=len(self.outside),
            outside_rows=self._outside_rows(),
            generated_at=now or _dt.datetime.now().astimezone(),
        )
        assert result.read == result.accepted + result.rejected + result.duplicate_count
        return result

    def _outside_rows(self) -> int:
        """Accepted records of people outside the roster (counted as extras)."""
        if not self.outside:
            return 0
        first = self.n_roster << 40
        return sum(1 for key in self.seen if key >= first)
