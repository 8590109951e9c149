import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { UserError } from '../../errors.js';
import { describeNetworkError, fsync, retryAfterMs, sha256File } from './http-util.js';
import { readSidecar, writeSidecar, type Sidecar } from './sidecar.js';

export interface DownloadProgress {
  url: string;
  dest: string;
  received: number;
  total?: number;
}

export interface RetryPolicy {
  /** Total tries per file, first one included. */
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** Abort a transfer that receives nothing for this long (then retry and resume). */
  idleTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  backoffMs: 1000,
  maxBackoffMs: 30_000,
  idleTimeoutMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface DownloadRequest {
  url: string;
  dest: string;
  sidecar: string;
  headers?: Record<string, string>;
  /** Send If-None-Match / If-Modified-Since when a complete copy exists (not for API pages). */
  conditional?: boolean;
}

export interface DownloadOutcome {
  url: string;
  dest: string;
  status: 'downloaded' | 'not-modified';
  bytes: number;
  attempts: number;
  /** Bytes already in `.part` that the final successful request resumed after. */
  resumedFrom?: number;
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Downloads `url` to `dest` via `dest.part`: resumes an interrupted `.part` with an HTTP
 * Range request guarded by If-Range (so a changed file restarts instead of splicing two
 * versions), retries network errors, 5xx and 429 with bounded exponential backoff, and
 * renames into place only when the byte count matches what the server announced.
 */
export async function download(
  req: DownloadRequest,
  policy: RetryPolicy = DEFAULT_RETRY,
  onProgress?: (p: DownloadProgress) => void,
): Promise<DownloadOutcome> {
  await mkdir(dirname(req.dest), { recursive: true });
  let lastError = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return { ...(await attemptDownload(req, policy, onProgress)), attempts: attempt };
    } catch (err) {
      if (err instanceof UserError) throw err;
      lastError = err instanceof Retryable ? err.message : describeNetworkError(err);
      if (attempt === policy.attempts) break;
      const backoff = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
      await policy.sleep(
        Math.min(policy.maxBackoffMs, Math.max(backoff, err instanceof Retryable ? (err.retryAfterMs ?? 0) : 0)),
      );
    }
  }
  throw new UserError(`${req.url}: download failed after ${policy.attempts} attempts: ${lastError}`, {
    hint: 'the partial file is kept; run the fetch again to resume it',
  });
}

async function attemptDownload(
  req: DownloadRequest,
  policy: RetryPolicy,
  onProgress?: (p: DownloadProgress) => void,
): Promise<Omit<DownloadOutcome, 'attempts'>> {
  const part = `${req.dest}.part`;
  const known = await readSidecar(req.sidecar);
  const partSize = (await stat(part).catch(() => undefined))?.size ?? 0;
  const validator = known && !known.complete && known.url === req.url ? (known.etag ?? known.lastModified) : undefined;
  const resumeFrom = partSize > 0 && validator ? partSize : 0;
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...req.headers };
  if (resumeFrom > 0) {
    headers.range = `bytes=${resumeFrom}-`;
    headers['if-range'] = validator!;
  } else if (
    req.conditional &&
    known?.complete &&
    known.url === req.url &&
    (await stat(req.dest).catch(() => undefined))
  ) {
    if (known.etag) headers['if-none-match'] = known.etag;
    if (known.lastModified) headers['if-modified-since'] = known.lastModified;
  }

  const abort = new AbortController();
  let idle = setTimeout(() => abort.abort(), policy.idleTimeoutMs);
  try {
    const res = await fetch(req.url, { headers, signal: abort.signal, redirect: 'follow' });
    if (res.status === 304) {
      await res.body?.cancel();
      return { url: req.url, dest: req.dest, status: 'not-modified', bytes: known?.bytes ?? 0 };
    }
    if (res.status === 416) {
      await res.body?.cancel();
      await rm(part, { force: true });
      throw new Retryable('HTTP 416: the partial download no longer fits the file; starting over');
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      await res.body?.cancel();
      throw new Retryable(`HTTP ${res.status} ${res.statusText}`, retryAfterMs(res.headers.get('retry-after')));
    }
    if (res.status !== 200 && res.status !== 206) {
      await res.body?.cancel();
      throw new UserError(`${req.url}: HTTP ${res.status} ${res.statusText}`, {
        hint:
          res.status === 404
            ? 'the file is not at that address; check the source URL or the --mirror layout'
            : undefined,
      });
    }
    const appending = res.status === 206;
    let total: number | undefined;
    if (appending) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
      if (!range || Number(range[1]) !== resumeFrom) {
        await res.body?.cancel();
        await rm(part, { force: true });
        throw new Retryable(
          `server answered range ${res.headers.get('content-range')} for bytes=${resumeFrom}-; starting over`,
        );
      }
      total = range[3] === '*' ? undefined : Number(range[3]);
    } else {
      const length = res.headers.get('content-length');
      total = length && !res.headers.get('content-encoding') ? Number(length) : undefined;
    }
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;
    await writeSidecar(req.sidecar, {
      url: req.url,
      etag: appending ? known?.etag : etag,
      lastModified: appending ? known?.lastModified : lastModified,
      complete: false,
    });

    let received = appending ? resumeFrom : 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
        clearTimeout(idle);
        idle = setTimeout(() => abort.abort(), policy.idleTimeoutMs);
        received += chunk.length;
        onProgress?.({ url: req.url, dest: req.dest, received, total });
        done(null, chunk);
      },
    });
    if (!res.body) throw new Retryable('empty response body');
    await pipeline(
      Readable.fromWeb(res.body as WebReadableStream),
      meter,
      createWriteStream(part, { flags: appending ? 'a' : 'w' }),
    );
    const size = (await stat(part)).size;
    if (total !== undefined && size !== total) throw new Retryable(`connection closed after ${size} of ${total} bytes`);
    await fsync(part);
    await rename(part, req.dest);
    const final: Sidecar = {
      url: req.url,
      etag: appending ? known?.etag : etag,
      lastModified: appending ? known?.lastModified : lastModified,
      complete: true,
      bytes: size,
      sha256: await sha256File(req.dest),
      fetched: new Date().toISOString(),
    };
    await writeSidecar(req.sidecar, final);
    return {
      url: req.url,
      dest: req.dest,
      status: 'downloaded',
      bytes: size,
      resumedFrom: appending ? resumeFrom : undefined,
    };
  } finally {
    clearTimeout(idle);
  }
}
