/**
 * Import boundaries of src/ (run by `npm run lint`). The top-level folders form layers,
 * top to bottom; a folder imports only folders of lower layers, never one of its own layer
 * or above. So no cycle between top-level folders can exist, and nothing imports commands.
 * A model that several folders share lives below all of them (findings/, the image
 * reader's file types in image/files.ts). `node scripts/folder-graph.mjs` prints the graph.
 *
 * Test files and test data (`*.test.ts`, `testdata/`, src/testing/) may import across the
 * layers; shipped code never imports them.
 */
const LAYERS = [
  ['commands', 'hooks'], // oclif commands: parse flags into options, call one service, render; oclif hooks
  ['tui'], // the Ink review (state/ reducers, components/)
  ['cli'], // helpers of the terminal edge: flag parsing, output, progress, warnings
  ['report'], // results -> text and files (table, JSON, SARIF, CycloneDX, SPDX)
  ['services'], // one per command: options in, plain result out; no flags, no printing
  ['policy'], // Scout's policies evaluated offline on findings and image facts
  ['base', 'release'], // the base-image catalog: detection, candidates, tags; the release artifact
  ['store', 'vex'], // SBOM snapshots and re-evaluation; OpenVEX decisions
  ['findings'], // the findings model and the rules that compute on it
  ['match', 'bundle'], // matching per ecosystem; the signed advisory bundle
  ['catalogers', 'feeds'], // package databases -> SBOM; public feeds -> advisory records
  ['image'], // archive formats, the layered view, the files it hands out
  ['db', 'severity'], // the advisory database; severity selection
  ['sbom', 'config', 'distro', 'versions', 'advisories', 'system'], // plain models and leaf rules; system failures (disk full) as errors
  ['errors', 'version', 'ecosystems', 'text', 'types'], // src/errors.ts, src/version.ts; the ecosystem table; terminal-safe text; ambient types
];

const folder = (name) => `^src/${name}(/|\\.tsx?$)`;
const anyOf = (names) => `^src/(${names.join('|')})(/|\\.tsx?$)`;
const TEST_CODE = '(\\.test\\.tsx?$|/testdata/|^src/testing/)';

const layerRules = LAYERS.flatMap((layer, index) =>
  layer.map((name) => {
    const notBelow = LAYERS.slice(0, index + 1)
      .flat()
      .filter((other) => other !== name);
    return {
      name: `layer-${name}`,
      comment: `${name} imports only the layers below it: not ${notBelow.join(', ')}`,
      severity: 'error',
      from: { path: folder(name), pathNot: TEST_CODE },
      to: { path: anyOf(notBelow) },
    };
  }),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module imports itself through others (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'every-folder-has-a-layer',
      comment: 'A new top-level folder of src/ gets its place in LAYERS (.dependency-cruiser.cjs).',
      severity: 'error',
      from: { path: '^src/', pathNot: `${anyOf(LAYERS.flat())}|^src/testing/` },
      to: {},
    },
    {
      name: 'no-test-code-in-shipped-code',
      comment: 'Shipped code never imports tests, test data or test support.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: `${TEST_CODE}|^test/` },
    },
    {
      name: 'no-dev-dependencies-in-shipped-code',
      comment: 'devDependencies are not installed with the package: shipped code imports only dependencies.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'migrations-are-frozen',
      comment: 'db/migrations and db/snapshots are frozen SQL: they import nothing from src/.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^src/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
