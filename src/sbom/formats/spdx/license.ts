/**
 * Turns the license names catalogers report into SPDX license expressions where that is
 * certain, for the CycloneDX and SPDX encoders. Alpine already stores SPDX ids; Debian's
 * DEP-5 short names (`GPL-2+`, `Expat`, `BSD-3-clause`) have fixed SPDX meanings
 * (copyright-format 1.0, "License specification"). Anything else stays a plain name:
 * a wrong SPDX id is worse than none.
 */

/** SPDX license ids common in distribution packages (all on the SPDX License List 3.x). */
export const LICENSE_IDS = [
  '0BSD',
  'AFL-2.1',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'Apache-1.1',
  'Apache-2.0',
  'Artistic-1.0-Perl',
  'Artistic-2.0',
  'Beerware',
  'blessing',
  'BSD-1-Clause',
  'BSD-2-Clause',
  'BSD-2-Clause-Patent',
  'BSD-3-Clause',
  'BSD-4-Clause',
  'BSD-4-Clause-UC',
  'BSL-1.0',
  'bzip2-1.0.6',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC0-1.0',
  'CDDL-1.0',
  'curl',
  'EPL-2.0',
  'EUPL-1.2',
  'FSFAP',
  'FSFUL',
  'FSFULLR',
  'FTL',
  'GFDL-1.2-only',
  'GFDL-1.2-or-later',
  'GFDL-1.3-only',
  'GFDL-1.3-or-later',
  'GPL-1.0-only',
  'GPL-1.0-or-later',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'HPND',
  'ICU',
  'IJG',
  'Info-ZIP',
  'ISC',
  'Latex2e',
  'LGPL-2.0-only',
  'LGPL-2.0-or-later',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'Libpng',
  'libpng-2.0',
  'LPPL-1.3c',
  'MirOS',
  'MIT',
  'MIT-0',
  'MPL-1.1',
  'MPL-2.0',
  'MS-PL',
  'NCSA',
  'NTP',
  'OFL-1.1',
  'OLDAP-2.8',
  'OpenSSL',
  'PHP-3.01',
  'PostgreSQL',
  'PSF-2.0',
  'Python-2.0',
  'Ruby',
  'SGI-B-2.0',
  'Sleepycat',
  'Spencer-94',
  'TCL',
  'Unicode-3.0',
  'Unicode-DFS-2016',
  'Unlicense',
  'Vim',
  'W3C',
  'WTFPL',
  'X11',
  'Zlib',
  'ZPL-2.1',
];
export const EXCEPTION_IDS = [
  'Autoconf-exception-generic',
  'Bison-exception-2.2',
  'Classpath-exception-2.0',
  'GCC-exception-3.1',
  'Linux-syscall-note',
  'LLVM-exception',
];

const byLowerCase = (ids: string[]) => new Map(ids.map((id) => [id.toLowerCase(), id]));
const LICENSES = byLowerCase(LICENSE_IDS);
const EXCEPTIONS = byLowerCase(EXCEPTION_IDS);

/** DEP-5 names whose SPDX id is not just a change of case or a version suffix. */
const DEBIAN_NAMES: Record<string, string> = {
  expat: 'MIT',
  artistic: 'Artistic-1.0-Perl',
  'apache-2': 'Apache-2.0',
  cc0: 'CC0-1.0',
  'psf-2': 'PSF-2.0',
  'mpl-2': 'MPL-2.0',
  zlib: 'Zlib',
};

/** GPL-2, GPL-2+, LGPL-2.1+, GFDL-1.3 ... as Debian writes them; `+` means "or later". */
const GNU_FAMILY = /^(A?GPL|LGPL|GFDL)-(\d)(?:\.(\d))?(?:\.0)?(\+)?$/i;

/** One license name as an SPDX id (matched without regard to case), or undefined when its meaning is not certain. */
export function spdxIdOf(name: string): string | undefined {
  const trimmed = name.trim();
  const known = LICENSES.get(trimmed.toLowerCase()) ?? DEBIAN_NAMES[trimmed.toLowerCase()];
  if (known) return known;
  const gnu = GNU_FAMILY.exec(trimmed);
  if (gnu) {
    const id = `${gnu[1].toUpperCase()}-${gnu[2]}.${gnu[3] ?? '0'}-${gnu[4] ? 'or-later' : 'only'}`;
    return LICENSES.get(id.toLowerCase());
  }
  return undefined;
}

/**
 * A license as an SPDX expression: an id, `A WITH exception`, or ids joined by AND/OR
 * (Debian writes `or`/`and` in lower case). Undefined when any part is not certain.
 */
export function spdxExpressionOf(license: string): string | undefined {
  const tokens = license.trim().split(/\s+/);
  if (tokens.length === 0 || tokens.some((t) => t.includes('(') || t.includes(')'))) return undefined;
  const out: string[] = [];
  let expectOperand = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (expectOperand) {
      const id = spdxIdOf(token);
      if (!id) return undefined;
      out.push(id);
      expectOperand = false;
    } else if (/^(and|or)$/i.test(token)) {
      out.push(token.toUpperCase());
      expectOperand = true;
    } else if (/^with$/i.test(token) && i + 1 < tokens.length) {
      const exception = EXCEPTIONS.get(tokens[++i].toLowerCase());
      if (!exception) return undefined;
      out.push('WITH', exception);
    } else {
      return undefined;
    }
  }
  return expectOperand ? undefined : out.join(' ');
}

export function isCompound(expression: string): boolean {
  return expression.includes(' ');
}
