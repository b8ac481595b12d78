"""MkDocs hook: Chinese search that uses every word of the query.

Material 9.8's search worker splits a Chinese query greedily into words that
are in the index, but its loop never tries a word that ends at the query's
last character: 行政复议 is searched as 行政 alone, and returns every page about
行政处罚 too. And the words it finds are OR'ed, so a page whose title holds
行政 outranks the page about 复议. This hook patches the built worker:

- the two loop bounds (``j < query.length`` → ``j <= query.length``, and the
  same where the next word may start), so 行政复议 becomes 行政 + 复议;
- the words of one run of Chinese text are all required (``+行政* +复议*``),
  as when a user types a compound term, so only pages holding both match.

The patched file keeps Material's hashed name, which deploy/nginx.conf caches
for a year: if PATCHES ever change while Material's version does not, a
browser may keep the previous worker (plain Material search) until its cache
expires. Upgrading Material changes the name.

Material is pinned (requirements.txt). If its worker changes so that the
patch no longer applies, the build fails here (strict) rather than shipping
a silently unpatched search: review the segment() function in Material's
src/templates/assets/javascripts/integrations/search/query/segment/index.ts.
"""

from __future__ import annotations

import glob
import logging
import os

log = logging.getLogger("mkdocs.hooks.search_segment_fix")

# Minified form of segment() in Material 9.8.2's search worker.
PATCHES = [
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
    ('[...fe(s,this.index.invertedIndex)].join("* ")', '"+"+[...fe(s,this.index.invertedIndex)].join("* +")+"*"'),
]


def patch_worker(source: str) -> str | None:
    """The worker's source with the fix applied, or None when it does not match."""
    for old, new in PATCHES:
        if source.count(old) != 1:
            return None
        source = source.replace(old, new)
    return source


def on_post_build(config):
    # Material registers its search plugin as "material/search".
    if not any(name.split("/")[-1] == "search" for name in config.plugins):
        return
    workers = glob.glob(os.path.join(config.site_dir, "assets", "javascripts", "workers", "search.*.min.js"))
    for path in workers:
        with open(path, encoding="utf-8") as handle:
            patched = patch_worker(handle.read())
        if patched is None:
            log.warning(
                "搜索分词修补未能应用到 %s：Material 的搜索脚本已变化，请检查 scripts/hooks/search_segment_fix.py。",
                os.path.relpath(path, config.site_dir),
            )
            continue
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(patched)
    if not workers:
        log.warning("没有找到 Material 的搜索脚本（assets/javascripts/workers/search.*.min.js）。")
