/**
 * Alpine package version order, as apk-tools compares them:
 * `digit{.digit}...{letter}{_suffix{number}}...{~hash}{-rN}`.
 * A version is read as a sequence of typed tokens; two versions are compared token by token
 * while the token kinds agree, and when they stop agreeing the kind decides.
 */

/** Token kinds, in the order apk-tools ranks them when one version runs on and the other does not. */
const enum Kind {
  InitialDigit,
  Digit,
  Letter,
  Suffix,
  SuffixNumber,
  CommitHash,
  Revision,
  End,
  Invalid,
}

/** Suffix ranks: pre-release suffixes sort below a plain version, post-release ones above. */
const SUFFIX_RANK = new Map<string, number>([
  ['alpha', 0],
  ['beta', 1],
  ['pre', 2],
  ['rc', 3],
  ['cvs', 5],
  ['svn', 6],
  ['git', 7],
  ['hg', 8],
  ['p', 9],
]);
const NO_SUFFIX_RANK = 4;

interface Token {
  kind: Kind;
  /** The token's text (digits, letter, suffix name or hash). */
  text: string;
  number: bigint;
  suffixRank: number;
}

class Tokenizer {
  private pos = 0;
  readonly token: Token = { kind: Kind.InitialDigit, text: '', number: 0n, suffixRank: NO_SUFFIX_RANK };

  constructor(private readonly s: string) {
    this.readDigits();
  }

  private readDigits(): void {
    const m = /^\d*/.exec(this.s.slice(this.pos))![0];
    this.pos += m.length;
    this.token.text = m;
    this.token.number = m === '' ? 0n : BigInt(m);
    if (m === '') this.token.kind = Kind.Invalid;
  }

  /** Moves to the next token; the previous kind limits which kinds may follow. */
  next(): void {
    const t = this.token;
    if (this.pos >= this.s.length) {
      t.kind = Kind.End;
      return;
    }
    const c = this.s[this.pos];
    if (c >= 'a' && c <= 'z') {
      if (t.kind > Kind.Digit) return this.invalid();
      t.kind = Kind.Letter;
      t.text = c;
      this.pos++;
    } else if (c === '.' || (c >= '0' && c <= '9')) {
      if (c === '.') {
        if (t.kind > Kind.Digit) return this.invalid();
        this.pos++;
      }
      if (t.kind === Kind.InitialDigit || t.kind === Kind.Digit) t.kind = Kind.Digit;
      else if (t.kind === Kind.Suffix) t.kind = Kind.SuffixNumber;
      else return this.invalid();
      this.readDigits();
    } else if (c === '_') {
      if (t.kind > Kind.SuffixNumber) return this.invalid();
      const name = /^[a-z]*/.exec(this.s.slice(this.pos + 1))![0];
      this.pos += 1 + name.length;
      const rank = SUFFIX_RANK.get(name);
      if (rank === undefined) return this.invalid();
      t.kind = Kind.Suffix;
      t.text = name;
      t.suffixRank = rank;
    } else if (c === '~') {
      if (t.kind >= Kind.CommitHash) return this.invalid();
      const hash = /^[0-9a-f]*/.exec(this.s.slice(this.pos + 1))![0];
      if (hash === '') return this.invalid();
      this.pos += 1 + hash.length;
      t.kind = Kind.CommitHash;
      t.text = hash;
    } else if (c === '-') {
      if (t.kind >= Kind.Revision || this.s[this.pos + 1] !== 'r') return this.invalid();
      this.pos += 2;
      t.kind = Kind.Revision;
      this.readDigits();
    } else {
      this.invalid();
    }
  }

  private invalid(): void {
    this.token.kind = Kind.Invalid;
  }
}

/** Byte-wise string order, shorter first on a common prefix (apk_blob_sort). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareTokens(a: Token, b: Token): number {
  switch (a.kind) {
    case Kind.Digit:
      // A leading zero makes the component a decimal fraction: compare as text (as Gentoo does).
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareText(a.text, b.text);
    // falls through
    case Kind.InitialDigit:
    case Kind.SuffixNumber:
    case Kind.Revision:
      return a.number === b.number ? 0 : a.number < b.number ? -1 : 1;
    case Kind.Letter:
      return compareText(a.text, b.text);
    case Kind.Suffix:
      return Math.sign(a.suffixRank - b.suffixRank);
    default:
      return compareText(a.text, b.text);
  }
}

export function compare(a: string, b: string): number {
  const ta = new Tokenizer(a);
  const tb = new Tokenizer(b);
  while (ta.token.kind === tb.token.kind && ta.token.kind < Kind.End) {
    const r = compareTokens(ta.token, tb.token);
    if (r !== 0) return r;
    ta.next();
    tb.next();
  }
  const ka = ta.token.kind;
  const kb = tb.token.kind;
  if (ka === kb) return 0;
  // Same so far: the longer version is newer, unless what follows is a pre-release suffix.
  if (ka === Kind.Suffix && ta.token.suffixRank < NO_SUFFIX_RANK) return -1;
  if (kb === Kind.Suffix && tb.token.suffixRank < NO_SUFFIX_RANK) return 1;
  return ka > kb ? -1 : 1;
}

export function isValid(version: string): boolean {
  const t = new Tokenizer(version);
  while (t.token.kind < Kind.End) t.next();
  return t.token.kind === Kind.End;
}
