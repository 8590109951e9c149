import { Flags } from '@oclif/core';
import { formatBytes } from '../../cli/progress.js';
import { UserError } from '../../errors.js';
import { fetchPublicFeeds, type DownloadProgress } from '../../services/feeds.js';
import { BaseCommand } from '../base-command.js';
import { writeRaw } from '../../cli/terminal-guard.js';
import { escapeField } from '../../text/terminal-safe.js';

export default class FeedsFetch extends BaseCommand {
  static override summary = 'Download public advisory feeds for `airlock bundle build` (connected side only)';
  static override description = `Sources: debian-tracker, alpine-secdb, osv, redhat-csaf and redhat-csaf-vex (the newest archive Red Hat's archive_latest.txt names; older ones are removed), nvd (API 2.0, set NVD_API_KEY for faster paging), cisa-kev, epss. Interrupted downloads resume from their .part file; a second run asks the server whether each file changed. --mirror BASE fetches every file from BASE/<path>, the layout this command writes, so a fetched directory served over HTTP is a mirror. --config FILE ({"sources": [...]}) replaces or adds sources by name.`;
  static override examples = [
    '<%= config.bin %> feeds fetch --out ./feeds',
    '<%= config.bin %> feeds fetch --out ./feeds --source cisa-kev --source epss',
    '<%= config.bin %> feeds fetch --out ./feeds --mirror https://mirror.internal/airlock-feeds',
  ];
  static override flags = {
    out: Flags.string({ description: 'directory to download into', required: true, helpValue: 'DIR' }),
    source: Flags.string({ description: 'only this source; repeat for several', multiple: true, helpValue: 'NAME' }),
    mirror: Flags.string({ description: 'base URL of a mirror serving the same relative paths', helpValue: 'URL' }),
    config: Flags.string({ description: 'JSON file with sources to replace or add', helpValue: 'FILE' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(FeedsFetch);
    const result = await fetchPublicFeeds({
      outDir: flags.out,
      sources: flags.source,
      mirror: flags.mirror,
      configFile: flags.config,
      onProgress: progressLine(),
      onFile: (f) => {
        if (process.stderr.isTTY) writeRaw(process.stderr, '\r\u001b[2K');
        const how =
          f.status === 'not-modified'
            ? 'unchanged'
            : `${formatBytes(f.bytes)}${f.resumedFrom ? `, resumed at ${formatBytes(f.resumedFrom)}` : ''}${f.attempts > 1 ? `, ${f.attempts} attempts` : ''}`;
        this.log(`${f.source}: ${f.path} (${how})`);
      },
    });
    if (process.stderr.isTTY) writeRaw(process.stderr, '\r\u001b[2K');
    for (const f of result.failures) {
      process.stderr.write(`error: ${f.source}: ${f.message}\n`);
      if (f.hint) process.stderr.write(`hint: ${f.hint}\n`);
    }
    if (result.failures.length)
      throw new UserError(
        `${result.failures.length} download(s) failed; ${result.files.length} file(s) are in ${flags.out}`,
      );
  }
}

/** One rewritten stderr line, only on a terminal, at most every 200 ms. */
function progressLine(): ((p: DownloadProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.received !== p.total) return;
    last = now;
    const of = p.total ? ` of ${formatBytes(p.total)}` : '';
    writeRaw(process.stderr, `\r\u001b[2K${escapeField(`${p.url} ${formatBytes(p.received)}${of}`)}`);
  };
}
