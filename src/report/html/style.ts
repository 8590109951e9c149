/** The report's stylesheet, inlined: system fonts only, nothing fetched. Prints legibly. */
export const REPORT_CSS = `
:root { --c: #b3001b; --h: #e0452b; --m: #f0a01a; --l: #d8b85a; --u: #9a9a9a; --ok: #1f7a3a; --bad: #b3001b; --na: #8a6d00; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #333; } h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; }
.meta { color: #555; margin: .2rem 0; } .meta b { color: #222; font-weight: 600; }
.sev { display: inline-block; min-width: 5.5em; padding: 0 .4em; border-radius: 3px; color: #fff; font-weight: 600; font-size: 12px; text-align: center; }
.sev.critical { background: var(--c); } .sev.high { background: var(--h); } .sev.medium { background: var(--m); color: #222; } .sev.low { background: var(--l); color: #222; } .sev.unspecified { background: var(--u); }
.counts span { display: inline-block; min-width: 3.2em; font-variant-numeric: tabular-nums; }
.counts .zero { color: #aaa; } .counts .critical { color: var(--c); font-weight: 700; } .counts .high { color: var(--h); font-weight: 600; } .counts .medium { color: #a66a00; } .counts .low { color: #8a7330; } .counts .unspecified { color: #666; }
.status { font-weight: 700; } .status.pass { color: var(--ok); } .status.fail { color: var(--bad); } .status.unknown { color: var(--na); }
.badge { display: inline-block; padding: 0 .35em; border-radius: 3px; font-size: 11px; font-weight: 700; border: 1px solid currentColor; margin-left: .3em; }
.badge.kev { color: #8b0000; } .badge.fix { color: var(--ok); } .badge.nofix { color: #777; }
form.filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; padding: .5rem .7rem; background: #f6f6f6; border: 1px solid var(--line); border-radius: 4px; margin-bottom: .6rem; }
form.filters label { white-space: nowrap; } form.filters input[type=number] { width: 5em; } form.filters input[type=search] { width: 14em; }
.pkg { border: 1px solid var(--line); border-radius: 4px; margin: .35rem 0; }
.pkg > summary { padding: .35rem .6rem; cursor: pointer; background: #fafafa; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
.pkg > summary .name { font-weight: 600; min-width: 18em; }
.finding { border-top: 1px solid #eee; } .finding > summary { padding: .25rem .6rem .25rem 1.4rem; cursor: pointer; display: flex; gap: .8rem; align-items: baseline; flex-wrap: wrap; }
.finding > summary .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; min-width: 13em; }
.detail { padding: .4rem 1rem .8rem 2.2rem; background: #fcfcfc; } .detail dt { font-weight: 600; margin-top: .35rem; } .detail dd { margin: 0 0 0 1rem; word-break: break-word; }
.detail table { width: auto; } .desc { max-width: 60rem; }
.layers td.cmd { max-width: 40rem; word-break: break-all; }
svg.bar { vertical-align: middle; }
[hidden] { display: none !important; }
.note { color: #555; font-size: 13px; }
@media print { form.filters { display: none; } details > summary { list-style: none; } }
`;
