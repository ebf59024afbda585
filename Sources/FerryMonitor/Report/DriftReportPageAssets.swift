/// The drift page's inline style sheet and script. Nothing here loads anything: no fonts, images or URLs.
enum DriftReportPageAssets {
    /// The page's CSS: system fonts, light and dark colours, the verdict banner, the table and the charts.
    static let styleSheet = """
        :root{--bg:#f6f7f9;--panel:#fff;--text:#1c2430;--muted:#5d6b7d;--line:#e1e5eb;--ref:#9aa7b8;--cur:#2f6fde;\
        --bad:#c62f2f;--on-bad:#fff;--bad-bg:#fdecec;--good:#1f7a4a;--good-bg:#e6f5ec;--head:#f0f2f5;color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--bg:#14181e;--panel:#1c222a;--text:#e4e8ee;--muted:#98a4b3;\
        --line:#2e3744;--ref:#6f7c8e;--cur:#5b95f5;--bad:#f07171;--on-bad:#2a1010;--bad-bg:#3a1f22;--good:#5fcf8e;--good-bg:#18302a;--head:#232a33}}
        *{box-sizing:border-box}
        [hidden]{display:none!important}
        body{margin:0;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,\
        "Helvetica Neue",Arial,sans-serif}
        main{max-width:1320px;margin:0 auto;padding:24px}
        .verdict{display:flex;align-items:center;gap:18px;padding:20px 24px;border-radius:12px;border:1px solid}
        .verdict.drift{background:var(--bad-bg);border-color:var(--bad);color:var(--bad)}
        .verdict.ok{background:var(--good-bg);border-color:var(--good);color:var(--good)}
        .verdict .icon{font-size:40px;line-height:1}
        .verdict h1{margin:0;font-size:30px;letter-spacing:-.01em}
        .verdict p{margin:4px 0 0;color:var(--text);font-size:15px}
        .eyebrow{margin:0 0 10px;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.06em}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px;margin:16px 0 24px}
        .card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px 16px;min-width:0}
        .card h2{margin:0 0 4px;font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
        .card .big{font-size:24px;font-weight:650}
        .card .src{overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
        .meter{position:relative;height:8px;margin:8px 0 4px;background:var(--line);border-radius:4px}
        .meter span{position:absolute;left:0;top:0;bottom:0;border-radius:4px;background:var(--cur)}
        .drift .meter span,.meter.over span{background:var(--bad)}
        .meter i{position:absolute;top:-4px;bottom:-4px;width:2px;margin-left:-1px;background:var(--text)}
        .muted,small{color:var(--muted)}
        .controls{display:flex;flex-wrap:wrap;align-items:center;gap:16px;margin:0 0 10px}
        .controls input[type=search]{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:6px;\
        background:var(--panel);color:var(--text);min-width:240px}
        .table-wrap{overflow-x:auto;background:var(--panel);border:1px solid var(--line);border-radius:10px}
        table{border-collapse:collapse;width:100%}
        th,td{padding:8px 12px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
        thead th{position:sticky;top:0;background:var(--head);font-size:12px;text-transform:uppercase;letter-spacing:.04em;\
        color:var(--muted);white-space:nowrap;z-index:1}
        thead th button{all:unset;cursor:pointer}
        thead th button:focus-visible{outline:2px solid var(--cur);outline-offset:2px}
        thead th[data-type] button::after{content:"\\2195";margin-left:4px;opacity:.35}
        thead th[aria-sort=ascending] button::after{content:"\\25B2";opacity:1}
        thead th[aria-sort=descending] button::after{content:"\\25BC";opacity:1}
        tbody tr:last-child>*{border-bottom:0}
        tbody tr.drifted{background:linear-gradient(90deg,var(--bad-bg),transparent 40%)}
        tbody th{font-weight:600;overflow-wrap:break-word;min-width:8em;max-width:260px}
        tbody td:nth-child(3){min-width:11em}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.num small{display:block}
        .score.hit{color:var(--bad);font-weight:650}
        .badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:650;white-space:nowrap}
        .badge.yes{background:var(--bad);color:var(--on-bad)}
        .badge.no{background:var(--good-bg);color:var(--good);border:1px solid var(--good)}
        .pill{font-size:12px;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:1px 6px}
        td.chart-cell{padding:4px 8px;width:336px}
        svg.chart{display:block;overflow:visible}
        svg.chart text{font-size:10px;fill:var(--muted)}
        svg.chart text.mid{text-anchor:middle}
        svg.chart text.end{text-anchor:end}
        svg.chart .axis{stroke:var(--line)}
        svg.chart .bars path:first-of-type,.key-ref{fill:var(--ref)}
        svg.chart .bars path:last-of-type,.key-cur{fill:var(--cur)}
        .key{font-size:10px;fill:var(--muted)}
        svg.defs{position:absolute;overflow:hidden}
        svg.chart .bars g:hover path{opacity:.75}
        svg.categories .bars text{fill:var(--text)}
        .legend-key{display:inline-flex;gap:12px;align-items:center;margin-left:14px;font-size:13px;font-weight:400;\
        color:var(--muted)}
        .legend-key i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
        .legend-key .r{background:var(--ref)}.legend-key .c{background:var(--cur)}
        .empty{padding:16px;color:var(--muted)}
        section.skipped{margin-top:24px}
        section.skipped h2,section.columns h2{font-size:18px;margin:0 0 10px}
        section.skipped ul{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:10px 16px 10px 32px;margin:0}
        section.skipped li{padding:3px 0}
        footer{margin-top:24px;color:var(--muted);font-size:12px}
        """

