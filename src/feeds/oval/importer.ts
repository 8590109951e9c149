/**
 * A feed importer over OVAL files of one publisher: it claims single files (plain, gzip)
 * whose generator names that publisher, reads them with the shared streaming reader and
 * hands each definition to the distro's normalizer. A definition that cannot be
 * normalized is a counted warning; a file that is not well-formed XML stops the build
 * with its name, so no partial database is left.
 */
import type { Advisory, FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { NewestDate, normalizeTimestamp } from '../common/dates.js';
import { walkFeedFiles, type FeedFile } from '../common/feed-files.js';
import { openOval, type OvalDefinition, type OvalGenerator } from './index.js';
import { ovalHeadOf, type OvalHead } from './sniff.js';

export interface OvalFlavor {
  readonly name: string;
  /** Whether a file with this head (generator product name, opening text) is this publisher's. */
  publishes(head: OvalHead): boolean;
  normalize(def: OvalDefinition, file: FeedFile, generator: OvalGenerator): Advisory[];
}

class OvalImporter implements FeedImporter {
  constructor(private readonly flavor: OvalFlavor) {}

  get name(): string {
    return this.flavor.name;
  }

  async detect(path: string): Promise<boolean> {
    const head = await ovalHeadOf(path);
    return head !== undefined && this.flavor.publishes(head);
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    const newest = new NewestDate();
    for await (const file of walkFeedFiles(path, { warn: (w) => ctx.warn(w) })) {
      const doc = await openOval(file);
      newest.offer(normalizeTimestamp(doc.generator.timestamp));
      for await (const def of doc.definitions) {
        let advisories: Advisory[];
        try {
          advisories = this.flavor.normalize(def, file, doc.generator);
        } catch (cause) {
          ctx.warn({ file: `${file.name}#${def.id}`, message: `invalid OVAL definition: ${describeCause(cause)}` });
          continue;
        }
        for (const advisory of advisories) yield { kind: 'advisory', advisory };
      }
    }
    // The newest generator timestamp of the files read is the data's.
    if (newest.value) yield { kind: 'data-date', date: newest.value };
  }
}

export function ovalImporter(flavor: OvalFlavor): FeedImporter {
  return new OvalImporter(flavor);
}
