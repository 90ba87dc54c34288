"""Render the app icons (PNG) from webapp/static/img/icon.svg with Chromium.

Browsers ask for 192 and 512 px icons, and a maskable one whose artwork
stays inside the central 80 % safe zone. Run after changing the SVG:

    .venv/bin/python scripts/lib/render_icons.py
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parents[2] / "webapp" / "static" / "img"
GREEN = "#1b6b45"


def page_for(svg: str, size: int, maskable: bool) -> str:
    inner = int(size * 0.7) if maskable else size
    background = GREEN if maskable else "transparent"
    sized = svg.replace("<svg ", '<svg width="100%" height="100%" ', 1)
    return (
        f"<html><body style='margin:0;background:{background};"
        f"width:{size}px;height:{size}px;display:grid;place-items:center'>"
        f"<div style='width:{inner}px;height:{inner}px'>{sized}</div></body></html>"
    )


def main() -> None:
    svg = (STATIC / "icon.svg").read_text(encoding="utf-8")
    targets = [
        (192, False, "icon-192.png"),
        (512, False, "icon-512.png"),
        (512, True, "icon-maskable-512.png"),
        (180, True, "apple-touch-icon.png"),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for size, maskable, name in targets:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(page_for(svg, size, maskable))
            page.screenshot(path=STATIC / name, omit_background=not maskable)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
