/**
 * The VEX document a command applies: `--vex FILE` when given (it must exist), else the
 * default document beside the snapshot store when `review` has written one.
 */
import { UserError } from '../errors.js';
import type { VexDocument } from './model.js';
import { defaultVexFile } from './paths.js';
import { readVexFile } from './read.js';

export interface LoadedVex {
  file: string;
  /** Undefined when there is no document yet. */
  document?: VexDocument;
}

export async function loadVex(file: string | undefined, options: { mustExist: boolean }): Promise<LoadedVex> {
  const path = file ?? defaultVexFile();
  const document = await readVexFile(path);
  if (!document && file !== undefined && options.mustExist) {
    throw new UserError(`no VEX document at ${file}`, {
      hint: 'record decisions with airlock review IMAGE --vex FILE, or pass an existing OpenVEX file',
    });
  }
  return document ? { file: path, document } : { file: path };
}
