#!/usr/bin/env node
// Writes oclif.manifest.json after the TypeScript build. Without it oclif imports every
// command module (kysely, sqlite3, ink ...) on each run just to list their flags,
// which costs ~0.4 s of every `airlock` invocation.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'oclif.manifest.json');
rmSync(file, { force: true }); // never build the new manifest from a stale one
const config = await Config.load({ root });
const manifest = config.getPluginsList().find((p) => p.root === config.root)?.manifest;
if (!manifest || Object.keys(manifest.commands).length === 0)
  throw new Error('no commands found for the oclif manifest');
writeFileSync(file, `${JSON.stringify(manifest)}\n`);
console.error(`oclif.manifest.json: ${Object.keys(manifest.commands).length} commands`);
