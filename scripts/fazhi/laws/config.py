"""Settings of the law library: ``extra.law_library`` in mkdocs.yml.

    extra:
      law_library:
        core: [宪法, 立法法, 行政处罚法, …]   # always in the library
        slugs: {安全生产法: anquan-shengchan-fa}   # optional: page paths of more laws
        aliases: {政务处分法: 公职人员政务处分法}   # optional: more short names

Every law cited anywhere in docs/ and quizzes/ is in the library too. A law's
page is ``laws/<slug>/``: the slug comes from ``slugs``, else from the
built-in table below, else it is ``law-<law_id>`` (the database's id, stable
for one pinned version of the database; the citation report suggests adding
a slug for such laws). Slugs are part of the site's addresses: keep them
stable once published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fazhi.errors import InputError, Problem

SECTION = "laws"  # the library's folder in the site: laws/index.md, laws/<slug>.md
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DEFAULT_CORE = [
    "宪法", "立法法", "行政处罚法", "行政许可法", "行政强制法", "行政复议法", "行政诉讼法",
    "国家赔偿法", "公职人员政务处分法", "法治宣传教育法",
]

# Page paths (pinyin) of the laws this site is likely to cite, by short name.
BUILTIN_SLUGS = {
    "宪法": "xianfa",
    "立法法": "lifa-fa",
    "行政处罚法": "xingzheng-chufa-fa",
    "行政许可法": "xingzheng-xuke-fa",
    "行政强制法": "xingzheng-qiangzhi-fa",
    "行政复议法": "xingzheng-fuyi-fa",
    "行政诉讼法": "xingzheng-susong-fa",
    "国家赔偿法": "guojia-peichang-fa",
    "公职人员政务处分法": "gongzhi-renyuan-zhengwu-chufen-fa",
    "法治宣传教育法": "fazhi-xuanchuan-jiaoyu-fa",
    "监察法": "jiancha-fa",
    "公务员法": "gongwuyuan-fa",
    "治安管理处罚法": "zhian-guanli-chufa-fa",
    "民法典": "minfadian",
    "刑法": "xingfa",
    "安全生产法": "anquan-shengchan-fa",
    "食品安全法": "shipin-anquan-fa",
    "消费者权益保护法": "xiaofeizhe-quanyi-baohu-fa",
    "个人信息保护法": "geren-xinxi-baohu-fa",
    "道路交通安全法": "daolu-jiaotong-anquan-fa",
    "产品质量法": "chanpin-zhiliang-fa",
    "广告法": "guanggao-fa",
    "反不正当竞争法": "fan-buzhengdang-jingzheng-fa",
    "药品管理法": "yaopin-guanli-fa",
    "土地管理法": "tudi-guanli-fa",
    "城乡规划法": "chengxiang-guihua-fa",
    "突发事件应对法": "tufa-shijian-yingdui-fa",
    "地方各级人民代表大会和地方各级人民政府组织法": "difang-zuzhi-fa",
    "国务院组织法": "guowuyuan-zuzhi-fa",
    "数据安全法": "shuju-anquan-fa",
    "网络安全法": "wangluo-anquan-fa",
    "保守国家秘密法": "baoshou-guojia-mimi-fa",
    "档案法": "dangan-fa",
    "人民调解法": "renmin-tiaojie-fa",
    "劳动法": "laodong-fa",
    "劳动合同法": "laodong-hetong-fa",
    "价格法": "jiage-fa",
    "公路法": "gonglu-fa",
}

# Common abbreviations, used only when the law they stand for is in the database.
BUILTIN_ALIASES = {
    "行诉法": "行政诉讼法",
    "民诉法": "民事诉讼法",
    "刑诉法": "刑事诉讼法",
    "政务处分法": "公职人员政务处分法",
    "地方组织法": "地方各级人民代表大会和地方各级人民政府组织法",
    "消保法": "消费者权益保护法",
    "个保法": "个人信息保护法",
    "道交法": "道路交通安全法",
}


@dataclass
class LibraryConfig:
    core: list[str] = field(default_factory=lambda: list(DEFAULT_CORE))
    slugs: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def all_aliases(self) -> dict[str, str]:
        return {**BUILTIN_ALIASES, **self.aliases}

    def slug_for(self, short: str, law_id: str) -> str:
        return self.slugs.get(short) or BUILTIN_SLUGS.get(short) or f"law-{law_id}"


def from_extra(extra: dict | None, where: str = "mkdocs.yml") -> LibraryConfig:
    """The settings under ``extra.law_library`` (defaults when it is absent)."""
    raw = (extra or {}).get("law_library")
    if raw is None:
        return LibraryConfig()
    key = "extra.law_library"
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise InputError([Problem(where, f"{key} 应当是一组设置（core、slugs、aliases）", hint="参照 docs/guide/maintainers.md 中“法律法规库”一节")])
    unknown = sorted(set(raw) - {"core", "slugs", "aliases"})
    if unknown:
        problems.append(Problem(where, f"{key} 中有不认识的设置：{'、'.join(map(str, unknown))}", hint="只能写 core、slugs、aliases"))
    config = LibraryConfig()
    core = raw.get("core", DEFAULT_CORE)
    if not isinstance(core, list) or not all(isinstance(n, str) and n.strip() for n in core):
        problems.append(Problem(where, f"{key}.core 应当是法律名称的列表", hint="例如 core: [宪法, 行政处罚法]"))
    else:
        config.core = [n.strip().strip("《》") for n in core]
    for name in ("slugs", "aliases"):
        value = raw.get(name) or {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            problems.append(Problem(where, f"{key}.{name} 应当是“名称: 值”的对照表", hint=f"例如 {name}: {{安全生产法: anquan-shengchan-fa}}" if name == "slugs" else f"例如 {name}: {{政务处分法: 公职人员政务处分法}}"))
            continue
        setattr(config, name, {k.strip().strip("《》"): v.strip() for k, v in value.items()})
    for short, slug in config.slugs.items():
        if not SLUG_RE.match(slug) or slug == "index":
            problems.append(Problem(where, f"{key}.slugs 中《{short}》的路径“{slug}”不合规", hint="只用小写英文字母、数字和连字符，例如 anquan-shengchan-fa，且不能是 index"))
    if problems:
        raise InputError(problems)
    return config


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/…): they become None."""


def _ignore_tag(loader, _suffix, node):
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def load_project(project: Path) -> tuple[Path, LibraryConfig]:
    """(docs folder, library settings) of the MkDocs project in ``project``, read from its mkdocs.yml."""
    path = project / "mkdocs.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except OSError as exc:
        raise InputError([Problem(str(path), f"无法读取 mkdocs.yml（{exc.strerror}）", hint="在仓库根目录运行，或用 --project 指定仓库文件夹")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(str(path), "mkdocs.yml 不是有效的 YAML", line=mark.line + 1 if mark else None, hint="按 YAML 格式改正")]) from None
    docs_dir = project / (data.get("docs_dir") or "docs")
    return docs_dir, from_extra(data.get("extra") or {}, str(path))
