"""`ferry drift --html` in a real browser: the page opened from file:// in headless Chromium (Debian's chromium and
chromium-driver, driven by selenium).

The CSVs are generated here with numpy: numerical and categorical columns, some shifted strongly, one text column
that is not tested, hostile names and labels, and missing values. Expectations come from the CLI's own --json
output, so the page is checked against the numbers it claims to show.

Developer aid: FERRY_REPORT_HTML=page.html checks an already rendered page instead (its embedded JSON is then the
expectation, and the checks that need the generated data are skipped).
"""

from __future__ import annotations

import csv
import functools
import json
import math
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import browser

HOSTILE_NAME = "score <b>\"q\"</b> & 'x' ü"
REGION_LABELS = ["north", "south", "east", "west", "<centre>", "O'Neil & Co", "Zürich", "日本"]
# The columns the generated current table shifts; every other tested column keeps its reference distribution.
SHIFTED = {"income", HOSTILE_NAME, "latency", "region"}
TESTED = ["age", "income", HOSTILE_NAME, "visits", "latency", "plan", "region", "flag"]


@dataclass
class ReportPage:
    path: Path
    url: str
    report: dict  # the report the page must show
    generated: bool  # True when the page came from `ferry drift` on the data generated here


def write_tables(folder: Path) -> tuple[Path, Path]:
    """A reference (3000 rows) and a current table (2000 rows) as CSV files."""
    rng = np.random.default_rng(20261201)

    def table(rows: int, shifted: bool) -> dict[str, list]:
        region_p = [0.3, 0.2, 0.15, 0.1, 0.1, 0.06, 0.05, 0.04]
        if shifted:
            region_p = list(reversed(region_p))
        visits = rng.integers(0, 500, rows).astype(object)
        visits[rng.choice(rows, rows // 20, replace=False)] = ""  # 5% missing
        return {
            "age": np.round(rng.normal(40, 10, rows), 1),
            "income": np.round(rng.lognormal(10, 0.5, rows) * (1.5 if shifted else 1), 2),
            HOSTILE_NAME: np.round(rng.normal(0.8 if shifted else 0, 1, rows), 4),
            "visits": visits,
            "latency": np.round(rng.exponential(2 if shifted else 1, rows), 4),
            "plan": rng.choice(["free", "pro", "team"], rows, p=[0.6, 0.3, 0.1]),
            "region": rng.choice(REGION_LABELS, rows, p=region_p),
            "flag": rng.choice(["yes", "no"], rows, p=[0.7, 0.3]),
            "comment": [f"note {i} from row {rng.integers(1_000_000)}" for i in range(rows)],
        }

    paths = []
    for name, rows, shifted in (("reference.csv", 3000, False), ("current.csv", 2000, True)):
        columns = table(rows, shifted)
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(zip(*columns.values()))
        paths.append(path)
    return paths[0], paths[1]


def embedded_report(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="ferry-report">(.*?)</script>', html, re.S)
    assert match, "the page embeds no report JSON"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def page(request, tmp_path_factory) -> ReportPage:
    given = os.environ.get("FERRY_REPORT_HTML")
    if given:
        path = Path(given).resolve()
        return ReportPage(path, path.as_uri(), embedded_report(path.read_text(encoding="utf-8")), generated=False)
    ferry = request.getfixturevalue("ferry_bin")
    folder = tmp_path_factory.mktemp("drift-report")
    reference, current = write_tables(folder)
    html, report_json = folder / "out.html", folder / "out.json"
    result = subprocess.run(
        [str(ferry), "drift", "--reference", str(reference), "--current", str(current), "--html", str(html), "--json", str(report_json)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), f"ferry drift failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    report = json.loads(report_json.read_text(encoding="utf-8"))
    assert result.returncode == (1 if report["dataset_drift"] else 0), "the exit status must give the verdict"
    return ReportPage(html, html.as_uri(), report, generated=True)


@pytest.fixture(scope="module")
def chromium():
    missing = browser.missing_tools()
    if missing:
        pytest.skip(f"no headless Chromium: {missing}")
    driver = browser.start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def opened(chromium, page):
    """The report freshly loaded (no sort or filter applied), with the console log drained before loading."""
    browser.browser_log(chromium)
    chromium.set_window_size(1440, 1000)
    chromium.get(page.url)
    return chromium


def score(value) -> float:
    return float(value)  # "Infinity", "-Infinity" and "NaN" come as strings


def column_names(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#drift-columns tbody tr')).map(r => r.cells[0].textContent)")


def visible_names(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#drift-columns tbody tr')).filter(r => r.offsetParent !== null)"
        ".map(r => r.cells[0].textContent)")


def test_generated_data_drifts_where_it_was_shifted(page):
    if not page.generated:
        pytest.skip("FERRY_REPORT_HTML page: not made from the generated data")
    columns = {column["name"]: column for column in page.report["columns"]}
    assert list(columns) == TESTED
    assert {name for name, column in columns.items() if column["drifted"]} == SHIFTED
    assert [skipped["name"] for skipped in page.report["skipped_columns"]] == ["comment"]
    assert columns["region"]["distribution"]["categories"]["labels"]
    assert page.report["dataset_drift"] is True


def test_title_and_summary(opened, page):
    report = page.report
    verdict = "Dataset drift detected" if report["dataset_drift"] else "No dataset drift"
    assert opened.title.startswith("Drift report")
    assert verdict in opened.title
    headline = opened.find_element("css selector", "#verdict h1")
    assert headline.text == verdict
    assert ("drift" if report["dataset_drift"] else "ok") in headline.find_element("xpath", "./ancestor::header").get_attribute("class")
    drifted = opened.find_element("id", "summary-drifted").text
    assert f"{report['drifted_columns']} of {report['tested_columns']} tested" in drifted
    assert f"threshold {round(report['drift_share_threshold'] * 100)}%" in drifted
    for card, dataset in (("summary-reference", report["reference"]), ("summary-current", report["current"])):
        text = opened.find_element("id", card).text
        assert dataset["source"] in text
        assert f"{dataset['rows']:,} rows" in text
    assert opened.find_element("css selector", "#summary-generated time").get_attribute("datetime") == report["generated_at"]
    skipped = opened.find_elements("css selector", "#skipped-columns li")
    assert [item.text.split(" — ")[0] for item in skipped] == [column["name"] for column in report["skipped_columns"]]
    for item, column in zip(skipped, report["skipped_columns"]):
        assert column["reason"] in item.text


def test_embedded_json_is_the_report(opened, page):
    embedded = json.loads(opened.execute_script("return document.getElementById('ferry-report').textContent"))
    assert embedded == page.report


def test_one_row_per_column_with_the_names_as_given(opened, page):
    assert column_names(opened) == [column["name"] for column in page.report["columns"]]
    # User text was escaped, not interpreted: no element came from a name or a label.
    assert opened.execute_script("return document.querySelectorAll('#drift-columns tbody b, #drift-columns tbody centre').length") == 0
    assert opened.execute_script("return document.scripts.length") == 2


def test_each_chart_is_drawn_with_two_bars_per_bin(opened, page):
    charts = opened.execute_script("""
        return Array.from(document.querySelectorAll('#drift-columns tbody tr')).map(row => {
          const svg = row.querySelector('svg.chart'), box = svg.getBoundingClientRect();
          const bars = Array.from(svg.querySelectorAll('.bars > g > path'));
          return {width: box.width, height: box.height, bars: bars.length,
                  titles: Array.from(svg.querySelectorAll('.bars > g > title')).map(t => t.textContent),
                  drawn: bars.filter(bar => { const b = bar.getBBox(); return b.width > 0 && b.height > 0; }).length};
        });""")
    assert len(charts) == len(page.report["columns"])
    for chart, column in zip(charts, page.report["columns"]):
        (kind, distribution), = column["distribution"].items()
        counts = distribution["reference"] + distribution["current"]
        assert chart["width"] > 100 and chart["height"] > 50, column["name"]
        assert chart["bars"] == len(counts), column["name"]
        assert chart["drawn"] == sum(1 for count in counts if count > 0), column["name"]
        assert len(chart["titles"]) == len(distribution["reference"])
        if kind == "categories":
            for title, label in zip(chart["titles"], distribution["labels"]):
                assert title.startswith(f"{label}: reference "), title
        else:
            assert chart["titles"][0].startswith("["), chart["titles"][0]
            assert chart["titles"][-1].split(":")[0].endswith("]")


def test_score_header_sorts_ascending_then_descending(opened, page):
    columns = page.report["columns"]

    def expected(descending: bool) -> list[str]:
        def compare(a, b):
            (i, x), (j, y) = a, b
            if math.isnan(x) or math.isnan(y):
                return (math.isnan(x) - math.isnan(y)) or (i - j)
            order = (x > y) - (x < y)
            return (-order if descending else order) or (i - j)
        keyed = sorted(enumerate(score(column["score"]) for column in columns), key=functools.cmp_to_key(compare))
        return [columns[index]["name"] for index, _ in keyed]

    header = opened.find_element("css selector", "#drift-columns th[data-key=score]")
    assert header.get_attribute("aria-sort") is None
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert column_names(opened) == expected(descending=False)
    cells = [score(value) for value in opened.execute_script(
        "return Array.from(document.querySelectorAll('#drift-columns tbody tr td.score')).map(c => c.dataset.v)")]
    finite = [value for value in cells if not math.isnan(value)]
    assert finite == sorted(finite)
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert column_names(opened) == expected(descending=True)
    other = opened.find_element("css selector", "#drift-columns th[data-key=column]")
    other.click()
    assert header.get_attribute("aria-sort") is None and other.get_attribute("aria-sort") == "ascending"
    assert column_names(opened) == sorted((column["name"] for column in columns), key=str.lower)


def test_drifted_only_toggle_and_text_filter(opened, page):
    columns = page.report["columns"]
    everything = [column["name"] for column in columns]
    drifted = [column["name"] for column in columns if column["drifted"]]
    toggle = opened.find_element("id", "drifted-only")
    assert toggle.is_displayed()
    assert visible_names(opened) == everything
    toggle.click()
    assert visible_names(opened) == drifted
    assert opened.find_element("id", "shown-count").text == f"Showing {len(drifted)} of {len(columns)} columns"
    toggle.click()
    assert visible_names(opened) == everything
    query = everything[-1][:3]
    opened.find_element("id", "column-filter").send_keys(query.upper())
    assert visible_names(opened) == [name for name in everything if query.lower() in name.lower()]


def test_nothing_is_fetched_and_the_console_is_clean(opened):
    assert opened.execute_script("return document.readyState") == "complete"
    assert opened.execute_script("return performance.getEntriesByType('resource').map(e => e.name)") == []
    log = browser.browser_log(opened)
    if log is not None:
        assert [entry for entry in log if entry.get("level") in ("SEVERE", "WARNING")] == []


def test_table_and_charts_are_there_without_javascript(page):
    missing = browser.missing_tools()
    if missing:
        pytest.skip(f"no headless Chromium: {missing}")
    driver = browser.start_chromium(javascript=False)
    try:
        driver.get(page.url)
        assert len(column_names_without_script(driver)) == len(page.report["columns"])
        assert len(driver.find_elements("css selector", "#drift-columns tbody svg.chart")) == len(page.report["columns"])
        assert not driver.find_element("id", "controls").is_displayed()
    finally:
        driver.quit()


def column_names_without_script(driver) -> list[str]:
    return [row.find_element("css selector", "th").text for row in driver.find_elements("css selector", "#drift-columns tbody tr")]


def test_screenshot_is_not_blank(opened, tmp_path_factory):
    path = browser.full_page_screenshot(opened, tmp_path_factory.mktemp("screenshot") / "drift-report.png")
    width, height = browser.png_size(path)
    assert width >= 1024 and height >= 600
    spread = browser.pixel_spread(path)
    if spread is not None:
        assert spread > 10, f"the screenshot looks blank (grey-level spread {spread:.1f})"
    else:
        assert path.stat().st_size > 30_000, f"the screenshot looks blank ({path.stat().st_size} bytes)"
    print(f"screenshot: {path} ({width}x{height})")
