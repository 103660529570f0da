"""Take the screenshots of docs/web.md and docs/charts.md from the real pages, in Chromium.

Runs the pipeline on examples/, imports the Mass Mobilization rows for Kazakhstan from the shared
data (in place), serves the store, walks the review desk, then shoots every chart at 1400 and
800 pixels wide (the widths docs/charts.md promises to look right at).
Run: PYTHONPATH=src python scripts/web_screenshots.py   (needs /usr/bin/chromium; writes docs/img/*.png)
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.shared_path import SHARED
from tests.web.conftest import CHROMIUM_ARGS, PASSWORD, REVIEWER, serve

from contention.review import hash_password
from contention.store import open_store

OUT = ROOT / "docs" / "img"
MM_KZ = SHARED / "data" / "mass-mobilization" / "mm_kazakhstan.csv"
#: (file stem, page, element): each is shot at every width in WIDTHS.
CHARTS = (
    ("chart-timeline", "/episodes?country=KZ", "#timeline"),
    ("chart-repertoire", "/learning?country=KZ", "#repertoire"),
    ("chart-learning", "/learning?country=KZ", ".side-by-side"),
    ("chart-monthly", "/learning?country=KZ", "#monthly"),
    ("chart-map-kz", "/map?country=KZ", "#map"),
    ("chart-map-world", "/map", "#map"),
    ("web-browse", "/events?q=strik*", "main"),
)
WIDTHS = (1400, 800)


def main() -> None:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="contention-shots-"))
    url = f"sqlite:///{tmp / 'contention.db'}"
    subprocess.run([sys.executable, "-m", "contention", "run", str(ROOT / "examples"), "--db", url, "--no-report", "-q"],
                   check=True, cwd=tmp)
    subprocess.run([sys.executable, "-m", "contention", "import", "mm", str(MM_KZ), "--db", url, "-q"], check=True)
    with open_store(url) as store:
        store.add_user(REVIEWER, hash_password(PASSWORD))
    OUT.mkdir(parents=True, exist_ok=True)
    server = serve(url)
    live = next(server)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 760})
        page.goto(f"{live.url}/events?q=Zhanaozen&family=repression")
        page.screenshot(path=str(OUT / "web-events.png"))
        page.locator("#events tr.event a").first.click()
        page.wait_for_selector("mark.primary")
        page.locator("mark.primary").first.scroll_into_view_if_needed()
        page.screenshot(path=str(OUT / "web-event.png"))
        key = page.inner_text("#key")
        page.goto(f"{live.url}/login?next=/events/{key}")
        page.fill("input[name=name]", REVIEWER)
        page.fill("input[name=password]", PASSWORD)
        page.click("#login button")
        page.wait_for_selector("#who")
        page.fill("#correct input[name=date]", "2011-12-17")
        page.fill("#correct input[name=reason]", "the report dates it a day later")
        page.locator("#correct").scroll_into_view_if_needed()
        page.screenshot(path=str(OUT / "web-correct.png"))
        page.click("#correct button")
        page.wait_for_selector("#note")
        page.locator("#audit form.undo button").first.click()
        page.wait_for_selector("#note")
        page.goto(f"{live.url}/audit")
        page.screenshot(path=str(OUT / "web-audit.png"))
        for width in WIDTHS:
            view = browser.new_page(viewport={"width": width, "height": 900})
            for stem, path, selector in CHARTS:
                view.goto(f"{live.url}{path}", timeout=120_000)
                target = OUT / f"{stem}-{width}.png"
                if stem.startswith("web-"):  # a whole page: what the window shows
                    view.screenshot(path=str(target))
                else:
                    view.locator(selector).first.screenshot(path=str(target))
            view.close()
        browser.close()
    next(server, None)
    for png in sorted(OUT.glob("*.png")):
        print(png.relative_to(ROOT), f"{png.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
