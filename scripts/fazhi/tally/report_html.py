"""coverage.html: a single-file report that opens offline.

Inline CSS, an inline SVG bar chart of coverage per unit, the summary table,
the row accounting and the assignments. No script, no image, no font and no
link to anything outside the file. Only aggregated figures (no names).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fazhi.tally.engine import REASONS, Result, UnitResult

__all__ = ["render_html", "write_html", "coverage_svg"]

_CSS = """
body{font-family:system-ui,"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em auto;
max-width:1100px;padding:0 1em;color:#1f2328;line-height:1.5}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #d0d7de}
.meta{color:#57606a;font-size:.92em}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:right}
th{background:#f0f4f8}td:first-child,th:first-child,td.t,th.t{text-align:left}
tr.total td{font-weight:bold;background:#f6f8fa}
.ok{color:#1a7f37}.warn{color:#9a6700}
svg text{font-size:13px;fill:#1f2328}
.note{font-size:.88em;color:#57606a}
@media print{body{margin:0}h2{break-after:avoid}}
"""


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}".rstrip("0").rstrip(".")


def coverage_svg(units: list[UnitResult]) -> str:
    """A horizontal bar chart of coverage per unit, as inline SVG."""
    label_w, bar_w, row_h, top = 170, 460, 26, 24
    width = label_w + bar_w + 70
    height = top + row_h * max(len(units), 1) + 10
    parts = [
        f'<svg role="img" aria-labelledby="chart-title" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        '<title id="chart-title">各单位培训覆盖率</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 8}" stroke="#d0d7de" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle">{tick}%</text>')
    for i, u in enumerate(units):
        y = top + i * row_h
        cov = u.coverage or 0.0
        w = bar_w * cov
        label = u.unit if len(u.unit) <= 12 else u.unit[:11] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="#2f81f7">'
                     f'<title>{escape(u.unit)}：{_pct(u.coverage)}（{u.covered}/{u.headcount}）</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 17}">{_pct(u.coverage)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(result: Result) -> str:
    plan = result.plan
    e = escape
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(plan.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(plan.title)}</h1>",
        f'<p class="meta">统计期间：{plan.start} 至 {plan.end}　生成时间：{e(result.generated_at.isoformat(timespec="seconds"))}'
        f"　培训计划：{e(plan.source or '未指定（默认规则）')}</p>",
        f'<p>读入 <b>{result.read}</b> 行：计入 <b>{result.accepted}</b>（其中计划外 {result.extra}），'
        f"退回 <b>{result.rejected}</b>，重复 <b>{result.duplicate_count}</b>（只计一次）。"
        f"在岗 {result.total.headcount} 人，已达标 {result.total.covered} 人，覆盖率 {_pct(result.total.coverage)}。</p>",
        "<h2>各单位覆盖率</h2>",
        coverage_svg(result.units),
        "<h2>汇总</h2>",
    ]
    head = ["单位", "在岗人数", "不计入", "已达标", "覆盖率"] + [f"{p}参加人数" for p in result.parts]
    head += ["人均学时", "学时达标/要求"]
    out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>")
    for u in [*result.units, result.total]:
        cells = [e(u.unit), u.headcount, u.exempt, u.covered, _pct(u.coverage)]
        cells += [u.parts[p]["people"] for p in result.parts]
        cells += [_num(u.hours_average),
                  f"{u.min_hours_met}/{u.min_hours_required}" if u.min_hours_required else "—"]
        cls = ' class="total"' if u is result.total else ""
        out.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")

    rules = [f"<li>{e(role)}：{e(rule.describe())}</li>" for role, rule in plan.rules.items()]
    rules.append(f"<li>{'其他角色' if plan.rules else '所有人'}：{e(plan.default_rule.describe())}</li>")
    out.append("<h2>达标要求</h2><ul>" + "".join(rules) + "</ul>")

    if result.assignments:
        out.append("<h2>测验任务</h2><table><thead><tr><th>任务</th><th>开始</th><th>截止</th><th>及格线</th>"
                   "<th>应完成</th><th>按期完成</th><th>逾期完成</th><th>未完成</th></tr></thead><tbody>")
        for a in result.assignments:
            out.append(f"<tr><td>{e(a.title)}</td><td>{a.opens}</td><td>{a.due}</td><td>{_num(a.pass_mark)}</td>"
                       f"<td>{a.targeted}</td><td>{a.on_time}</td><td>{a.late}</td><td>{a.missing}</td></tr>")
        out.append("</tbody></table>")

    sessions = [(a.activity, d, n) for a in result.activities if a.activity.part == "会前学法"
                for d, n in zip(a.days, a.day_counts)]
    if sessions:
        out.append("<h2>会前学法场次</h2><table><thead><tr><th>活动</th><th>日期</th><th>出席人次</th></tr></thead><tbody>")
        for act, d, n in sessions:
            out.append(f"<tr><td>{e(act.name)}</td><td>{d}</td><td>{n}</td></tr>")
        out.append("</tbody></table>")

    out.append("<h2>输入文件</h2><table><thead><tr><th>文件</th><th class=\"t\">格式</th><th>读入</th><th>计入</th>"
               "<th>退回</th><th>重复</th></tr></thead><tbody>")
    for f in result.files:
        out.append(f"<tr><td>{e(f.file)}</td><td class=\"t\">{e(f.format)}</td><td>{f.read}</td><td>{f.accepted}</td>"
                   f"<td>{f.rejected}</td><td>{f.duplicates}</td></tr>")
    out.append(f'<tr class="total"><td>合计</td><td></td><td>{result.read}</td><td>{result.accepted}</td>'
               f"<td>{result.rejected}</td><td>{result.duplicate_count}</td></tr></tbody></table>")

    reasons = result.by_reason()
    if reasons:
        out.append("<h2>退回原因</h2><table><thead><tr><th>原因</th><th>行数</th></tr></thead><tbody>")
        for code, n in reasons.most_common():
            out.append(f"<tr><td>{e(REASONS.get(code, code))}</td><td>{n}</td></tr>")
        out.append("</tbody></table><p class=\"note\">每一行退回记录的文件、行号和原因见 rejects.csv。</p>")
    out.append('<p class="note">本页只含汇总数字。人员明细（谁还缺什么）见同一文件夹中的 coverage.xlsx，'
               "其中含姓名，请按个人信息管理要求保存，不要发布到网站。</p>")
    out.append("</body></html>")
    return "\n".join(out)


def write_html(result: Result, path: Path) -> None:
    path.write_text(render_html(result), encoding="utf-8")
