import { goldenFiles } from '../../../testing/golden.js';

export { updatingGoldens } from '../../../testing/golden.js';
/** Golden files of the vulnerability renderers, in this folder. */
export const expectGolden = goldenFiles(import.meta.dirname);
