/**
 * The fixed rpms of an ALAS advisory page. The page is HTML (not XML: `&nbsp;`, `&#169`
 * without its semicolon), so it is not parsed whole: the "New Packages:" block is found and
 * read as the text it displays, one arch heading (`src:`) and one rpm file name per line.
 * Everything outside that block is ignored, so a changed header or footer cannot derail it.
 */

export interface Rpm {
  name: string;
  /** `[epoch:]version-release`, as the page spells it. */
  evr: string;
  arch: string;
}

const MARKER = /New Packages:/i;
const BLOCK_END = /<\/pre>|<\/div>|<h\d[\s>]/i;
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function displayedText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);?/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** `kernel-4.9.76-38.79.amzn2.x86_64` → kernel, 4.9.76-38.79.amzn2, x86_64 (an `N:` epoch before the version is kept). */
export function parseRpmFileName(text: string, arch: string): Rpm | undefined {
  const match = /^(.+)-((?:\d+:)?[^-:]+)-([^-]+)\.([A-Za-z0-9_]+)$/.exec(text.trim());
  if (!match) return undefined;
  return { name: match[1], evr: `${match[2]}-${match[3]}`, arch: match[4] || arch };
}

/** Every rpm the page's "New Packages" block lists, by arch heading; empty when the page has no such block. */
export function newPackages(html: string): Rpm[] {
  const start = html.search(MARKER);
  if (start < 0) return [];
  const rest = html.slice(start).replace(MARKER, '');
  const end = rest.search(BLOCK_END);
  const block = displayedText(end < 0 ? rest : rest.slice(0, end));
  const rpms: Rpm[] = [];
  let arch: string | undefined;
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const heading = /^([A-Za-z0-9_]+):$/.exec(line);
    if (heading) {
      arch = heading[1];
      continue;
    }
    if (!arch) continue;
    const rpm = parseRpmFileName(line, arch);
    if (rpm) rpms.push(rpm);
  }
  return rpms;
}
