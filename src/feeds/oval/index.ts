/**
 * The shared streaming OVAL reader used by Oracle Linux, SUSE and Azure Linux/CBL-Mariner.
 * OVAL puts definitions before the tests, objects and states they refer to, so the file is
 * read twice: first for compact tables of tests/objects/states, then for definitions one
 * at a time, each resolved as it closes. Memory is the tables plus one definition.
 */
import type { FeedFile } from '../common/feed-files.js';
import { readOvalDefinitions } from './definitions.js';
import type { OvalDefinition, OvalGenerator } from './model.js';
import { readOvalTables } from './tables.js';

export type * from './model.js';
export { conjunctions, type Conjunction } from './conjunctions.js';
export { ovalHeadOf, type OvalHead } from './sniff.js';

export interface OvalDocument {
  generator: OvalGenerator;
  definitions: AsyncIterable<OvalDefinition>;
}

export async function openOval(file: FeedFile): Promise<OvalDocument> {
  const tables = await readOvalTables(file);
  return { generator: tables.generator, definitions: readOvalDefinitions(file, tables) };
}
