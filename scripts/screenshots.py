"""Screenshots of the main pages from the demo data, into docs/screenshots/ (so they stay current).

Seeds the demo (manage.py seed_demo) into a fresh SQLite database in a temporary directory, runs the
development server on a free local port, and photographs the front page, the programme grid, the example
bank and an example page at 1280 and 390 px wide, in light mode (and the front page in dark mode), with
Playwright and Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH).

    .venv/bin/python scripts/screenshots.py            # all pages
    .venv/bin/python scripts/screenshots.py --keep     # keep the server's database for a look around
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
WIDTHS = {"1280": (1280, 900), "390": (390, 844)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a local URL we built)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


def first_link(base: str, path: str, pattern: str) -> str:
    """The first link on a page whose address matches the pattern (e.g. the first example in the bank)."""
    html = urllib.request.urlopen(base + path, timeout=10).read().decode()  # noqa: S310
    match = re.search(rf'href="({pattern})"', html)
    if match is None:
        raise SystemExit(f"No link matching {pattern} on {path}")
    return match.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="gp-screens-"))
    env = {**os.environ, "DEBUG": "true", "DB": "sqlite", "DB_NAME": str(workdir / "demo.sqlite3")}
    env.pop("TESTING", None)
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "seed_demo"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base + "/")
        edition = first_link(base, "/", r"/gp\d+/")
        example = first_link(base, "/eksempler/", r"/eksempler/\d+-[^\"?#]+/")
        pages = {
            "front": "/",
            "programme": edition + "program/",
            "bank": "/eksempler/",
            "example": example,
        }
        OUT.mkdir(parents=True, exist_ok=True)
        chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            for scheme in ("light", "dark"):
                for width_name, (width, height) in WIDTHS.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, color_scheme=scheme
                    )
                    page = context.new_page()
                    for name, path in pages.items():
                        if scheme == "dark" and name != "front":
                            continue
                        page.goto(base + path)
                        page.wait_for_load_state("load")
                        suffix = "" if scheme == "light" else "-dark"
                        target = OUT / f"{name}-{width_name}{suffix}.png"
                        page.screenshot(path=str(target), full_page=width_name == "1280")
                        print(f"{target.relative_to(ROOT)}  ({path})")
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if args.keep:
            print(f"Database kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
