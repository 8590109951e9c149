/**
 * Debian release codenames and numbers. Advisory namespaces use the codename
 * (`debian:bookworm`); an image's /etc/os-release gives the number
 * (VERSION_ID=12), so matching needs the table both ways.
 */
export const DEBIAN_RELEASES: readonly { codename: string; version: string }[] = [
  { codename: 'buzz', version: '1.1' },
  { codename: 'rex', version: '1.2' },
  { codename: 'bo', version: '1.3' },
  { codename: 'hamm', version: '2.0' },
  { codename: 'slink', version: '2.1' },
  { codename: 'potato', version: '2.2' },
  { codename: 'woody', version: '3.0' },
  { codename: 'sarge', version: '3.1' },
  { codename: 'etch', version: '4' },
  { codename: 'lenny', version: '5' },
  { codename: 'squeeze', version: '6' },
  { codename: 'wheezy', version: '7' },
  { codename: 'jessie', version: '8' },
  { codename: 'stretch', version: '9' },
  { codename: 'buster', version: '10' },
  { codename: 'bullseye', version: '11' },
  { codename: 'bookworm', version: '12' },
  { codename: 'trixie', version: '13' },
  { codename: 'forky', version: '14' },
  { codename: 'duke', version: '15' },
];

/** `12` or `12.5` (an os-release VERSION_ID) → `bookworm`; undefined for an unknown number. */
export function debianCodenameForVersion(versionId: string): string | undefined {
  const major =
    /^\d+\.\d+$/.test(versionId) && Number(versionId.split('.')[0]) >= 4 ? versionId.split('.')[0] : versionId;
  return DEBIAN_RELEASES.find((r) => r.version === major)?.codename;
}
