import { describe, expect, it } from 'vitest';
import type { Sbom } from '../../sbom/model.js';
import { renderSbomTable } from './table.js';
import { alpineSample, debianSample } from './testdata/samples.js';

// eslint-disable-next-line no-control-regex -- the escape sequences are what the test looks for
const stripAnsi = (s: string) => s.replace(/\x1b\[\d+m/g, '');

describe('renderSbomTable', () => {
  it.each([40, 60, 72, 100])('keeps every line within a width of %i', (width) => {
    for (const sbom of [debianSample(), alpineSample()]) {
      for (const line of stripAnsi(renderSbomTable(sbom, { color: true, width })).split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(width);
      }
    }
  });

  it('uses no escape codes without color', () => {
    expect(renderSbomTable(debianSample(), { color: false })).not.toContain('\x1b');
  });

  it('shows the source only when it differs from the binary package', () => {
    const rows = renderSbomTable(debianSample(), { color: false }).split('\n');
    expect(rows.find((r) => r.startsWith('deb   adduser'))?.trimEnd()).toMatch(/^deb +adduser +3\.134 +0$/);
    expect(rows.find((r) => r.startsWith('deb   bsdutils'))).toMatch(/util-linux 2\.38\.1-5\+deb12u3 +0$/);
  });

  it('marks a layer it cannot name with - and renders an image without packages', () => {
    const sample = debianSample();
    const odd: Sbom = { ...sample, packages: [{ ...sample.packages[0], introducedByLayer: 'sha256:unknown' }] };
    expect(renderSbomTable(odd, { color: false })).toMatch(/^deb +adduser +3\.134 +-$/m);
    const empty: Sbom = { ...sample, distro: undefined, packages: [], warnings: [] };
    const text = renderSbomTable(empty, { color: false });
    expect(text).toContain('OS       unknown');
    expect(text).toContain('Packages 0');
    expect(text).not.toContain('TYPE');
  });
});
