/**
 * OSV advisories that distributions publish for their own packages, each its own source:
 * - `almalinux-osv`: AlmaLinux's ALSA/ALBA/ALEA (osv.dev `AlmaLinux/all.zip`, or the
 *   AlmaLinux/osv-database tree), rows in `almalinux:<major>`;
 * - `rocky-osv`: Rocky Linux's RLSA/RLBA/RLEA (osv.dev `Rocky Linux/all.zip`), rows in
 *   `rocky:<major>`;
 * - `chainguard-osv`: Chainguard's CGA records (osv.dev `Chainguard/` and `Wolfi/`
 *   exports, or Chainguard's own OSV archive), rows in `chainguard:rolling` and
 *   `wolfi:rolling` by each entry's ecosystem.
 * Records are told apart by their id (src/feeds/common/sniff-distro.ts), so the generic OSV
 * importer passes over them and each source is counted and dated on its own.
 */
import type {
  Advisory,
  AffectedPackage,
  FeedContext,
  FeedImporter,
  FeedRecord,
  FormatClaim,
} from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { NewestDate } from '../common/dates.js';
import { jsonDocumentsOf } from '../common/json-documents.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat } from '../common/sniff.js';
import type { DistroFeedFormat } from '../common/sniff-distro.js';
import { normalizeOsvRecord } from '../osv/normalize.js';
import { perCveAdvisories } from './rebuild-advisory.js';

type OsvFormat = Extract<DistroFeedFormat, 'almalinux-osv' | 'rocky-osv' | 'chainguard-osv'>;

class DistroOsvImporter implements FeedImporter {
  constructor(
    readonly name: OsvFormat,
    private readonly convert: (record: Record<string, unknown>, advisory: Advisory) => Advisory[],
  ) {
    this.claim = formatClaim(name);
  }

  readonly claim: FormatClaim;

  detect(path: string): Promise<boolean> {
    return containsFormat(path, this.name);
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    // Newest `modified` of the records read: the data date of this read.
    const newest = new NewestDate();
    for await (const { file, doc } of jsonDocumentsOf(path, this.name, ctx)) {
      let advisories: Advisory[];
      try {
        advisories = this.convert(doc, { ...normalizeOsvRecord(doc), source: this.name });
      } catch (cause) {
        ctx.warn({ file: file.name, message: `invalid OSV record: ${describeCause(cause)}` });
        continue;
      }
      for (const advisory of advisories) {
        newest.offer(advisory.modified);
        yield { kind: 'advisory', advisory };
      }
    }
    if (newest.value) yield { kind: 'data-date', date: newest.value };
  }
}

export const almalinuxOsv: FeedImporter = new DistroOsvImporter('almalinux-osv', (record, advisory) =>
  perCveAdvisories(record, advisory, 'almalinux-osv'),
);
export const rockyOsv: FeedImporter = new DistroOsvImporter('rocky-osv', (record, advisory) =>
  perCveAdvisories(record, advisory, 'rocky-osv'),
);
/**
 * CGA records name one vulnerability each, with its CVE among `upstream` (read as aliases):
 * kept whole. A package whose only range is `introduced 0, fixed 0` was never affected
 * (Chainguard's way of writing a false-positive determination, as secdb's "0"): a
 * not-affected row, not a fix at version 0.
 */
export const chainguardOsv: FeedImporter = new DistroOsvImporter('chainguard-osv', (_record, advisory) => [
  { ...advisory, affected: advisory.affected.map(notAffectedWhenFixedAtZero) },
]);

function notAffectedWhenFixedAtZero(row: AffectedPackage): AffectedPackage {
  const events = row.ranges.flatMap((range) => range.events);
  const fixedAtZero =
    events.length > 0 &&
    events.every((e) => e.introduced === '0' || e.fixed === '0') &&
    events.some((e) => e.fixed === '0');
  if (!fixedAtZero || row.versions.length > 0) return row;
  const { fixedVersion: _unused, ...rest } = row;
  return { ...rest, status: 'not_affected', ranges: [] };
}
