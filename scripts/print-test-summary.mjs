#!/usr/bin/env node
// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from the
// JSON report vitest writes next to its default output (vitest.config.ts).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(new URL('../.vitest/results.json', import.meta.url), 'utf8'));
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
