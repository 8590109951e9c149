/**
 * License short names from a Debian `copyright` file, when it is machine readable
 * (DEP-5, https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/).
 * Free-form copyright files name licenses in prose; guessing from prose produces
 * wrong answers, so those yield nothing.
 */

/** The header's `Format:` URI (or the draft `Format-Specification:`) names the DEP-5 spec. */
const FORMAT_HEADER = /^Format(?:-Specification)?:[ \t]*\S*(?:copyright-format|dep5)/im;
// Greedy and trimmed in code: a lazy match against trailing blanks backtracks quadratically on hostile input.
const LICENSE_LINE = /^License:(.*)$/gim;

export function isMachineReadable(text: string): boolean {
  const header = text.split(/\r?\n[ \t]*\r?\n/, 1)[0];
  return FORMAT_HEADER.test(header);
}

/**
 * Each distinct `License:` short name (the first line of the field), in order of first
 * appearance. Expressions such as `GPL-1+ or Artistic` are kept as the file writes them.
 */
export function copyrightLicenses(text: string): string[] {
  if (!isMachineReadable(text)) return [];
  const seen = new Set<string>();
  for (const match of text.matchAll(LICENSE_LINE)) {
    const name = match[1].replace(/\s+/g, ' ').trim();
    if (name) seen.add(name);
  }
  return [...seen];
}
