import { goldenFiles } from '../../../testing/golden.js';

export { updatingGoldens } from '../../../testing/golden.js';
/** Golden files of the SBOM renderers, in this folder. */
export const expectGolden = goldenFiles(import.meta.dirname);
