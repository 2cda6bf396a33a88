"""The review page in a real headless Chromium: decide, export, import, and `cleanup fix` obeys.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them)
and selenium (test extras). Skipped, with the reason shown, only on a machine
without them and outside CI; in CI (``CI=true``) it must run.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleanup.cli import main

from .conftest import SAMPLE_RULES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")

if not (CHROMIUM and DRIVER) and not IN_CI:
    pytest.skip("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; "
                ".ci/run installs them)", allow_module_level=True)

if not IN_CI:
    pytest.importorskip("selenium", reason="selenium comes with the test extras")
from selenium import webdriver  # noqa: E402  (in CI a missing selenium must fail, not skip)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

TEXT = (
    "A letter came from tov. Rakovsky in March.\n"
    "It remains in force .\n"
    "\n"
    "The door was shut, and he turned the key in the castle twice.\n"
    "A second note came from tov. Sosnovsky later.\n"
)


def run(*args: str) -> Any:
    if args[0] in ("review", "fix", "check"):  # the sample's opt-in pack holds the 'castle' calque
        args = (args[0], "--rules", str(SAMPLE_RULES), *args[1:])
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def browser(tmp_path: Path) -> Any:
    assert CHROMIUM and DRIVER, "chromium and chromium-driver must be installed in CI (.ci/run installs them)"
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "download.directory_upgrade": True, "safebrowsing.enabled": False,
    })
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _wait_for(path_glob: Path, pattern: str, seconds: float = 90) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [p for p in path_glob.glob(pattern) if not p.name.endswith(".crdownload")]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no {pattern} downloaded into {path_glob}")


def test_accept_one_reject_another_export_import_and_fix(tmp_path: Path, browser: Any) -> None:
    book = tmp_path / "ch1.txt"
    book.write_text(TEXT, encoding="utf-8")
    ledger = tmp_path / ".cleanup" / "decisions.jsonl"
    page = tmp_path / "review.html"
    made = run("review", "--decisions", str(ledger), "--html", str(page), str(book))
    assert made.exit_code == 0, made.output
    source = page.read_text(encoding="utf-8")
    assert "http://" not in source and "https://" not in source and "src=" not in source  # nothing fetched

    browser.get(page.as_uri())
    items = browser.find_elements(By.CSS_SELECTOR, "[data-rule][data-start][data-end]")
    assert [i.get_attribute("data-rule") for i in items] == ["ru-en.abbrev.comrade", "trotsky-sample.calque.lock",
                                                             "ru-en.abbrev.comrade"]
    first, lock, second = items
    assert TEXT[int(first.get_attribute("data-start")):int(first.get_attribute("data-end"))] == "tov."
    assert first.find_element(By.CSS_SELECTOR, "del").text == "tov."
    assert first.find_element(By.CSS_SELECTOR, "ins").text == "comrade"
    assert "3 left of 3" in browser.find_element(By.ID, "counts").text

    # filters: by tier
    Select(browser.find_element(By.ID, "filter-tier")).select_by_value("review")
    assert [i.is_displayed() for i in items] == [False, True, False]
    Select(browser.find_element(By.ID, "filter-tier")).select_by_value("")
    assert all(i.is_displayed() for i in items)

    first.find_element(By.CSS_SELECTOR, '[data-action="accept"]').click()
    # keyboard: j moves to the next item, n rejects the one in focus
    browser.execute_script("arguments[0].focus()", lock)
    browser.switch_to.active_element.send_keys("j")
    browser.switch_to.active_element.send_keys("n")
    WebDriverWait(browser, 30).until(lambda _: second.get_attribute("data-decision") == "rejected")
    assert first.get_attribute("data-decision") == "accepted" and lock.get_attribute("data-decision") is None
    assert "1 left of 3" in browser.find_element(By.ID, "counts").text

    hook = browser.execute_script("return window.cleanupExport()")
    browser.find_element(By.ID, "export").click()
    exported = _wait_for(browser.downloads, "*.jsonl")
    assert exported.read_text(encoding="utf-8") == hook
    lines = [json.loads(line) for line in hook.splitlines()]
    assert [(d["original"], d["decision"]) for d in lines] == [("tov.", "accepted"), ("tov.", "rejected")]

    assert run("decisions", "import", "--decisions", str(ledger), str(exported)).exit_code == 0
    fixed = run("fix", "--decisions", str(ledger), str(book))
    assert fixed.exit_code == 1
    out = book.read_text(encoding="utf-8")
    assert "from comrade Rakovsky" in out and "from tov. Sosnovsky" in out and "in force." in out
    # never the rejected one, in any later run
    assert run("fix", "--decisions", str(ledger), "--unsafe-fixes", str(book)).exit_code == 0
    assert "from tov. Sosnovsky" in book.read_text(encoding="utf-8")
    checked = run("check", "--decisions", str(ledger), str(book))
    assert [line.split(" ")[1] for line in checked.stdout.splitlines()] == ["trotsky-sample.calque.lock"]
