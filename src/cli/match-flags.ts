/**
 * The flags every matching command shares (cves, quickview, compare, policy, scan, review,
 * recommendations) and the one parser that turns them into the services' typed
 * MatchImageOptions. Commands spread `matchFlags` and add their own; services never see
 * a flag name.
 */
import { Args, Flags } from '@oclif/core';
import type { MatchImageOptions } from '../services/match.js';
import { imageReadOptions, imageSelectionFlags, stalenessFlags, stalenessOptions } from './image-flags.js';
import { layerProgress } from './progress.js';

export const dbFlag = {
  db: Flags.string({ description: 'advisory database to use (default: the installed one)', helpValue: 'FILE' }),
};

export const attestationFlag = {
  'ignore-attestations': Flags.boolean({
    description: 'read the layers even when the image carries an SBOM attestation',
    default: false,
  }),
};

export const osOwnedFlag = {
  'include-os-owned': Flags.boolean({
    description:
      'also match language packages whose files a deb/rpm/apk owns against their ecosystem (by default the owning OS package is matched, since the distro backports fixes)',
    default: false,
  }),
};

/** `--base NAME` for the commands that detect a base image (quickview, scan, recommendations). */
export function baseFlag(description = 'the base image, by base catalog name or digest, instead of detecting it') {
  return { base: Flags.string({ description, helpValue: 'NAME' }) };
}

/** Database, attestations, image selection and staleness: what reading and matching an image needs. */
export const matchFlags = { ...dbFlag, ...attestationFlag, ...imageSelectionFlags, ...stalenessFlags };

/** The shared flags as oclif parses them; a command without one of them leaves it undefined. */
export interface MatchFlagValues {
  db?: string;
  'ignore-attestations'?: boolean;
  'include-os-owned'?: boolean;
  image?: string;
  platform?: string;
  'allow-diff-id-mismatch'?: boolean;
  'max-age'?: number;
  'fail-on-stale'?: boolean;
}

/** The shared flags of a parsed command line as the options every matching service takes. */
export function matchOptionsFromFlags(flags: MatchFlagValues): MatchImageOptions {
  return {
    dbFile: flags.db,
    ...(flags['include-os-owned'] !== undefined ? { includeOsOwned: flags['include-os-owned'] } : {}),
    ...stalenessOptions(flags),
    ...imageReadOptions(flags),
    onLayer: layerProgress(),
    ignoreAttestations: flags['ignore-attestations'] === true,
  };
}

/** The image argument of every matching command. */
export const imageArg = {
  image: Args.string({
    description: 'image tarball, OCI layout directory, sbom:FILE, or a stored image',
    required: true,
  }),
};

/** `--format text|json|markdown`, the choice of the commands that print counts or verdicts. */
export const textJsonMarkdownFlag = {
  format: Flags.string({
    char: 'f',
    description: 'output format',
    options: ['text', 'json', 'markdown'],
    default: 'text',
  }),
};
