import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The pages' own style sheet and script, compiled into the binary: nothing is fetched from
/// another site, and the policy (``WebSecurityHeaders``) runs nothing else.
enum StaticAssets {
    /// The files by path, with their media type.
    static let files: [String: (type: String, text: String)] = [
        "/static/app.css": ("text/css; charset=utf-8", css),
        "/static/app.js": ("text/javascript; charset=utf-8", script),
    ]

    static func add(to router: RouterGroup<ServerContext>) {
        for (path, file) in files {
            let etag = "\"" + SHA256.hash(data: Data(file.text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
            router.get(RouterPath(path)) { request, _ -> Response in
                if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
                return Response(
                    status: .ok, headers: [.contentType: file.type, .eTag: etag, .cacheControl: "public, max-age=3600"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: file.text))
                )
            }
        }
    }

    /// Readable at 360 px and on a desktop; contrast of text at least 4.5:1 (WCAG AA); a
    /// visible focus ring (dark blue, over 10:1 against the page) on everything that takes
    /// focus; charts scale down and print.
    static let css = """
        :root { --ink: #1d2327; --muted: #50575e; --line: #c3c4c7; --accent: #0a5cad; --bad: #b32d2e; --ok: #1e6b34; --paper: #ffffff; --soft: #f3f4f6; }
        * { box-sizing: border-box; }
        html { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); }
        body { margin: 0; }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #0b3a66; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 2; }
        .skip:focus { left: .5rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
        .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
        .brand span { color: var(--muted); font-weight: 400; }
        .top nav ul { display: flex; flex-wrap: wrap; gap: .25rem .9rem; list-style: none; margin: 0; padding: 0; }
        .top nav a { text-decoration: none; padding: .2rem 0; }
        .top nav a[aria-current="page"] { font-weight: 700; border-bottom: 3px solid var(--accent); }
        .logout { margin-left: auto; display: flex; align-items: center; gap: .5rem; }
        .who { color: var(--muted); overflow-wrap: anywhere; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        main:focus { outline: none; }
        main p, main li { overflow-wrap: break-word; }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.25rem; margin-top: 2rem; }
        h3 { font-size: 1.05rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
        .heading { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem; }
        .pager { display: flex; gap: 1rem; flex-wrap: wrap; margin: .75rem 0; }
        .summary { font-size: 1.2rem; }
        .total { font-weight: 700; }
        .chart-box { margin: 1rem 0; padding: 0; }
        svg.chart { width: 100%; height: auto; max-width: 760px; display: block; }
        @media (max-width: 30rem) {
          th, td { padding: .35rem .25rem; }
          table { font-size: .95rem; }
          .top { padding: .5rem .75rem; }
          main { padding: .75rem; }
          td.count, th.count { display: none; }
          table.expenses thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          table.expenses, table.expenses tbody { display: block; }
          table.expenses tr { display: grid; grid-template-columns: 1fr auto; gap: .1rem .75rem; padding: .5rem 0; border-bottom: 1px solid var(--line); }
          table.expenses td { border: none; padding: 0; }
          table.expenses td:nth-child(1) { color: var(--muted); }
          table.expenses td:nth-child(4) { grid-row: 1; grid-column: 2; font-weight: 700; }
          table.expenses td:nth-child(3), table.expenses td:nth-child(5) { grid-column: 1 / -1; }
        }
        .swatch { vertical-align: -1px; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        caption { text-align: left; color: var(--muted); padding-bottom: .25rem; }
        th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        td, th[scope="row"] { overflow-wrap: break-word; word-break: break-word; hyphens: auto; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        thead th { border-bottom: 2px solid var(--ink); }
        tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
        .scroll { overflow-x: auto; }
        .row-actions, .expenses td:first-child, .date { white-space: nowrap; }
        .row-actions a + a { margin-left: .5rem; }
        form.stack { display: flex; flex-direction: column; gap: .35rem; }
        form.narrow { max-width: 26rem; }
        form.stack button { align-self: flex-start; margin-top: .5rem; }
        form.grid, form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
        form.grid > div, form.filters > div { display: flex; flex-direction: column; gap: .25rem; min-width: 9rem; flex: 1 1 9rem; }
        form.grid > div.wide { flex: 3 1 14rem; }
        form.inline { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: .4rem 0; }
        label { font-weight: 600; }
        .check { display: flex; gap: .5rem; align-items: flex-start; }
        .check label { font-weight: 400; }
        .hint { color: var(--muted); font-weight: 400; }
        input, select, button { font: inherit; min-height: 2.5rem; }
        button { overflow-wrap: anywhere; max-width: 100%; }
        select { min-width: 0; }
        input, select { padding: .35rem .5rem; border: 1px solid #767676; border-radius: 4px; background: var(--paper); color: var(--ink); max-width: 100%; }
        input[type="color"] { padding: .1rem; width: 3.5rem; }
        input[type="checkbox"] { min-height: auto; width: 1.2rem; height: 1.2rem; margin-top: .2rem; }
        button, .button { display: inline-block; padding: .4rem 1rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
        button.link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: 0 .25rem; min-height: auto; }
        button.danger { background: var(--bad); border-color: var(--bad); }
        .notice { background: #e7f4ea; border-left: 4px solid var(--ok); padding: .5rem .75rem; }
        .problem { background: #fbeaea; border-left: 4px solid var(--bad); padding: .5rem .75rem; margin: 1rem 0; }
        .verdict { padding: .75rem 1rem; border-radius: 4px; font-weight: 600; }
        .verdict.ok { background: #e7f4ea; border: 2px solid var(--ok); }
        .verdict.bad { background: #fbeaea; border: 2px solid var(--bad); }
        .verdict ul { font-weight: 400; }
        tr.differs th, tr.differs td { background: #fbeaea; }
        .empty { padding: 1rem; background: var(--soft); border-radius: 4px; }
        ul.plain { list-style: none; padding: 0; }
        ul.categories { list-style: none; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
        ul.categories > li { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
        code { background: var(--soft); padding: 0 .2rem; overflow-wrap: anywhere; }
        @media print {
          .top, form, .pager, .actions, .skip, .row-actions { display: none; }
          main { max-width: none; }
          a { color: inherit; text-decoration: none; }
        }

        """

    /// Only improves the pages (they work without it): a form is sent once per click however
    /// often it is clicked (the server also adds a form's money rows once: see
    /// ``WebPages/submissionKey()``), and a progress indication shows while a file uploads.
    static let script = """
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll("form[method=post]").forEach(function (form) {
            form.addEventListener("submit", function (event) {
              if (form.dataset.sent) { event.preventDefault(); return; }
              form.dataset.sent = "1";
              var progress = form.querySelector(".progress");
              if (progress) { progress.hidden = false; }
            });
          });
        });
        // Back to a page from the browser's cache: its forms can be sent again.
        window.addEventListener("pageshow", function () {
          document.querySelectorAll("form[data-sent]").forEach(function (form) { delete form.dataset.sent; });
        });

        """
}
