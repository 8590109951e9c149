/**
 * The report's only script, inlined once; the page's Content-Security-Policy allows
 * exactly this text by its SHA-256 (so the browser itself refuses any other script, an
 * inline handler or `eval`). It only filters and sorts what the HTML already shows:
 * without it the report reads the same, with every finding listed.
 */
import { createHash } from 'node:crypto';

export const REPORT_SCRIPT = `
'use strict';
(function () {
  function num(el, key) { var v = parseFloat(el.getAttribute(key)); return isNaN(v) ? -1 : v; }
  function setup(form) {
    var section = document.getElementById(form.getAttribute('data-for'));
    if (!section) return;
    var list = section.querySelector('.packages');
    var count = form.querySelector('.shown');
    form.hidden = false;
    function apply() {
      var sev = {};
      form.querySelectorAll('input[name=sev]').forEach(function (c) { sev[c.value] = c.checked; });
      var kev = form.querySelector('input[name=kev]').checked;
      var fix = form.querySelector('input[name=fixable]').checked;
      var epss = parseFloat(form.querySelector('input[name=epss]').value);
      var text = form.querySelector('input[name=text]').value.trim().toLowerCase();
      var shown = 0;
      list.querySelectorAll('.pkg').forEach(function (pkg) {
        var any = 0;
        pkg.querySelectorAll('.finding').forEach(function (f) {
          var ok = sev[f.getAttribute('data-sev')] !== false &&
            (!kev || f.getAttribute('data-kev') === '1') &&
            (!fix || f.getAttribute('data-fixable') === '1') &&
            (isNaN(epss) || num(f, 'data-epss') >= epss) &&
            (text === '' || (f.getAttribute('data-text') || '').indexOf(text) >= 0 || (pkg.getAttribute('data-name') || '').indexOf(text) >= 0);
          f.hidden = !ok;
          if (ok) any += 1;
        });
        pkg.hidden = any === 0;
        var n = pkg.querySelector('.visible');
        if (n) n.textContent = String(any);
        shown += any;
      });
      count.textContent = String(shown);
      sort();
    }
    function sort() {
      var by = form.querySelector('select[name=sort]').value;
      var items = Array.prototype.slice.call(list.querySelectorAll(':scope > .pkg'));
      var key = {
        severity: function (p) { return [-num(p, 'data-rank'), -num(p, 'data-cvss')]; },
        epss: function (p) { return [-num(p, 'data-epss'), -num(p, 'data-rank')]; },
        kev: function (p) { return [-num(p, 'data-kev'), -num(p, 'data-rank')]; },
        fixable: function (p) { return [-num(p, 'data-fixable'), -num(p, 'data-rank')]; },
        name: function () { return []; }
      }[by] || function () { return []; };
      items.sort(function (a, b) {
        var ka = key(a), kb = key(b);
        for (var i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
        return (a.getAttribute('data-name') || '').localeCompare(b.getAttribute('data-name') || '');
      });
      items.forEach(function (p) { list.appendChild(p); });
    }
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    apply();
  }
  document.querySelectorAll('form.filters').forEach(setup);
  document.documentElement.setAttribute('data-script', 'ran');
})();
`;

/** The CSP source that allows exactly REPORT_SCRIPT. */
export function scriptHash(script = REPORT_SCRIPT): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}
