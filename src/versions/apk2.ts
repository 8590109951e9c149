/**
 * Alpine package version order as apk-tools 2 compares them (2.14-stable, src/version.c),
 * for the branches whose packages and secdb it wrote: Alpine up to 3.22. apk-tools 3
 * (versions/apk.ts; first shipped by Alpine 3.23.0, "Alpine 3.23.0 released",
 * https://alpinelinux.org/posts/Alpine-3.23.0-released.html, 2025-12-03) rewrote the lexer,
 * and the two disagree on corner cases:
 *  - a number after a letter (`5.7.1p1`, `2.3a4`) is a further number here, invalid in 3;
 *  - a component with leading zeros (`.010`, `.00`) is a marker worth minus the number of
 *    zeros after the first, then the number: numeric, where 3 compares the text;
 *  - `-r` with no digits is revision 0 here, invalid in 3; a second `-rN` is allowed;
 *  - a suffix name is matched by prefix (`_rc` in `_rcfoo`, then the rest is invalid);
 *  - an invalid remainder sorts after the end of a version here, before it in 3;
 *  - no `~hash` component (3 added it); a number of 18 digits or more is invalid.
 * Our own implementation of the order that file defines (read there; none of its code is copied).
 */

/** Token kinds in apk-tools 2's order: a lower kind may not follow a higher one, but for three pairs. */
const INVALID = -1;
const DIGIT_OR_ZERO = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const REVISION_NO = 5;
const END = 6;

/** Pre-release suffixes are worth -4…-1, post-release ones 0…4: a plain version sits between. */
const PRE = ['alpha', 'beta', 'pre', 'rc'];
const POST = ['cvs', 'svn', 'git', 'hg', 'p'];

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLower = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';

class Lexer {
  /** Kind of the token to read next. */
  kind = DIGIT;
  private pos = 0;

  constructor(private readonly s: string) {}

  private get rest(): number {
    return this.s.length - this.pos;
  }

  /** Reads the token of `kind` and returns its value; `kind` becomes the next token's. */
  read(): bigint {
    if (this.rest <= 0) {
      this.kind = END;
      return 0n;
    }
    let value = 0n;
    let len = 0;
    let forced: number | undefined;
    const at = (i: number) => this.s[this.pos + i];
    switch (this.kind) {
      case DIGIT_OR_ZERO:
        if (at(0) === '0') {
          // Zeros after the first count against the component; the last zero starts the number.
          while (len + 1 < this.rest && at(len + 1) === '0') len++;
          value = BigInt(-len);
          forced = DIGIT;
          break;
        }
      // falls through
      case DIGIT:
      case SUFFIX_NO:
      case REVISION_NO:
        while (len < this.rest && isDigit(at(len))) len++;
        if (len >= 18) return this.invalid();
        value = len === 0 ? 0n : BigInt(this.s.slice(this.pos, this.pos + len));
        break;
      case LETTER:
        value = BigInt(this.s.charCodeAt(this.pos));
        len = 1;
        break;
      case SUFFIX: {
        const text = this.s.slice(this.pos);
        const pre = PRE.findIndex((p) => text.startsWith(p));
        const post = pre === -1 ? POST.findIndex((p) => text.startsWith(p)) : -1;
        if (pre === -1 && post === -1) return this.invalid();
        value = BigInt(pre !== -1 ? pre - PRE.length : post);
        len = (pre !== -1 ? PRE[pre] : POST[post]).length;
        break;
      }
      default:
        return this.invalid();
    }
    this.pos += len;
    if (this.rest === 0) this.kind = END;
    else if (forced !== undefined) this.kind = forced;
    else this.advance();
    return value;
  }

  /** Decides the next token's kind from the next character, consuming a separator. */
  private advance(): void {
    const c = this.s[this.pos];
    let next = INVALID;
    if ((this.kind === DIGIT || this.kind === DIGIT_OR_ZERO) && isLower(c)) next = LETTER;
    else if (this.kind === LETTER && isDigit(c)) next = DIGIT;
    else if (this.kind === SUFFIX && isDigit(c)) next = SUFFIX_NO;
    else {
      if (c === '.') next = DIGIT_OR_ZERO;
      else if (c === '_') next = SUFFIX;
      else if (c === '-' && this.rest > 1 && this.s[this.pos + 1] === 'r') {
        next = REVISION_NO;
        this.pos++;
      }
      this.pos++;
    }
    const allowed =
      next >= this.kind ||
      (next === DIGIT_OR_ZERO && this.kind === DIGIT) ||
      (next === SUFFIX && this.kind === SUFFIX_NO) ||
      (next === DIGIT && this.kind === LETTER);
    this.kind = allowed ? next : INVALID;
  }

  private invalid(): bigint {
    this.kind = INVALID;
    return -1n;
  }
}

export function compare(a: string, b: string): number {
  const la = new Lexer(a);
  const lb = new Lexer(b);
  let va = 0n;
  let vb = 0n;
  while (la.kind === lb.kind && la.kind !== END && la.kind !== INVALID && va === vb) {
    va = la.read();
    vb = lb.read();
  }
  if (va !== vb) return va < vb ? -1 : 1;
  const ka = la.kind;
  const kb = lb.kind;
  if (ka === kb) return 0;
  // Equal so far: the one that goes on is newer, unless it goes on with a pre-release suffix
  // (or an unknown one). Otherwise the one whose next kind is lower is newer: an invalid rest (-1) sorts above all.
  if (ka === SUFFIX && la.read() < 0n) return -1;
  if (kb === SUFFIX && lb.read() < 0n) return 1;
  return ka > kb ? -1 : 1;
}

export function isValid(version: string): boolean {
  const l = new Lexer(version);
  while (l.kind !== END && l.kind !== INVALID) l.read();
  return l.kind === END;
}
