/**
 * The real tracker entries in ../shared/feeds/debian-vuln-list-debian, and the
 * verbatim list-file text their `Original` fields hold: joined back up, they
 * are a real excerpt of `data/CVE/list` and `data/DSA/list`.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const VULN_LIST = path.resolve(process.cwd(), '../shared/feeds/debian-vuln-list-debian');

export interface VulnListFile {
  Header: { Original: string; ID: string; Description?: string };
  Annotations: { Original: string; Type: string; [field: string]: unknown }[];
}

export async function vulnListFiles(kind: 'CVE' | 'DSA'): Promise<VulnListFile[]> {
  const dir = path.join(VULN_LIST, 'tracker', kind);
  const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(dir, n), 'utf8')) as VulnListFile));
}

/** The list-file text of entries: header at the margin, annotations tab-indented, as the tracker writes them. */
export function listText(entries: VulnListFile[]): string {
  return (
    entries
      .map((e) => [e.Header.Original, ...(e.Annotations ?? []).map((a) => `\t${a.Original}`)].join('\n'))
      .join('\n') + '\n'
  );
}

/** A tracker checkout layout (`data/CVE/list`, `data/DSA/list`) rebuilt from the real Original lines. */
export async function writeTrackerCheckout(root: string): Promise<void> {
  for (const kind of ['CVE', 'DSA'] as const) {
    await mkdir(path.join(root, 'data', kind), { recursive: true });
    const entries = await vulnListFiles(kind);
    // The tracker lists newest first.
    entries.sort((a, b) => b.Header.ID.localeCompare(a.Header.ID, 'en', { numeric: true }));
    await writeFile(path.join(root, 'data', kind, 'list'), listText(entries));
  }
}
