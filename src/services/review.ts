/**
 * `airlock review`: everything the review shows, gathered before the first frame: the match result
 * (through `matchImage`, so tarballs and stored images both work), every source's rating
 * of each vulnerability for the detail pane, and the VEX document decisions go to.
 */
import { userInfo } from 'node:os';
import type { SeverityRecord } from '../advisories/model.js';
import type { QuickviewBase } from '../base/model.js';
import { severitiesFor } from '../db/queries.js';
import { AIRLOCK_VERSION } from '../version.js';
import { loadVex } from '../vex/load.js';
import type { VexDocument } from '../vex/model.js';
import { quickviewBase } from './base/quickview.js';
import { matchImage, openScanDatabase, type MatchImageOptions, type MatchResult } from './match.js';

/** What the Ink review (src/tui/) is started with. */
export interface ReviewInput {
  result: MatchResult;
  /** Every rating known for each vulnerability id and alias (`severitiesFor`). */
  severities: Map<string, SeverityRecord[]>;
  vexFile: string;
  vex?: VexDocument;
  /** OpenVEX `author` for a new document. */
  author: string;
  tooling: string;
  /** The time decisions are judged at (expiry) and that the database age was computed for. */
  now: Date;
  /** Base-image detection against the local catalog (src/base/), when it ran. */
  base?: QuickviewBase;
}

export interface LoadReviewOptions extends MatchImageOptions {
  /** Where decisions are read from and written to; default <AIRLOCK_HOME>/vex.openvex.json. */
  vexFile?: string;
  /** OpenVEX author of a new document; default the user's login name. */
  author?: string;
}

function defaultAuthor(): string {
  try {
    return `${userInfo().username} (airlock review)`;
  } catch {
    return 'airlock review';
  }
}

export async function loadReview(image: string, options: LoadReviewOptions = {}): Promise<ReviewInput> {
  const now = options.now ?? new Date();
  // Read the VEX document first: a malformed one should stop us before the image is read.
  const vex = await loadVex(options.vexFile, { mustExist: false });
  const result = await matchImage(image, { ...options, now });
  const ids = result.findings.flatMap((f) => [f.vulnId, ...f.aliases]);
  const db = await openScanDatabase(result.database.path);
  let severities: Map<string, SeverityRecord[]>;
  try {
    severities = await severitiesFor(db, ids);
  } finally {
    await db.destroy();
  }
  const base = await quickviewBase(result.sbom, { storeFile: options.storeFile, dbFile: result.database.path });
  return {
    result,
    severities,
    base,
    vexFile: vex.file,
    ...(vex.document ? { vex: vex.document } : {}),
    author: options.author ?? defaultAuthor(),
    tooling: `airlock ${AIRLOCK_VERSION}`,
    now,
  };
}
