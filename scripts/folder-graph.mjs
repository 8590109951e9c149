#!/usr/bin/env node
// Prints the import graph between the top-level folders of src/ (edges with how many
// imports run along each) and the cycles in it, so a change of layering can show the
// graph before and after. Test files are left out: the layering is about shipped code.
// Usage: node scripts/folder-graph.mjs [--with-tests]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const withTests = process.argv.includes('--with-tests');

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testdata') yield* sources(path);
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
      if (withTests || !/\.test\.tsx?$/.test(name)) yield path;
    }
  }
}

/** The top-level folder of a file under src/; files directly in src/ are named by themselves. */
function folderOf(path) {
  const parts = relative(root, path).split(sep);
  return parts.length === 1 ? parts[0].replace(/\.(tsx?|js)$/, '') : parts[0];
}

// Static imports, re-exports and dynamic import('...') of relative paths.
const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

const edges = new Map();
for (const file of sources(root)) {
  const text = readFileSync(file, 'utf8');
  const from = folderOf(file);
  for (const match of text.matchAll(importPattern)) {
    const target = resolve(dirname(file), match[1]);
    if (!target.startsWith(root + sep)) continue;
    const to = folderOf(target);
    if (to === from) continue;
    const key = `${from} -> ${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}

const adjacency = new Map();
for (const key of edges.keys()) {
  const [from, to] = key.split(' -> ');
  if (!adjacency.has(from)) adjacency.set(from, new Set());
  adjacency.get(from).add(to);
}

// Tarjan's strongly connected components: every component of more than one folder is a cycle.
function components() {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (node) => {
    info.set(node, { index, low: index, onStack: true });
    index += 1;
    stack.push(node);
    for (const next of adjacency.get(node) ?? []) {
      if (!info.has(next)) {
        visit(next);
        info.get(node).low = Math.min(info.get(node).low, info.get(next).low);
      } else if (info.get(next).onStack) {
        info.get(node).low = Math.min(info.get(node).low, info.get(next).index);
      }
    }
    if (info.get(node).low === info.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        info.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of adjacency.keys()) if (!info.has(node)) visit(node);
  return found;
}

const cycles = components();
const inCycle = (from, to) => cycles.some((c) => c.includes(from) && c.includes(to));
console.log(`folder import graph of src/${withTests ? ' (with tests)' : ''}: ${edges.size} edges`);
for (const key of [...edges.keys()].sort()) {
  const [from, to] = key.split(' -> ');
  console.log(`  ${key.padEnd(32)} ${String(edges.get(key)).padStart(4)}${inCycle(from, to) ? '  (in a cycle)' : ''}`);
}
console.log(cycles.length === 0 ? 'cycles: none' : `cycles: ${cycles.length}`);
for (const component of cycles) console.log(`  {${component.join(', ')}}`);
