"""The training plan: period, activity catalog, what counts as covered.

A plan is a YAML file (``--plan``). Every key is optional::

    title: 某区2025年度行政执法人员全员轮训        # shown in the reports
    period: {start: 2025-01-01, end: 2025-12-31}  # or: period: 2025
    unit_aliases:                                # canonical name: [other spellings]
      区市场监管局: [区市场监督管理局, 市场监管局]
    part_aliases:                                # extra words of a 培训形式 column
      网上课堂: 云平台
    minutes_per_hour: 60                         # to convert 时长（分钟） to 学时
    assignments: assignments/                    # folder or list of assignment files
    activities:                                  # the catalog
      - id: yun-xzcf                             # ASCII slug
        name: 行政处罚法要点（线上课程）
        part: 云平台                              # 云平台/现场观摩/专题讲座/会前学法/测验
        hours: 2                                 # 学时 when a record has none
        aliases: [行政处罚法要点网络课程]          # names as they appear in exports
    rules:                                       # per role; "*" = every other role
      执法人员:
        min_per_part: {云平台: 1, 现场观摩: 1, 专题讲座: 1}
        required_activities: [yun-xzcf]
        required_assignments: [2025-q1-xzcf]
        min_hours: 12                            # a setting of this plan, not a rule of law
      "*":
        min_per_part: {会前学法: 2}
    extras:                                      # reject (default) or count
      unknown_people: reject
      unknown_activities: reject
      out_of_period: reject

Relative paths are relative to the plan file. When ``--plan`` is absent, the
default plan (:func:`default_plan`) is: period = the current calendar year;
no catalog (an activity is its name as written, its part taken from a
培训形式 column, the profile, ``--part`` or the file type); one rule for every
role: at least one completion in each of 云平台, 现场观摩 and 专题讲座;
``min_hours`` 0; extras rejected.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.assignments import SLUG_RE, Assignment, load_assignments
from fazhi.errors import InputError, Problem
from fazhi.tally.normalize import DEFAULT_PART_ALIASES, PARTS, THREE_PARTS, fold_key
from fazhi.tally.receipts import ASSIGNMENT_PREFIX
from fazhi.yamlfile import (
    YamlList,
    YamlMap,
    check_keys,
    expect_date,
    expect_number,
    expect_str,
    expect_str_list,
    line_of,
    load_yaml_file,
    type_name,
)

__all__ = ["Activity", "Rule", "Plan", "load_plan", "default_plan", "parse_period", "DEFAULT_RULE", "add_assignments"]

_PLAN_KEYS = ("title", "period", "unit_aliases", "part_aliases", "minutes_per_hour", "assignments", "activities",
              "rules", "extras")
_ACTIVITY_KEYS = ("id", "name", "part", "hours", "aliases")
_RULE_KEYS = ("min_per_part", "required_activities", "required_assignments", "min_hours")
_EXTRA_KEYS = ("unknown_people", "unknown_activities", "out_of_period")
DEFAULT_ROLE = "*"


@dataclass(frozen=True)
class Activity:
    """One training activity (a course, a site visit, a lecture, a session, a quiz module)."""

    id: str
    name: str
    part: str  # one of PARTS, or "其他" for an extra with no known part
    hours: float | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "activity"  # activity / module / assignment
    extra: bool = False  # not in the plan; counted because the plan says so


@dataclass(frozen=True)
class Rule:
    """What covered means for one role."""

    min_per_part: dict[str, int] = field(default_factory=dict)
    required_activities: tuple[str, ...] = ()
    required_assignments: tuple[str, ...] = ()
    min_hours: float = 0.0

    def describe(self) -> str:
        bits = [f"{part}至少 {n} 项" for part, n in self.min_per_part.items() if n]
        if self.required_activities:
            bits.append("必修活动 " + "、".join(self.required_activities))
        if self.required_assignments:
            bits.append("测验任务 " + "、".join(self.required_assignments))
        if self.min_hours:
            bits.append(f"学时不少于 {self.min_hours:g}")
        return "；".join(bits) or "无要求"


DEFAULT_RULE = Rule(min_per_part={part: 1 for part in THREE_PARTS})


@dataclass
class Plan:
    start: _dt.date
    end: _dt.date
    title: str = "培训覆盖统计"
    source: str | None = None  # plan file, None for the default plan
    unit_aliases: dict[str, str] = field(default_factory=dict)  # alias → canonical unit
    part_aliases: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PART_ALIASES))
    minutes_per_hour: float = 60.0
    activities: list[Activity] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    default_rule: Rule = DEFAULT_RULE
    count_unknown_people: bool = False
    count_unknown_activities: bool = False
    count_out_of_period: bool = False
    assignments: dict[str, Assignment] = field(default_factory=dict)

    @property
    def is_default(self) -> bool:
        return self.source is None

    @property
    def has_catalog(self) -> bool:
        return any(a.kind == "activity" for a in self.activities)

    def rule_for(self, role: str) -> Rule:
        return self.rules.get(role, self.default_rule)


def parse_period(text: str) -> tuple[_dt.date, _dt.date]:
    """``2025``, ``2025-01-01:2025-06-30`` or ``2025-01-01~2025-06-30`` → (start, end); ValueError if bad."""
    text = text.strip()
    if text.isdigit() and len(text) == 4:
        year = int(text)
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    for sep in (":", "~", "..", "至"):
        if sep in text:
            a, b = text.split(sep, 1)
            start, end = _dt.date.fromisoformat(a.strip()), _dt.date.fromisoformat(b.strip())
            if end < start:
                raise ValueError("结束日期早于开始日期")
            return start, end
    raise ValueError("格式应为 2025 或 2025-01-01:2025-06-30")


def default_plan(today: _dt.date | None = None, period: tuple[_dt.date, _dt.date] | None = None) -> Plan:
    """The plan used without ``--plan`` (see the module docstring)."""
    today = today or _dt.date.today()
    start, end = period or (_dt.date(today.year, 1, 1), _dt.date(today.year, 12, 31))
    return Plan(start=start, end=end, title=f"培训覆盖统计（{start} 至 {end}）")


def assignment_activities(assignments: dict[str, Assignment], names_seen: dict[str, str]) -> list[Activity]:
    """Quiz modules and assignments named by the assignments, as activities of part 测验."""
    out = []
    for assignment in assignments.values():
        for module in assignment.modules:
            if fold_key(module) not in names_seen:
                names_seen[fold_key(module)] = module
                out.append(Activity(id=module, name=module, part="测验", kind="module"))
        key = fold_key(ASSIGNMENT_PREFIX + assignment.id)
        if key not in names_seen:
            names_seen[key] = ASSIGNMENT_PREFIX + assignment.id
            out.append(Activity(id=ASSIGNMENT_PREFIX + assignment.id, name=assignment.title, part="测验",
                                kind="assignment"))
    return out


def add_assignments(plan: Plan, paths: list[Path]) -> None:
    """Load more assignment files into ``plan`` (``--assignments`` with or without a plan)."""
    loaded = load_assignments(paths)
    clash = [Problem(a.path, f"任务编号「{a.id}」与 {plan.assignments[a.id].path} 重复")
             for a in loaded.values() if a.id in plan.assignments]
    if clash:
        raise InputError(clash)
    plan.assignments.update(loaded)
    names_seen: dict[str, str] = {}
    for act in plan.activities:
        for label in (act.id, act.name, *act.aliases):
            names_seen[fold_key(label)] = act.id
    plan.activities += assignment_activities(loaded, names_seen)


def _bool_policy(mapping: YamlMap, key: str, shown: str, problems: list[Problem]) -> bool:
    value = mapping.get(key)
    if value is None or value == "reject":
        return False
    if value == "count":
        return True
    problems.append(Problem(shown, f"extras：「{key}」应当是 reject（退回）或 count（计为计划外），这里是「{value}」",
                            line=line_of(mapping, key)))
    return False


def load_plan(
    path: str | Path,
    *,
    period: tuple[_dt.date, _dt.date] | None = None,
    extra_assignments: list[Path] | None = None,
) -> Plan:
    """Load and check a plan file; raise InputError listing every problem."""
    path = Path(path)
    shown = str(path)
    data = load_yaml_file(path, shown)
    problems: list[Problem] = []
    if data is None:
        data = YamlMap()
    if not isinstance(data, YamlMap):
        raise InputError([Problem(shown, f"培训计划应当是「键: 值」的映射，这里是{type_name(data)}")])
    problems += check_keys(data, shown, allowed=_PLAN_KEYS)

    title = expect_str(data, "title", shown, problems) or "培训覆盖统计"

    # Period
    start = end = None
    raw = data.get("period")
    if isinstance(raw, int) and not isinstance(raw, bool):
        if 1900 <= raw <= 2999:
            start, end = _dt.date(raw, 1, 1), _dt.date(raw, 12, 31)
        else:
            problems.append(Problem(shown, f"「period」年份「{raw}」不合理", line=line_of(data, "period")))
    elif isinstance(raw, YamlMap):
        problems += check_keys(raw, shown, allowed=("start", "end"), required=("start", "end"), where="period")
        start = expect_date(raw, "start", shown, problems, where="period")
        end = expect_date(raw, "end", shown, problems, where="period")
        if start and end and end < start:
            problems.append(Problem(shown, f"统计期间的结束日期 {end} 早于开始日期 {start}", line=line_of(raw, "end")))
    elif raw is not None:
        problems.append(Problem(shown, "「period」应当是年份（2025）或 {start: 2025-01-01, end: 2025-12-31}",
                                line=line_of(data, "period")))
    if period is not None:
        start, end = period
    if start is None or end is None:
        today = _dt.date.today()
        start, end = start or _dt.date(today.year, 1, 1), end or _dt.date(today.year, 12, 31)

    # Unit aliases
    unit_aliases: dict[str, str] = {}
    raw = data.get("unit_aliases")
    if raw is not None:
        if not isinstance(raw, YamlMap):
            problems.append(Problem(shown, "「unit_aliases」应当是「单位标准名称: [其他写法]」的映射",
                                    line=line_of(data, "unit_aliases")))
        else:
            for canonical in raw:
                names = expect_str_list(raw, canonical, shown, problems, where="unit_aliases") or []
                for name in names:
                    key = fold_key(name)
                    if key in unit_aliases and unit_aliases[key] != str(canonical):
                        problems.append(Problem(shown, f"单位别名「{name}」同时指向「{unit_aliases[key]}」和「{canonical}」",
                                                line=line_of(raw, canonical)))
                    unit_aliases[key] = str(canonical)

    part_aliases = dict(DEFAULT_PART_ALIASES)
    raw = data.get("part_aliases")
    if raw is not None:
        if not isinstance(raw, YamlMap):
            problems.append(Problem(shown, "「part_aliases」应当是「写法: 培训形式」的映射", line=line_of(data, "part_aliases")))
        else:
            for word in raw:
                target = raw[word]
                if target not in PARTS:
                    problems.append(Problem(shown, f"part_aliases：「{word}」应当对应 {'、'.join(PARTS)} 之一，这里是「{target}」",
                                            line=line_of(raw, word)))
                    continue
                part_aliases[fold_key(word)] = target

    minutes_per_hour = expect_number(data, "minutes_per_hour", shown, problems, minimum=1, maximum=600) or 60.0

    # Assignments
    assignment_paths: list[Path] = list(extra_assignments or [])
    raw = data.get("assignments")
    if raw is not None:
        entries = raw if isinstance(raw, list) else [raw]
        for i, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry.strip():
                problems.append(Problem(shown, "「assignments」应当是测验任务文件夹或文件的路径",
                                        line=line_of(raw, i) if isinstance(raw, YamlList) else line_of(data, "assignments")))
                continue
            p = Path(entry)
            assignment_paths.append(p if p.is_absolute() else path.parent / p)
    assignments: dict[str, Assignment] = {}
    if assignment_paths:
        try:
            assignments = load_assignments(assignment_paths)
        except InputError as exc:
            problems += exc.problems

    # Catalog
    activities: list[Activity] = []
    names_seen: dict[str, str] = {}
    raw = data.get("activities")
    if raw is not None:
        if not isinstance(raw, YamlList):
            problems.append(Problem(shown, "「activities」应当是活动列表，每项以「- id: …」开头", line=line_of(data, "activities")))
        else:
            for i, item in enumerate(raw):
                where = f"activities 第 {i + 1} 项"
                if not isinstance(item, YamlMap):
                    problems.append(Problem(shown, f"{where}应当是映射（id、name、part …）", line=line_of(raw, i)))
                    continue
                problems += check_keys(item, shown, allowed=_ACTIVITY_KEYS, required=("id", "name", "part"), where=where)
                ident = expect_str(item, "id", shown, problems, where=where)
                name = expect_str(item, "name", shown, problems, where=where)
                part = expect_str(item, "part", shown, problems, where=where)
                hours = expect_number(item, "hours", shown, problems, minimum=0, where=where)
                aliases = expect_str_list(item, "aliases", shown, problems, where=where) or []
                if ident and not SLUG_RE.match(ident):
                    problems.append(Problem(shown, f"{where}：活动编号「{ident}」不合规", line=line_of(item, "id"),
                                            hint="只用小写英文字母、数字，单词之间用 - 或 _ 连接"))
                if part and part not in PARTS:
                    problems.append(Problem(shown, f"{where}：「part」应当是 {'、'.join(PARTS)} 之一，这里是「{part}」",
                                            line=line_of(item, "part")))
                if not (ident and name and part in PARTS):
                    continue
                for label in (ident, name, *aliases):
                    key = fold_key(label)
                    if key in names_seen and names_seen[key] != ident:
                        problems.append(Problem(shown, f"{where}：名称或别名「{label}」已用于活动「{names_seen[key]}」",
                                                line=line_of(item, "aliases") or line_of(item)))
                    names_seen[key] = ident
                activities.append(Activity(id=ident, name=name, part=part,
                                           hours=None if hours is None else float(hours), aliases=tuple(aliases)))

    activities += assignment_activities(assignments, names_seen)
    catalog_ids = {a.id for a in activities}

    # Rules
    rules: dict[str, Rule] = {}
    default_rule = DEFAULT_RULE
    raw = data.get("rules")
    if raw is not None:
        if not isinstance(raw, YamlMap):
            problems.append(Problem(shown, "「rules」应当是「角色: 要求」的映射", line=line_of(data, "rules")))
        else:
            for role in raw:
                where = f"rules「{role}」"
                body = raw[role]
                if body is None:
                    body = YamlMap()
                if not isinstance(body, YamlMap):
                    problems.append(Problem(shown, f"{where}应当是映射（min_per_part、min_hours …）", line=line_of(raw, role)))
                    continue
                problems += check_keys(body, shown, allowed=_RULE_KEYS, where=where)
                per_part: dict[str, int] = {}
                mp = body.get("min_per_part")
                if mp is not None:
                    if not isinstance(mp, YamlMap):
                        problems.append(Problem(shown, f"{where}：「min_per_part」应当是「培训形式: 次数」的映射",
                                                line=line_of(body, "min_per_part")))
                    else:
                        for part in mp:
                            n = mp[part]
                            if part not in PARTS:
                                problems.append(Problem(shown, f"{where}：不认识的培训形式「{part}」",
                                                        line=mp.key_lines.get(part), hint="可用：" + "、".join(PARTS)))
                            elif isinstance(n, bool) or not isinstance(n, int) or n < 0:
                                problems.append(Problem(shown, f"{where}：「{part}」的次数应当是不小于 0 的整数，这里是「{n}」",
                                                        line=line_of(mp, part)))
                            else:
                                per_part[part] = n
                acts = expect_str_list(body, "required_activities", shown, problems, where=where) or []
                for a in acts:
                    if a not in catalog_ids:
                        problems.append(Problem(shown, f"{where}：必修活动「{a}」不在 activities 目录中",
                                                line=line_of(body, "required_activities")))
                assigns = expect_str_list(body, "required_assignments", shown, problems, where=where) or []
                for a in assigns:
                    if a not in assignments:
                        problems.append(Problem(shown, f"{where}：测验任务「{a}」没有找到",
                                                line=line_of(body, "required_assignments"),
                                                hint="在 assignments 中写明测验任务文件夹，并检查任务编号"))
                min_hours = expect_number(body, "min_hours", shown, problems, minimum=0, where=where) or 0.0
                rule = Rule(min_per_part=per_part, required_activities=tuple(acts),
                            required_assignments=tuple(assigns), min_hours=float(min_hours))
                if str(role) in (DEFAULT_ROLE, "默认", "其他"):
                    default_rule = rule
                else:
                    rules[str(role)] = rule

    extras = data.get("extras")
    count_people = count_acts = count_period = False
    if extras is not None:
        if not isinstance(extras, YamlMap):
            problems.append(Problem(shown, "「extras」应当是映射", line=line_of(data, "extras")))
        else:
            problems += check_keys(extras, shown, allowed=_EXTRA_KEYS, where="extras")
            count_people = _bool_policy(extras, "unknown_people", shown, problems)
            count_acts = _bool_policy(extras, "unknown_activities", shown, problems)
            count_period = _bool_policy(extras, "out_of_period", shown, problems)

    if problems:
        raise InputError(problems)
    return Plan(
        start=start,
        end=end,
        title=title,
        source=shown,
        unit_aliases=unit_aliases,
        part_aliases=part_aliases,
        minutes_per_hour=float(minutes_per_hour),
        activities=activities,
        rules=rules,
        default_rule=default_rule,
        count_unknown_people=count_people,
        count_unknown_activities=count_acts,
        count_out_of_period=count_period,
        assignments=assignments,
    )
