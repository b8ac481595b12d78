"""Adding a hook's own stylesheet and script (files under docs/assets/) to every page."""

from __future__ import annotations


def add_assets(config, stylesheet: str = "", script: str = "") -> None:
    """Append ``stylesheet`` to extra_css and ``script`` to extra_javascript, once each."""
    if stylesheet and stylesheet not in config.extra_css:
        config.extra_css.append(stylesheet)
    if script and script not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(script)
