/**
 * FIRST EPSS importer: `epss_scores-YYYY-MM-DD.csv[.gz]`, read line by line (the full
 * file has ~300k rows). The first line is a comment carrying the model version and score
 * date (`#model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000`), then the header.
 */
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { InputError } from '../../errors.js';
import { NewestDate } from '../common/dates.js';
import { readLines } from '../common/decoded-stream.js';
import { walkFeedFiles, type FeedFile } from '../common/feed-files.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat, formatOfFile } from '../common/sniff.js';
import { RecordError } from '../common/values.js';
import { parseHeader, parseMetadataLine, parseRow, type EpssColumns, type EpssMetadata } from './csv.js';

class EpssImporter implements FeedImporter {
  readonly name = 'epss';
  readonly claim = formatClaim('epss');

  detect(path: string): Promise<boolean> {
    return containsFormat(path, 'epss');
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    // The `score_date` stamped in the file (newest, if several files were read).
    const scoreDate = new NewestDate();
    for await (const file of walkFeedFiles(path, { warn: (w) => ctx.warn(w) })) {
      if ((await formatOfFile(file)) === 'epss') yield* this.readFile(file, ctx, scoreDate);
    }
    if (scoreDate.value) yield { kind: 'data-date', date: scoreDate.value };
  }

  private async *readFile(file: FeedFile, ctx: FeedContext, scoreDate: NewestDate): AsyncGenerator<FeedRecord> {
    let metadata: EpssMetadata = {};
    let columns: EpssColumns | undefined;
    for await (const { text: line, lineNo: lineNumber } of readLines(file, ctx)) {
      if (line.trim() === '') continue;
      if (line.startsWith('#')) {
        metadata = { ...metadata, ...parseMetadataLine(line) };
        scoreDate.offer(metadata.date);
        continue;
      }
      if (!columns) {
        columns = parseHeader(line);
        if (!columns) throw new InputError(file.name, `line ${lineNumber}: expected the header "cve,epss,percentile"`);
        continue;
      }
      try {
        yield { kind: 'epss', score: parseRow(line, columns, metadata) };
      } catch (cause) {
        if (!(cause instanceof RecordError)) throw cause;
        ctx.warn({ file: `${file.name}:${lineNumber}`, message: `invalid EPSS row: ${cause.message}` });
      }
    }
  }
}

export const importer: FeedImporter = new EpssImporter();
