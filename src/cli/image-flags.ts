import { Flags } from '@oclif/core';

/** Flags shared by every command that reads an image archive. */
export const imageSelectionFlags = {
  // --ref is Docker Scout's name for the same choice.
  image: Flags.string({
    aliases: ['ref'],
    description:
      'image to read from an archive holding several (name:tag as in RepoTags or the OCI ref name; --ref as in Docker Scout)',
    helpValue: 'NAME:TAG',
  }),
  platform: Flags.string({
    description: 'platform to read from a multi-platform index (default: the only one, else linux/amd64)',
    helpValue: 'OS/ARCH[/VARIANT]',
  }),
  'allow-diff-id-mismatch': Flags.boolean({
    description:
      "read layers whose content does not match the config's diff_ids, with a warning (archives from Docker 25.0's docker save); layer blobs must still match their descriptors",
    default: false,
  }),
};

/** The image-reading options of a parsed command line. */
export function imageReadOptions(flags: { image?: string; platform?: string; 'allow-diff-id-mismatch'?: boolean }): {
  image?: string;
  platform?: string;
  allowDiffIdMismatch: boolean;
} {
  return {
    image: flags.image,
    platform: flags.platform,
    allowDiffIdMismatch: flags['allow-diff-id-mismatch'] === true,
  };
}

export const outputFlag = {
  output: Flags.string({
    char: 'o',
    description: 'write the report to this file instead of stdout',
    helpValue: 'FILE',
  }),
};

/** How old an advisory database may be before scans warn, or fail with --fail-on-stale. */
export const stalenessFlags = {
  'max-age': Flags.integer({
    description:
      'days after which the data of a source the image was matched against counts as stale, by its data date (default 7, or AIRLOCK_MAX_DB_AGE_DAYS)',
    min: 0,
    helpValue: 'DAYS',
  }),
  'fail-on-stale': Flags.boolean({
    description:
      'exit with an error instead of a warning when a matched source is stale or of unknown age, or the bundle has expired',
    default: false,
  }),
};

/** The staleness options of a parsed command line. */
export function stalenessOptions(flags: { 'max-age'?: number; 'fail-on-stale'?: boolean }): {
  maxAgeDays?: number;
  failOnStale?: boolean;
} {
  return {
    ...(flags['max-age'] !== undefined ? { maxAgeDays: flags['max-age'] } : {}),
    failOnStale: flags['fail-on-stale'] === true,
  };
}
