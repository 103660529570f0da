"""Take the screenshots of docs/web.md: run the pipeline on examples/, serve it, walk the review in Chromium.

Run: PYTHONPATH=src python scripts/web_screenshots.py   (needs /usr/bin/chromium; writes docs/img/web-*.png)
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.conftest import CHROMIUM_ARGS, PASSWORD, REVIEWER, serve

from contention.review import hash_password
from contention.store import open_store

OUT = ROOT / "docs" / "img"


def main() -> None:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="contention-shots-"))
    url = f"sqlite:///{tmp / 'contention.db'}"
    subprocess.run([sys.executable, "-m", "contention", "run", str(ROOT / "examples"), "--db", url, "--no-report", "-q"],
                   check=True, cwd=tmp)
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
        page.goto(f"{live.url}/map?country=KZ")
        page.screenshot(path=str(OUT / "web-map.png"))
        browser.close()
    next(server, None)
    for png in sorted(OUT.glob("web-*.png")):
        print(png.relative_to(ROOT), f"{png.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
