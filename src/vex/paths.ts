import { join } from 'node:path';
import { airlockHome } from '../config/paths.js';

/** Where `review` records triage unless `--vex` says otherwise: beside the snapshot store. */
export function defaultVexFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(airlockHome(env), 'vex.openvex.json');
}
