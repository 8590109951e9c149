/** Renderers of an SBOM, one per `airlock sbom --format`. */
export { renderSbomTable, type TableOptions } from './table.js';
export { renderSbomJson } from './json.js';
export { renderCycloneDx } from './cyclonedx.js';
export { renderSpdx } from './spdx.js';
