/**
 * Headless Chromium (Debian's `chromium`, installed by .ci/install-oracles.sh) driven over
 * the DevTools protocol on a pipe (--remote-debugging-pipe: commands on fd 3, events and
 * replies on fd 4, each message JSON ended by a NUL), so no port, no WebSocket and no
 * browser download. It runs inside `unshare -n`: a network namespace of its own, with no
 * interface but a loopback that is down. What the namespace had is reported back
 * (`interfaces`, `routes`, a TCP connect attempt) so the test can assert it really had no network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  /** Network interfaces and IPv4 routes seen inside the browser's namespace. */
  interfaces: string[];
  routes: string[];
  /** `failed` when a TCP connection to 1.1.1.1:80 from inside the namespace could not be made. */
  connect: string;
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<any>;
  /** Resolves on the next event of that name (in that session). */
  once(method: string, sessionId?: string): Promise<any>;
  /** Every event seen so far, for assertions (console errors, CSP violations). */
  events: { method: string; params: any; sessionId?: string }[];
  close(): Promise<void>;
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run .ci/install-oracles.sh (apt-get install chromium)`);
  const profile = mkdtempSync(path.join(tmpdir(), 'airlock-chromium-'));
  // The shell reports the namespace's interfaces and routes on stderr, then becomes Chromium.
  // /proc/net is the namespace's own (sysfs is not remounted, so /sys/class/net would show the host's).
  const script = [
    'sed 1,2d /proc/net/dev | cut -d: -f1 | tr -d " " | sed "s/^/iface /" >&2',
    'sed 1d /proc/net/route | sed "s/^/route /" >&2',
    '(exec 3<>/dev/tcp/1.1.1.1/80) 2>/dev/null && echo "connect ok" >&2 || echo "connect failed" >&2',
    'echo ready >&2',
    'exec "$@"',
  ].join('; ');
  const child: ChildProcess = spawn(
    'unshare',
    ['-n', 'bash', '-c', script, 'bash', CHROMIUM, ...FLAGS, `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const interfaces: string[] = [];
  const routes: string[] = [];
  let connect = '';
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`chromium exited (${code}) before it started: ${stderr.slice(-2000)}`)),
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('ready\n')) resolve();
    });
  });
  for (const line of stderr.split('\n')) {
    if (line.startsWith('iface ')) interfaces.push(line.slice(6));
    if (line.startsWith('route ')) routes.push(line.slice(6));
    if (line.startsWith('connect ')) connect = line.slice(8);
  }
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  let id = 0;
  let buffer = '';
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const waiters: { method: string; sessionId?: string; resolve: (v: any) => void }[] = [];
  const events: Browser['events'] = [];
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${msg.error.message} (${msg.error.code})`));
        else p?.resolve(msg.result);
      } else {
        events.push({ method: msg.method, params: msg.params, sessionId: msg.sessionId });
        const i = waiters.findIndex(
          (w) => w.method === msg.method && (w.sessionId === undefined || w.sessionId === msg.sessionId),
        );
        if (i >= 0) waiters.splice(i, 1)[0].resolve(msg.params);
      }
    }
  });
  const browser: Browser = {
    interfaces,
    routes,
    connect,
    events,
    send(method, params = {}, sessionId) {
      const msg = { id: ++id, method, params, ...(sessionId ? { sessionId } : {}) };
      return new Promise((resolve, reject) => {
        pending.set(msg.id, { resolve, reject });
        input.write(`${JSON.stringify(msg)}\0`);
      });
    },
    once(method, sessionId) {
      return new Promise((resolve) => waiters.push({ method, sessionId, resolve }));
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await Promise.race([browser.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
      } catch {
        // already closing
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return browser;
}

/** A page: a new target attached in flat mode, with Page and Runtime enabled. */
export async function openPage(
  browser: Browser,
  width = 1280,
  height = 900,
): Promise<{ session: string; evaluate<T>(expression: string): Promise<T>; navigate(url: string): Promise<void> }> {
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
  await browser.send('Page.enable', {}, sessionId);
  await browser.send('Runtime.enable', {}, sessionId);
  await browser.send('Log.enable', {}, sessionId);
  await browser.send(
    'Emulation.setDeviceMetricsOverride',
    { width, height, deviceScaleFactor: 1, mobile: false },
    sessionId,
  );
  return {
    session: sessionId,
    async evaluate<T>(expression: string): Promise<T> {
      const r = await browser.send(
        'Runtime.evaluate',
        { expression, returnByValue: true, awaitPromise: true },
        sessionId,
      );
      if (r.exceptionDetails)
        throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as T;
    },
    async navigate(url: string) {
      const loaded = browser.once('Page.loadEventFired', sessionId);
      await browser.send('Page.navigate', { url }, sessionId);
      await loaded;
    },
  };
}
