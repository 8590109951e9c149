/**
 * A loopback HTTP server (127.0.0.1, port 0) for fetch tests. It serves a directory the
 * way a feed host or mirror does — ETag, Last-Modified, Range with If-Range, 304 — and
 * can misbehave once per path on request: drop the connection mid-body or answer 503.
 * `/rest/json/cves/2.0` emulates NVD's paged API over the records of a real API page.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export type Fault = 'drop-mid-body' | 'stall-mid-body' | '503';

export interface LoggedRequest {
  path: string;
  status: number;
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
  apiKey?: string;
}

export interface FeedServer {
  url: string;
  requests: LoggedRequest[];
  /** Faults to apply to the next requests of a path, in order, each once. */
  faults: Map<string, Fault[]>;
  close(): Promise<void>;
}

export async function startFeedServer(root: string, options: { nvdPage?: string } = {}): Promise<FeedServer> {
  const requests: LoggedRequest[] = [];
  const faults = new Map<string, Fault[]>();
  const stalled: ServerResponse[] = [];
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const log: LoggedRequest = {
      path: path + url.search,
      status: 0,
      range: req.headers.range,
      ifRange: req.headers['if-range'] as string | undefined,
      ifNoneMatch: req.headers['if-none-match'],
      apiKey: req.headers.apikey as string | undefined,
    };
    requests.push(log);
    const respond = (status: number, headers: Record<string, string | number> = {}, body?: Buffer) => {
      log.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    const fault = faults.get(path)?.shift();
    if (fault === '503') return respond(503, { 'retry-after': '0' });

    let body: Buffer;
    let mtime = new Date('2025-08-25T17:04:19Z');
    if (path === '/rest/json/cves/2.0' && options.nvdPage) {
      body = nvdSlice(JSON.parse(await readFile(options.nvdPage, 'utf8')), url.searchParams);
    } else {
      const file = join(root, normalize(path).replace(/^(\.\.(\/|$))+/, ''));
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return respond(404);
      body = await readFile(file);
      mtime = info.mtime;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const common = { etag, 'last-modified': mtime.toUTCString(), 'accept-ranges': 'bytes' };
    if (req.headers['if-none-match'] === etag) return respond(304, common);

    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const rangeApplies = range && (!req.headers['if-range'] || req.headers['if-range'] === etag);
    if (rangeApplies && Number(range[1]) >= body.length)
      return respond(416, { 'content-range': `bytes */${body.length}` });
    const start = rangeApplies ? Number(range[1]) : 0;
    const slice = body.subarray(start);
    const headers = {
      ...common,
      'content-type': 'application/octet-stream',
      'content-length': slice.length,
      ...(rangeApplies ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    };
    if (fault === 'stall-mid-body') {
      log.status = rangeApplies ? 206 : 200;
      res.writeHead(log.status, headers);
      res.write(slice.subarray(0, Math.floor(slice.length / 2)));
      // Never finish: the client's idle timeout has to notice. Closed when the server closes.
      stalled.push(res);
      return;
    }
    if (fault === 'drop-mid-body') {
      log.status = rangeApplies ? 206 : 200;
      res.writeHead(log.status, headers);
      res.write(slice.subarray(0, Math.floor(slice.length / 2)));
      // Let the first half reach the client, then cut the connection as a flaky link would.
      setTimeout(() => res.socket?.destroy(), 100);
      return;
    }
    respond(rangeApplies ? 206 : 200, headers, slice);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () => {
      for (const res of stalled) res.socket?.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function nvdSlice(
  page: { vulnerabilities: unknown[]; format: string; version: string; timestamp: string },
  query: URLSearchParams,
): Buffer {
  const start = Number(query.get('startIndex') ?? 0);
  const perPage = Number(query.get('resultsPerPage') ?? 2000);
  const vulnerabilities = page.vulnerabilities.slice(start, start + perPage);
  return Buffer.from(
    JSON.stringify({
      resultsPerPage: vulnerabilities.length,
      startIndex: start,
      totalResults: page.vulnerabilities.length,
      format: page.format,
      version: page.version,
      timestamp: page.timestamp,
      vulnerabilities,
    }),
  );
}
