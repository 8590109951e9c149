/** What base-image detection and recommendations hand to quickview and `airlock recommendations`. */
import type { SeverityCounts } from '../findings/model.js';
import type { DetectionMethod } from './detect.js';

export interface BaseImageRow {
  name: string;
  /** Absent for a base named by a label but not in the catalog. */
  counts?: SeverityCounts;
  by: DetectionMethod;
  /** The stored image's key (config digest), when it is in the catalog. */
  digest?: string;
  created?: string;
  /** How many of the image's first layers are the base's, of how many. */
  layers?: { base: number; image: number; assumed: boolean };
  /** `not in the base catalog, no counts` */
  note?: string;
}

export type CandidateKind = 'refreshed' | 'updated';

export interface BaseCandidate {
  kind: CandidateKind;
  name: string;
  digest: string;
  created?: string;
  /** `debian 13`, from the candidate's os-release. */
  os?: string;
  counts: SeverityCounts;
  /** Candidate minus current base, per band: negative is fewer vulnerabilities. */
  delta: SeverityCounts;
}

export interface QuickviewBase {
  base?: BaseImageRow;
  refreshed?: BaseCandidate;
  updated?: BaseCandidate;
  /** Why there is no base row. */
  reason?: string;
  /** What the reader should know about how the base was found. */
  notes: string[];
}
