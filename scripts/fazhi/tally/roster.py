"""The roster (人员名册): who is to be trained, in which unit and role.

A roster is a CSV or XLSX table with a header row (title rows above it are
fine). Columns (recognised by these headers, see ``columns.ROSTER_HEADERS``):

=========  ==============================================  ========
field      headers                                         needed
=========  ==============================================  ========
id         工号 / 执法证号 / 人员编号 … (several allowed)    yes
name       姓名                                            yes
unit       单位 / 所属单位 / 部门 / 镇街                     yes
role       角色 / 人员类别 / 岗位类别                        no
status     状态 / 在岗状态                                  no
reason     免训原因 / 原因 / 备注                            no
idcard     身份证号                                         no
=========  ==============================================  ========

Status: empty, 在岗, 在职 or 正常 means the person counts (在岗). Any other
status (免训, 病休, 借调, 调离 …) marks the person as not counted; the status
text and the reason column are shown as the reason.

If the roster has two id columns (工号 and 执法证号), a log row matches a person
by either. Ids are compared after trimming, half-width conversion and
upper-casing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fazhi.errors import InputError, Problem
from fazhi.tally.columns import ROSTER_HEADERS
from fazhi.tally.normalize import Bad, clean_id, clean_idcard, clean_name, clean_text, fold_key
from fazhi.tally.readers import ReadError, open_table

__all__ = ["Person", "Roster", "load_roster", "ACTIVE_STATUSES", "UnitAliases"]

ACTIVE_STATUSES = {"", "在岗", "在职", "正常", "在编", "active"}


class UnitAliases:
    """Unit names as written in files → the canonical unit name."""

    def __init__(self, aliases: dict[str, str] | None = None):
        self._map = {fold_key(k): v for k, v in (aliases or {}).items()}
        self._cache: dict[object, str] = {}

    def __call__(self, value: object) -> str:
        try:
            return self._cache[value]
        except (KeyError, TypeError):
            pass
        text = clean_text(value)
        out = self._map.get(fold_key(text), text)
        if len(self._cache) < 100_000:
            try:
                self._cache[value] = out
            except TypeError:
                pass
        return out


@dataclass
class Person:
    idx: int
    id: str
    name: str
    unit: str
    role: str = ""
    active: bool = True
    status: str = "在岗"
    reason: str = ""
    row: int = 0
    alt_ids: tuple[str, ...] = ()
    idcard: str = ""
    outside: bool = False  # not in the roster (counted only when the plan says so)


@dataclass
class Roster:
    path: str
    people: list[Person] = field(default_factory=list)
    by_id: dict[str, int] = field(default_factory=dict)
    by_idcard: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    by_name_unit: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    zero_stripped: dict[str, str] = field(default_factory=dict)
    units: list[str] = field(default_factory=list)
    has_idcard: bool = False

    def index(self) -> None:
        self.by_id.clear()
        self.by_name.clear()
        self.by_name_unit.clear()
        self.zero_stripped.clear()
        self.by_idcard.clear()
        units: dict[str, None] = {}
        for p in self.people:
            if p.outside:
                continue
            for ident in (p.id, *p.alt_ids):
                self.by_id[ident] = p.idx
                if ident.isdigit() and ident.startswith("0"):
                    self.zero_stripped.setdefault(ident.lstrip("0") or "0", ident)
            if p.idcard:
                self.by_idcard[p.idcard] = p.idx
            self.by_name.setdefault(p.name, []).append(p.idx)
            self.by_name_unit.setdefault((p.name, p.unit), []).append(p.idx)
            units[p.unit] = None
        self.units = list(units)

    @property
    def active_count(self) -> int:
        return sum(1 for p in self.people if p.active and not p.outside)

    def lookup_id(self, cleaned: str) -> int | Bad:
        """Roster index of a cleaned id; a Bad says why there is none."""
        idx = self.by_id.get(cleaned)
        if idx is not None:
            return idx
        if cleaned.isdigit():
            padded = self.zero_stripped.get(cleaned.lstrip("0") or "0")
            if padded is not None and padded != cleaned:
                return Bad(
                    f"编号「{cleaned}」疑似被 Excel 去掉了前导零（名册中有「{padded}」），不做猜测",
                    "id_lost_zeros",
                )
        return Bad(f"名册中没有编号为「{cleaned}」的人员", "unknown_person")

    def lookup_idcard(self, cleaned: str) -> int | Bad:
        if not self.has_idcard:
            return Bad("只有身份证号，而名册没有身份证号列，无法对应到人", "unknown_person")
        idx = self.by_idcard.get(cleaned)
        if idx is not None:
            return idx
        return Bad("名册中没有此身份证号的人员", "unknown_person")

    def lookup_name(self, name: str, unit: str) -> int | Bad:
        """Match by name (and unit when given) only when exactly one person fits."""
        if unit:
            found = self.by_name_unit.get((name, unit))
            if found and len(found) == 1:
                return found[0]
            if found:
                return Bad(f"名册中「{unit}」有 {len(found)} 人叫「{name}」，无法确定是谁（请补充工号）", "ambiguous_name")
        found = self.by_name.get(name)
        if not found:
            return Bad(f"名册中没有叫「{name}」的人员", "unknown_person")
        if len(found) > 1:
            return Bad(f"名册中有 {len(found)} 人叫「{name}」，无法确定是谁（请补充工号）", "ambiguous_name")
        if unit and self.people[found[0]].unit != unit:
            return Bad(
                f"名册中「{name}」在「{self.people[found[0]].unit}」，与记录中的单位「{unit}」不符（请补充工号）",
                "ambiguous_name",
            )
        return found[0]


def load_roster(path: str | Path, shown: str | None = None, *, unit_aliases: UnitAliases | None = None,
                sheet: str | int | None = None) -> Roster:
    """Read and check a roster; raise InputError with every problem found."""
    shown = shown or str(path)
    aliases = unit_aliases or UnitAliases()
    source = open_table(path, shown, table=ROSTER_HEADERS, sheet=sheet, what="人员名册")
    cmap = source.cmap
    problems: list[Problem] = []
    for fld, label in (("id", "工号/执法证号"), ("name", "姓名"), ("unit", "单位")):
        if not cmap.has(fld):
            found = "、".join(f"「{h}」" for h in cmap.headers if h)
            problems.append(
                Problem(shown, f"人员名册缺少「{label}」列（第 {source.header_row} 行表头：{found}）",
                        line=source.header_row, hint="名册需要 工号（或执法证号）、姓名、单位 三列；角色、状态、免训原因可选")
            )
    if problems:
        source.close()
        raise InputError(problems)

    id_cols = cmap.columns["id"]
    name_i, unit_i = cmap.first("name"), cmap.first("unit")
    role_i, status_i, reason_i = cmap.first("role"), cmap.first("status"), cmap.first("reason")
    idcard_i = cmap.first("idcard")
    width = max(i for cols in cmap.columns.values() for i in cols) + 1
    roster = Roster(path=shown, has_idcard=idcard_i is not None)
    seen: dict[str, int] = {}
    seen_card: dict[str, int] = {}
    rowno = source.first_row - 1
    try:
        for cells in source.rows:
            rowno += 1
            if not cells or all(c == "" or c is None for c in cells):
                continue
            if len(cells) < width:
                cells = list(cells) + [""] * (width - len(cells))
            ids: list[str] = []
            for ci in id_cols:
                value = clean_id(cells[ci])
                if isinstance(value, Bad):
                    problems.append(Problem(shown, str(value), line=rowno,
                                            hint="把编号列设为「文本」格式后重新录入或导出"))
                elif value:
                    ids.append(value)
            name = clean_name(cells[name_i])
            unit = aliases(cells[unit_i])
            if not ids:
                if not any(p.line == rowno for p in problems):
                    problems.append(Problem(shown, f"第 {rowno} 行缺少工号/执法证号（姓名：{name or '空'}）", line=rowno))
                continue
            if not name:
                problems.append(Problem(shown, f"编号「{ids[0]}」缺少姓名", line=rowno))
            if not unit:
                problems.append(Problem(shown, f"编号「{ids[0]}」缺少单位", line=rowno))
            for ident in ids:
                if ident in seen:
                    problems.append(Problem(shown, f"编号「{ident}」重复（第 {seen[ident]} 行已有）", line=rowno,
                                            hint="同一个人只保留一行"))
                seen.setdefault(ident, rowno)
            idcard = ""
            if idcard_i is not None:
                card = clean_idcard(cells[idcard_i])
                if isinstance(card, Bad):
                    problems.append(Problem(shown, "身份证号" + str(card)[2:], line=rowno,
                                            hint="把身份证号列设为「文本」格式后重新录入"))
                elif card:
                    if card in seen_card:
                        problems.append(Problem(shown, f"身份证号重复（第 {seen_card[card]} 行已有）", line=rowno))
                    seen_card.setdefault(card, rowno)
                    idcard = card
            status = clean_text(cells[status_i]) if status_i is not None else ""
            reason = clean_text(cells[reason_i]) if reason_i is not None else ""
            active = fold_key(status) in ACTIVE_STATUSES
            roster.people.append(
                Person(
                    idx=len(roster.people),
                    id=ids[0],
                    alt_ids=tuple(ids[1:]),
                    name=name,
                    unit=unit,
                    role=clean_text(cells[role_i]) if role_i is not None else "",
                    active=active,
                    status=status or "在岗",
                    reason=reason if not active else "",
                    row=rowno,
                    idcard=idcard,
                )
            )
    except ReadError as exc:
        problems.append(Problem(shown, exc.message, line=exc.row, hint=exc.hint))
    finally:
        source.close()
    if not roster.people and not problems:
        problems.append(Problem(shown, "人员名册里没有人员", hint="检查是否选错了文件或工作表"))
    if problems:
        raise InputError(problems)
    roster.index()
    return roster
