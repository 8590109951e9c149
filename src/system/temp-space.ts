/**
 * Where airlock keeps temporary copies (spilled jars, rpm databases, Go binaries, the
 * database `bundle build` assembles): one private directory per process, in TMPDIR,
 * named `airlock-<pid>-<start>-XXXXXX` after the process that owns it. It is removed
 * at exit, and the CLI removes it on SIGINT, SIGTERM and SIGHUP (src/cli/signals.ts); a
 * process killed with SIGKILL cannot clean up, so each run first removes the directories
 * of processes that are gone. The start time in the name keeps a reused pid from passing
 * for the owner.
 */
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { DiskFullError, isDiskFull } from './failures.js';
import { processAlive, processStartTime } from './processes.js';

const DIR_NAME = /^airlock-(\d+)-(\d+)-[A-Za-z0-9]{6}$/;

let dir: string | undefined;
/** Paths outside the temp directory (a database unpacked beside its destination) removed with it. */
const tracked = new Set<string>();
let exitHandler = false;
let swept = false;

/** The process's temp directory, made on first use. */
export function tempSpace(): string {
  if (dir) return dir;
  prepareTempSpace();
  const parent = tmpdir();
  try {
    dir = mkdtempSync(join(parent, `airlock-${process.pid}-${processStartTime(process.pid) ?? 0}-`));
  } catch (err) {
    if (isDiskFull(err)) throw new DiskFullError(`a temporary directory in ${parent}`, err);
    throw new UserError(
      `cannot create a temporary directory in ${parent}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err, hint: 'set TMPDIR to a writable directory' },
    );
  }
  return dir;
}

/**
 * Removes `path` (a file or directory) at exit or on a signal unless the returned
 * function is called first, once the caller has removed or renamed it itself.
 */
export function removeOnExit(path: string): () => void {
  prepareTempSpace();
  tracked.add(path);
  return () => void tracked.delete(path);
}

/** Sweeps leftovers of dead processes (once per process) and removes this one's at exit. */
export function prepareTempSpace(): void {
  if (!swept) {
    swept = true;
    sweepDeadTempSpaces();
  }
  if (exitHandler) return;
  exitHandler = true;
  process.on('exit', removeTempSpace);
}

/** Removes the temp directory and every tracked path now, synchronously (an exit or signal handler). */
export function removeTempSpace(): void {
  for (const path of [...tracked, ...(dir ? [dir] : [])]) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      /* best effort: an exit handler must not throw */
    }
  }
  tracked.clear();
  dir = undefined;
  // Worker threads (a multi-image scan) each made a directory under this process's pid; a
  // signal ends them without their exit handlers, so the main thread removes theirs too.
  if (isMainThread) removeThreadSpaces();
}

function removeThreadSpaces(parent = tmpdir()): void {
  const own = `airlock-${process.pid}-${processStartTime(process.pid) ?? 0}-`;
  try {
    for (const name of readdirSync(parent))
      if (name.startsWith(own) && DIR_NAME.test(name)) rmSync(join(parent, name), { recursive: true, force: true });
  } catch {
    /* best effort: an exit handler must not throw */
  }
}

/**
 * Removes `airlock-<pid>-<start>-*` directories in TMPDIR whose process is gone, or whose
 * pid now belongs to a process that started at another time. Only our own user's
 * directories are touched; those of live airlock processes are kept.
 */
export function sweepDeadTempSpaces(parent = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = DIR_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || ownerLives(pid, Number(match[2]))) continue;
    const path = join(parent, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      /* another process swept it first, or it is not ours to remove */
    }
  }
  return removed;
}

function ownerLives(pid: number, start: number): boolean {
  if (!processAlive(pid)) return false;
  const now = processStartTime(pid);
  // Without /proc the start time is unknown: a live pid keeps its directory.
  return now === undefined || start === 0 || now === start;
}
