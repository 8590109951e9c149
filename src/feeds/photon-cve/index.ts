/**
 * Photon OS CVE data: one JSON list per release, `cve_data_photon<release>.json`, as
 * Photon publishes it (the release is in the file name only). Each malformed entry is a
 * counted warning.
 */
import path from 'node:path';
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { readJson } from '../common/decoded-stream.js';
import { rethrowFileErrors } from '../common/limits.js';
import { walkFeedFiles } from '../common/feed-files.js';
import { normalizePhotonEntry, releaseOfFileName } from './normalize.js';
import { stat } from 'node:fs/promises';
import { fetchedDataDate } from '../common/fetched-date.js';

class PhotonCveImporter implements FeedImporter {
  readonly name = 'photon-cve';

  async detect(entry: string): Promise<boolean> {
    return (
      releaseOfFileName(path.basename(entry)) !== undefined && !!(await stat(entry).catch(() => undefined))?.isFile()
    );
  }

  async *read(entry: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    let newest: string | undefined;
    for await (const file of walkFeedFiles(entry, { warn: (w) => ctx.warn(w) })) {
      const release = releaseOfFileName(path.basename(file.entryPath));
      if (!release) continue;
      let list: unknown;
      try {
        list = await readJson(file);
      } catch (cause) {
        rethrowFileErrors(cause);
        ctx.warn({ file: file.name, message: `not valid JSON: ${describeCause(cause)}` });
        continue;
      }
      if (!Array.isArray(list)) {
        ctx.warn({ file: file.name, message: 'not a Photon CVE list (expected a JSON array)' });
        continue;
      }
      // The list carries no date: what `feeds fetch` recorded, else unknown (never the mtime).
      const fetched = file.name.includes('!') ? undefined : await fetchedDataDate(file.name);
      if (fetched && (!newest || fetched > newest)) newest = fetched;
      for (let i = 0; i < list.length; i++) {
        try {
          const advisory = normalizePhotonEntry(list[i], release);
          if (advisory) yield { kind: 'advisory', advisory };
        } catch (cause) {
          ctx.warn({ file: `${file.name}[${i}]`, message: `invalid Photon CVE entry: ${describeCause(cause)}` });
        }
      }
    }
    if (newest) yield { kind: 'data-date', date: newest };
  }
}

export const importer: FeedImporter = new PhotonCveImporter();
