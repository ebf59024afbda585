"""Headless Chromium for the monitoring suite: Debian's `chromium` and `chromium-driver`, driven by selenium.

The driver path is given to selenium's Service, so selenium-manager never runs (it would go to the network).
"""

from __future__ import annotations

import shutil
import statistics
import struct
from pathlib import Path

CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")


def missing_tools() -> str | None:
    """Why headless Chromium cannot start here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    if not shutil.which("chromedriver"):
        return "chromedriver not on PATH (apt-get install chromium chromium-driver)"
    if not chromium_binary():
        return "chromium not on PATH (apt-get install chromium chromium-driver)"
    return None


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def start_chromium(width: int = 1440, height: int = 1000, javascript: bool = True):
    """A headless Chromium WebDriver with the browser console log captured; the caller quits it.

    With `javascript=False` pages run no script of their own (WebDriver's own calls still work).
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)


def browser_log(driver) -> list[dict] | None:
    """The console entries since the last call, or None where the driver cannot give them."""
    try:
        return driver.get_log("browser")
    except Exception:  # noqa: BLE001 - drivers without the log endpoint raise various errors
        return None


def full_page_screenshot(driver, path: Path) -> Path:
    """Saves a PNG of the whole page (the window grown to the document's height, capped) and returns its path."""
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    width = driver.execute_script("return window.innerWidth")
    driver.set_window_size(max(width, 1024), min(max(int(height) + 140, 600), 12000))
    driver.save_screenshot(str(path))
    return path


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


def pixel_spread(path: Path) -> float | None:
    """The standard deviation of the screenshot's grey levels (0 for a blank image), or None without Pillow."""
    try:
        from PIL import Image
    except ImportError:
        return None
    with Image.open(path) as image:
        grey = image.convert("L")
        grey.thumbnail((400, 400))
        return statistics.pstdev(grey.getdata())
