/** Runs an oclif command in-process as a user would, capturing what it writes and the exit code it sets. */
import { vi } from 'vitest';

export async function run(
  command: { run(argv: string[], opts?: string): Promise<unknown> },
  argv: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((stdout += String(chunk)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((stderr += String(chunk)), true),
  );
  // oclif's this.log writes through console.log.
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void (stdout += `${args.join(' ')}\n`));
  process.exitCode = 0;
  try {
    await command.run(argv, process.cwd());
  } finally {
    vi.restoreAllMocks();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, code };
}
