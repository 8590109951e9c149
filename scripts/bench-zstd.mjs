#!/usr/bin/env node
// Benchmark: airlock's zstd stream decoder (dist/, so `npm run build` first) against
// fzstd fed whole chunks (what airlock used before) and `zstd -dc`.
// Usage: node scripts/bench-zstd.mjs FILE.zst
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { Decompress } from 'fzstd';

const file = process.argv[2];
if (!file) throw new Error('usage: node scripts/bench-zstd.mjs FILE.zst');
const chunks = () => createReadStream(file, { highWaterMark: 1 << 20 });

async function ours() {
  const { zstdChunks } = await import('../dist/image/zstd/decode.js');
  let total = 0;
  for await (const c of zstdChunks(chunks())) total += c.length;
  return total;
}

async function plainFzstd() {
  let total = 0;
  const d = new Decompress((c) => (total += c.length));
  for await (const c of chunks()) d.push(c);
  d.push(new Uint8Array(0), true);
  return total;
}

async function time(name, fn) {
  const start = process.hrtime.bigint();
  const bytes = await fn();
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${name.padEnd(10)} ${s.toFixed(2)} s  ${(bytes / s / 2 ** 20).toFixed(0)} MiB/s`);
  return s;
}

const cli = (() => {
  const start = process.hrtime.bigint();
  const r = spawnSync('zstd', ['-dc', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('zstd -dc failed (install Debian zstd)');
  return Number(process.hrtime.bigint() - start) / 1e9;
})();
console.log(`zstd -dc    ${cli.toFixed(2)} s`);
const a = await time('airlock', ours);
const b = await time('fzstd', plainFzstd);
console.log(`airlock/zstd -dc ${(a / cli).toFixed(1)}x, fzstd/zstd -dc ${(b / cli).toFixed(1)}x`);