    /// Sorting (click a header; numeric columns sort by their `data-v` value, n/a last) and filtering (drifted only,
    /// name contains). The table is complete without it.
    static let script = """
        (function () {
          "use strict";
          var table = document.getElementById("drift-columns");
          if (!table) return;
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
          var sorted = -1, ascending = true;
          function key(row, index, numeric) {
            var cell = row.cells[index], raw = cell.getAttribute("data-v");
            if (raw === null) raw = cell.textContent;
            return numeric ? parseFloat(raw) : raw.toLowerCase();
          }
          function sortBy(index) {
            var numeric = heads[index].getAttribute("data-type") === "num";
            ascending = sorted === index ? !ascending : true;
            sorted = index;
            var keyed = rows.map(function (row, order) { return { row: row, order: order, key: key(row, index, numeric) }; });
            keyed.sort(function (a, b) {
              var result;
              if (numeric) {
                var aMissing = a.key !== a.key, bMissing = b.key !== b.key;
                if (aMissing || bMissing) return aMissing === bMissing ? a.order - b.order : (aMissing ? 1 : -1);
                result = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
              } else {
                result = a.key.localeCompare(b.key);
              }
              return (ascending ? result : -result) || a.order - b.order;
            });
            keyed.forEach(function (entry) { body.appendChild(entry.row); });
            heads.forEach(function (head, i) {
              if (i === index) head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              else head.removeAttribute("aria-sort");
            });
          }
          heads.forEach(function (head, index) {
            if (head.hasAttribute("data-type")) head.addEventListener("click", function () { sortBy(index); });
          });
          var controls = document.getElementById("controls");
          var driftedOnly = document.getElementById("drifted-only");
          var filterText = document.getElementById("column-filter");
          var shown = document.getElementById("shown-count");
          var nothing = document.getElementById("no-match");
          function applyFilter() {
            var query = filterText.value.trim().toLowerCase(), visible = 0;
            rows.forEach(function (row) {
              var show = (!driftedOnly.checked || row.classList.contains("drifted")) &&
                (!query || row.cells[0].textContent.toLowerCase().indexOf(query) >= 0);
              row.hidden = !show;
              if (show) visible++;
            });
            shown.textContent = "Showing " + visible + " of " + rows.length + " columns";
            nothing.hidden = visible > 0 || rows.length === 0;
          }
          driftedOnly.addEventListener("change", applyFilter);
          filterText.addEventListener("input", applyFilter);
          controls.hidden = false;
          applyFilter();
        })();
        """
}
