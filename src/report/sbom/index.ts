/** Renderers of an SBOM, one per `airlock sbom --format`. */
export { renderSbomTable, type TableOptions } from './table.js';
export { renderSbomJson } from '../../sbom/formats/native/encode.js';
export { renderCycloneDx } from '../../sbom/formats/cyclonedx/encode.js';
export { renderSpdx } from '../../sbom/formats/spdx/encode.js';
