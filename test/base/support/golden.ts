import path from 'node:path';
import { goldenFiles } from '../../../src/testing/golden.js';

export { updatingGoldens } from '../../../src/testing/golden.js';
/** Golden files of the base rows, in test/base/golden/. */
export const expectGolden = goldenFiles(path.resolve(import.meta.dirname, '..', 'golden'));
