/// The workspace's only stylesheet and only script, served by the server from its own origin (the
/// Content-Security-Policy allows no other and no inline script or handler). The script is optional: every page
/// reads and works without it (sorting and filters also go by query parameters); it adds sorting by a click on
/// a column head and the near-miss switch. The stylesheet carries the print layout: no navigation or forms, the
/// typings of every position written out.
enum WorkspaceAssets {
    static let stylesheetPath = "/static/workspace.css"
    static let scriptPath = "/static/workspace.js"

    static let stylesheet = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d1d1d;background:#fff}
        main{padding:0 1.5em 2em}
        nav.top{display:flex;gap:1.2em;align-items:center;padding:.6em 1.5em;background:#23395b;color:#fff}
        nav.top a{color:#fff;font-weight:600}nav.top .who{margin-left:auto}nav.top form{margin:0}
        h1{font-size:1.5em;margin:.8em 0 .3em}h2{font-size:1.15em;margin:1.4em 0 .4em}
        table.grid{border-collapse:collapse;margin:.4em 0;font-size:12.5px}div.scroll{overflow-x:auto}table.grid td a{white-space:nowrap}
        table.grid th,table.grid td{border:1px solid #c8c8c8;padding:3px 6px;vertical-align:top;text-align:left}
        table.grid th{background:#eef1f5;white-space:nowrap}
        th button.sort{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer}
        th[data-dir=asc] button.sort:after{content:" ▲"}th[data-dir=desc] button.sort:after{content:" ▼"}
        td.locus{white-space:nowrap}td.locus span.pos{display:block}
        .c-definite{background:#d8f0d8}.c-exact{background:#e7f5dc}.c-potential{background:#fff1c2}
        .c-mismatch{background:#f9d3d0}.g-untyped{background:#ececec;color:#555}
        .typings{display:none}
        .known{display:block;font-size:.85em;color:#6a4b00}
        .warn{color:#8a3a00}.reason{color:#8a1f11}.why{font-size:.85em;color:#444}
        tr.changed{background:#fff6d6}tr.none td{background:#f9d3d0;font-weight:600}
        .badge{display:inline-block;padding:0 .4em;border-radius:3px;background:#23395b;color:#fff;font-size:.8em}
        .badge.none{background:#a11}.badge.changed{background:#a36a00}
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.facts dt{font-weight:600}
        form.filters{display:flex;flex-wrap:wrap;gap:1em;align-items:end;margin:.5em 0}
        form.filters label,form.request label{display:flex;flex-direction:column;font-size:.9em}
        form.request{display:flex;flex-wrap:wrap;gap:1em;align-items:end}
        .passed{color:#1c6b1c}.failed{color:#a11;font-weight:600}.relaxed,.not-reported{color:#8a5a00}
        .rule{margin:.6em 0}.note{white-space:pre-wrap}
        @media print{
          nav.top,form,button,.script-only,.no-print{display:none!important}
          body{font-size:10pt}main{padding:0}.typings{display:block;font-size:8pt;color:#000}div.scroll{overflow:visible}
          table.grid{font-size:8pt}
          table.grid th,table.grid td{border-color:#777}
          .c-definite,.c-exact,.c-potential,.c-mismatch,.g-untyped{-webkit-print-color-adjust:exact;print-color-adjust:exact}
          a{color:#000;text-decoration:none}
          @page{size:landscape;margin:1cm}
        }
        """

    static let script = """
        'use strict';
        // Sorting by a click on a column head (th[data-sort]: number or text; a cell's data-v if it has one).
        function sortTable(th) {
          const table = th.closest('table'), body = table.tBodies[0];
          const column = Array.prototype.indexOf.call(th.parentNode.children, th);
          const dir = th.dataset.dir === 'asc' ? 'desc' : 'asc';
          table.querySelectorAll('th').forEach(h => { delete h.dataset.dir; });
          th.dataset.dir = dir;
          const numeric = th.dataset.sort === 'number';
          const key = row => {
            const cell = row.cells[column];
            const v = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
            return numeric ? (v === '' ? Number.POSITIVE_INFINITY : Number(v)) : v;
          };
          const rows = Array.from(body.rows);
          rows.sort((a, b) => { const x = key(a), y = key(b); const c = x < y ? -1 : x > y ? 1 : 0; return dir === 'asc' ? c : -c; });
          rows.forEach(r => body.appendChild(r));
        }
        document.addEventListener('DOMContentLoaded', () => {
          document.querySelectorAll('table.grid th[data-sort]').forEach(th => {
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'sort';
            button.textContent = th.textContent;
            th.textContent = '';
            th.appendChild(button);
            button.addEventListener('click', () => sortTable(th));
          });
          // The near-miss switch: the section is shown by default (and without script).
          const toggle = document.getElementById('show-near-misses'), section = document.getElementById('near-misses');
          if (toggle && section) {
            toggle.closest('.script-only').hidden = false;
            toggle.addEventListener('change', () => { section.hidden = !toggle.checked; });
          }
        });
        """
}
