import { describe, expect, it } from 'vitest';
import { parseAdvisoryHeader, parseAnnotation, parseCveHeader } from './list-line.js';
import { vulnListFiles } from './testdata/vuln-list.js';

describe('tracker list lines', () => {
  it('parse every real package line the way vuln-list-debian structured it', async () => {
    const annotations = [...(await vulnListFiles('CVE')), ...(await vulnListFiles('DSA'))].flatMap(
      (f) => f.Annotations ?? [],
    );
    const packageLines = annotations.filter((a) => a.Type === 'package');
    expect(packageLines.length).toBeGreaterThan(80);
    for (const a of packageLines) {
      const parsed = parseAnnotation(a.Original);
      expect(parsed.type, a.Original).toBe('package');
      if (parsed.type !== 'package') continue;
      expect(parsed.line, a.Original).toEqual({
        ...(a.Release ? { release: a.Release } : {}),
        package: a.Package,
        kind: a.Kind,
        ...(a.Version ? { version: a.Version } : {}),
        ...(a.Severity ? { urgency: a.Severity } : {}),
        bugs: a.BugNo ? [a.BugNo] : [],
        ...(a.Description ? { note: a.Description } : {}),
      });
    }
  });

  it('parse the other real annotation kinds', async () => {
    const annotations = (await vulnListFiles('CVE')).flatMap((f) => f.Annotations ?? []);
    const byType = (type: string) => annotations.filter((a) => a.Type === type);
    for (const a of byType('xref')) expect(parseAnnotation(a.Original)).toEqual({ type: 'xref', ids: a.Bugs });
    for (const a of byType('NOTE')) expect(parseAnnotation(a.Original)).toEqual({ type: 'note', text: a.Description });
    expect(byType('TODO').map((a) => parseAnnotation(a.Original))).toEqual([{ type: 'todo', text: 'check' }]);
    expect(parseAnnotation('\t{DSA-5673-1 DLA-3807-1}')).toEqual({ type: 'xref', ids: ['DSA-5673-1', 'DLA-3807-1'] });
  });

  it('read the three header forms of data/CVE/list', () => {
    expect(
      parseCveHeader("CVE-2023-4911 (A buffer overflow was discovered in the GNU C Library's dynamic loader ...)"),
    ).toEqual({
      id: 'CVE-2023-4911',
      description: "A buffer overflow was discovered in the GNU C Library's dynamic loader ...",
    });
    expect(parseCveHeader('CVE-2023-4641 [gpasswd(1) password leak]')).toEqual({
      id: 'CVE-2023-4641',
      summary: 'gpasswd(1) password leak',
    });
    expect(parseCveHeader('CVE-2024-3094')).toEqual({ id: 'CVE-2024-3094' });
  });

  it('read DSA/DLA headers with their date', () => {
    expect(parseAdvisoryHeader('[03 Oct 2023] DSA-5514-1 glibc - security update')).toEqual({
      id: 'DSA-5514-1',
      date: '2023-10-03',
      title: 'glibc - security update',
    });
    expect(parseAdvisoryHeader('[01 Apr 2023] DLA-3380-1 firmware-nonfree - security update')?.date).toBe('2023-04-01');
  });

  it('leave a line that fits no form unparsed', () => {
    expect(parseAnnotation('\t- glibc')).toEqual({ type: 'unparsed', text: '- glibc' });
    expect(parseAnnotation('\t[bookworm] - glibc <fixed>')).toEqual({
      type: 'unparsed',
      text: '[bookworm] - glibc <fixed>',
    });
  });
});
