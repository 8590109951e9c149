import { describe, expect, it } from 'vitest';
import { matchers } from '../match/matchers/index.js';
import { readPurl } from '../sbom/formats/purl.js';
import { DEFAULT_SOURCES } from '../feeds/fetch/sources.js';
import { schemeForNamespace } from '../versions/index.js';
import { ECOSYSTEMS, LANGUAGE_ECOSYSTEMS, PACKAGE_TYPE_BY_PURL } from './table.js';

describe('the ecosystem table drives', () => {
  it('one matcher per language row, after the distro matchers, named for its type', () => {
    const names = matchers.map((m) => m.name);
    expect(names.slice(-LANGUAGE_ECOSYSTEMS.length)).toEqual(LANGUAGE_ECOSYSTEMS.map((e) => e.type));
  });

  it('the language matcher that answers with the OSV ecosystem of the row', () => {
    for (const e of LANGUAGE_ECOSYSTEMS) {
      const pkg = {
        type: e.type,
        name: 'x',
        version: '1.0.0',
        purl: `pkg:${e.purlTypes[0]}/x@1.0.0`,
        licenses: [],
        locations: [],
        foundBy: 't',
      } as never;
      expect(matchers.map((m) => m.query(pkg, undefined)).find(Boolean)?.namespace).toBe(e.osv);
    }
  });

  it('the version scheme of each OSV ecosystem, whatever its case', () => {
    for (const e of LANGUAGE_ECOSYSTEMS) {
      expect(schemeForNamespace(e.osv!)).toBe(e.scheme);
      expect(schemeForNamespace(e.osv!.toUpperCase())).toBe(e.scheme);
    }
  });

  it('which purl types SBOM readers accept', () => {
    for (const e of ECOSYSTEMS)
      for (const t of e.purlTypes)
        expect(readPurl(`pkg:${t}/ns/x@1`)).toMatchObject({ ok: true, facts: { type: e.type } });
    expect(readPurl('pkg:hex/x@1')).toMatchObject({ ok: false });
    expect(PACKAGE_TYPE_BY_PURL.get('alpine')).toBe('apk');
  });

  it('one osv.dev download per language ecosystem in feeds fetch', () => {
    const osv = DEFAULT_SOURCES.find((s) => s.name === 'osv');
    const paths = osv?.kind === 'files' ? osv.files.map((f) => f.path) : [];
    expect(paths).toEqual(LANGUAGE_ECOSYSTEMS.map((e) => `osv/${e.osv}/all.zip`));
  });
});
