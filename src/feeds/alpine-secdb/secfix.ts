/**
 * One item of a secfixes list. Mostly a bare `CVE-2019-10206`, but the real
 * files also hold `CVE-2016-9932 XSA-200`, `XSA-207`, `CVE-2018-14468 (FrameRelay)`,
 * `CVE_2019-2426`, `CVE-2017-17434-1`, `CVE-2017-8073.patch`,
 * `CVE-????-?????  XSA-295` and `wnpa-sec-2017-18`.
 */
export interface SecfixItem {
  /** CVE ids first, then other advisory ids (XSA-…, TALOS-…), in order of appearance. */
  cves: string[];
  others: string[];
  note?: string;
}

const CVE_PREFIX = /^CVE[-_](\d{4})-(\d{4,})/i;
/** XSA-200, TALOS-2017-0488, ZBX-11023, wnpa-sec-2017-18: letters, then a numbered tail. */
const OTHER_ID = /^[A-Za-z][A-Za-z-]*-\d+(?:-\d+)*$/;
/** GitHub advisories, which Wolfi's and Chainguard's secfixes list where a flaw has no CVE. */
const GHSA_ID = /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/;

export function parseSecfixItem(item: string): SecfixItem {
  const notes = [...item.matchAll(/\(([^)]*)\)/g)].map((m) => m[1].trim()).filter(Boolean);
  const bare = item.replace(/\([^)]*\)/g, ' ');
  const cves: string[] = [];
  const others: string[] = [];
  for (const token of bare.split(/\s+/).filter(Boolean)) {
    const cve = CVE_PREFIX.exec(token);
    if (cve) {
      // The suffixes seen (`-1`, `.patch`) name patch files, not other vulnerabilities.
      const id = `CVE-${cve[1]}-${cve[2]}`;
      if (!cves.includes(id)) cves.push(id);
    } else if ((OTHER_ID.test(token) || GHSA_ID.test(token)) && !others.includes(token)) {
      others.push(token);
    }
  }
  return { cves, others, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}
