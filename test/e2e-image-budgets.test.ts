import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { BUDGET, runCliMeasured, type BudgetRun } from './support/budget-run.js';
import { sha256, tarOf, writeTemp } from './support/image-builder.js';
import {
  chainedPaxLayer,
  deepPathLayer,
  gzipManySmallMembers,
  hostileRpmdbSqlite,
  ociArchiveWithBlobs,
  ociIndexFanOut,
  pomProperties,
  zipOf,
  zstdDeclaredWindow,
  zstdLayerWithEmptyFrames,
  zstdRleBomb,
} from './support/hostile-inputs.js';

/**
 * Issue 11's budgets, proved on the real CLI: each hostile input below is small
 * (under 10 MB) and must end — with the right packages or one clean error line —
 * inside 30 s of wall clock and 512 MB of peak RSS, measured by the kernel.
 * Run after `npm run build` (the CLI runs over dist/).
 */

const npmPackage = [
  {
    path: 'usr/lib/node_modules/left-pad/package.json',
    content: JSON.stringify({ name: 'left-pad', version: '1.3.0' }),
  },
];

function withinBudget(run: BudgetRun): void {
  console.info(`peak RSS ${Math.round(run.peakRssBytes / 2 ** 20)} MiB, ${run.wallSeconds.toFixed(1)} s`);
  expect(run.killed, `killed at the ${BUDGET.wallSeconds} s budget`).toBe(false);
  expect(run.peakRssBytes, `peak RSS ${Math.round(run.peakRssBytes / 2 ** 20)} MiB`).toBeLessThanOrEqual(
    BUDGET.peakRssBytes,
  );
}

/** The one line of the error (the hint may follow on its own line). */
function errorLine(run: BudgetRun, file: string): string {
  expect(run.code).not.toBe(0);
  const first = run.stderr.split('\n')[0];
  expect(first.startsWith(`error: ${file}: `), run.stderr).toBe(true);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  return first;
}

describe('resource budgets on small hostile images', () => {
  it('zstd-rle-bomb: a 108 KB zstd layer of RLE blocks ends at the image budget, not at 3 GB of RSS', async () => {
    const layer = zstdRleBomb(27_000); // 4 bytes per block, 128 KiB out: 3.3 GiB in all
    expect(layer.length).toBeLessThan(110_000);
    const file = writeTemp(await ociArchiveWithBlobs([layer]), 'zstd-rle-bomb.tar');
    const run = runCliMeasured(['sbom', file]);
    withinBudget(run);
    expect(errorLine(run, file)).toMatch(/decompresses to more than \d+ bytes .*decompression bomb/);
  }, 60_000);

  it('zstd-huge-window: a frame declaring a 1.9 GiB window is refused before it is allocated', async () => {
    const file = writeTemp(await ociArchiveWithBlobs([zstdDeclaredWindow(20, 7)]), 'zstd-huge-window.tar');
    const run = runCliMeasured(['sbom', file]);
    withinBudget(run);
    expect(errorLine(run, file)).toBe(
      `error: ${file}: layer blobs/sha256/${sha256(zstdDeclaredWindow(20, 7))}: zstd frame needs a 1920 MiB window, more than the 128 MiB limit`,
    );
  }, 60_000);

  it('zstd-128mib-window-bomb: RLE blocks in a 128 MiB window end in a clear error within seconds', async () => {
    const file = writeTemp(await ociArchiveWithBlobs([zstdRleBomb(27_000, 27)]), 'zstd-128mib-window-bomb.tar');
    const run = runCliMeasured(['sbom', file]);
    withinBudget(run);
    expect(errorLine(run, file)).toMatch(
      /: zstd frame with a 128 MiB window is too slow for our decoder past the first blocks \(windows up to 8 MiB decode at full speed; recompress without --long\)$/,
    );
  }, 60_000);

  it('zstd-long-window: a real layer compressed with zstd --long=27 (a 128 MiB window) still reads', async () => {
    const tar = await tarOf(npmPackage);
    const layer = execFileSync('zstd', ['-q', '-c', '--long=27'], { input: tar });
    expect(layer[5] >> 3).toBe(27 - 10); // the window descriptor says 2^27
    const file = writeTemp(await ociArchiveWithBlobs([layer], [`sha256:${sha256(tar)}`]), 'zstd-long-window.tar');
    const run = runCliMeasured(['sbom', file, '--format', 'json']);
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    expect(
      JSON.parse(run.stdout).packages.map((p: { name: string; version: string }) => `${p.name}@${p.version}`),
    ).toEqual(['left-pad@1.3.0']);
  }, 60_000);

  it('zstd-120000-frames: a layer followed by 120,000 empty frames is read without recursion', async () => {
    const tar = await tarOf(npmPackage);
    const layer = zstdLayerWithEmptyFrames(tar, 120_000);
    const file = writeTemp(await ociArchiveWithBlobs([layer], [`sha256:${sha256(tar)}`]), 'zstd-many-frames.tar');
    const run = runCliMeasured(['sbom', file, '--format', 'json']);
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    const names = JSON.parse(run.stdout).packages.map(
      (p: { name: string; version: string }) => `${p.name}@${p.version}`,
    );
    expect(names).toEqual(['left-pad@1.3.0']);
  }, 60_000);

  it('nested-gzip: a few KB of gzipped archive holding gzip layers stop at the image-wide budget', async () => {
    // Each layer is 1024 gzip members of 1 MiB of zeros (1 GiB out, ~1 MB stored):
    // under the per-layer limit of 1 GiB + 1000x, but three of them are 3 GiB for one image.
    const member = gzipSync(Buffer.alloc(1 << 20), { level: 9 });
    const layers = [0, 1, 2].map((i) =>
      Buffer.concat([...Array.from({ length: 1024 }, () => member), gzipSync(Buffer.from(`layer ${i}`))]),
    );
    const image = gzipSync(await ociArchiveWithBlobs(layers), { level: 9 });
    expect(image.length).toBeLessThan(64 * 1024);
    const file = writeTemp(image, 'nested-gzip.tar.gz');
    const run = runCliMeasured(['sbom', file]);
    withinBudget(run);
    expect(errorLine(run, file)).toMatch(
      /: the image decompresses to more than \d+ bytes in all \(decompression bomb\?; AIRLOCK_MAX_IMAGE_BYTES raises the limit\)$/,
    );
  }, 60_000);
});

describe('what a compressed archive keeps', () => {
  it('many-metadata-members: a gzipped tar of 150 members of 4 MiB is refused before they are all held in memory', async () => {
    const image = await gzipManySmallMembers(150, 4 << 20);
    expect(image.length).toBeLessThan(10 * 1024 * 1024);
    const file = writeTemp(image, 'many-metadata-members.tar.gz');
    const run = runCliMeasured(['sbom', file]);
    withinBudget(run);
    expect(errorLine(run, file)).toBe(
      `error: ${file}: holds more than 134217728 bytes of small non-layer members (JSON metadata is a few MiB at most)`,
    );
  }, 60_000);
});

describe("the image-wide budget is the user's to set", () => {
  it('AIRLOCK_MAX_IMAGE_BYTES: an ordinary gzip image over the budget it sets is refused, naming that limit', async () => {
    const tar = await tarOf([...npmPackage, { path: 'usr/share/filler', content: Buffer.alloc(64 * 1024) }]);
    const file = writeTemp(
      await ociArchiveWithBlobs([gzipSync(tar)], [`sha256:${sha256(tar)}`]),
      'image-budget-env.tar',
    );
    const refused = runCliMeasured(['sbom', file], { AIRLOCK_MAX_IMAGE_BYTES: '32768' });
    expect(errorLine(refused, file)).toBe(
      `error: ${file}: the image decompresses to more than 32768 bytes in all (decompression bomb?; AIRLOCK_MAX_IMAGE_BYTES raises the limit)`,
    );
    const read = runCliMeasured(['sbom', file, '--format', 'json']);
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout).packages.map((p: { name: string }) => p.name)).toEqual(['left-pad']);
  }, 60_000);
});

describe('metadata budgets on small hostile images', () => {
  it('pax-chain: PAX headers each under 1 MiB but 2.7 MiB together before one entry are refused', async () => {
    const layer = chainedPaxLayer(3, 900 * 1024);
    const file = writeTemp(await ociArchiveWithBlobs([layer]), 'pax-chain.tar');
    const run = runCliMeasured(['sbom', file]);
    withinBudget(run);
    expect(errorLine(run, file)).toBe(
      `error: ${file}: layer blobs/sha256/${sha256(layer)}: extended headers of more than 1048576 bytes in all before one entry`,
    );
  }, 60_000);

  it('oci-index-fan-out: indexes naming each other 100 times over, 4 deep (10^8 paths), stop at 10,000 descriptors', async () => {
    const file = writeTemp(await ociIndexFanOut(100, 4), 'oci-index-fan-out.tar');
    const run = runCliMeasured(['sbom', file]);
    withinBudget(run);
    expect(errorLine(run, file)).toBe(`error: ${file}: image indexes name more than 10000 manifests in all`);
  }, 60_000);

  it('oci-index-fan-out within bounds: 3 x 3 x 3 paths to one image still resolve to it', async () => {
    const file = writeTemp(await ociIndexFanOut(3, 3), 'oci-index-small-fan-out.tar');
    const run = runCliMeasured(['sbom', file, '--format', 'json']);
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    const image = JSON.parse(run.stdout).image;
    expect(image.format).toBe('oci-archive');
    expect(image.layers.map((l: { createdBy: string }) => l.createdBy)).toEqual(['RUN step 1']);
  }, 60_000);
});

describe("an image's SQLite file is untrusted code", () => {
  const osRelease = { path: 'etc/os-release', content: 'ID=rhel\nVERSION_ID="9.4"\nNAME="Red Hat Enterprise Linux"\n' };
  it.each([
    ['rpmdb-endless-view', 'endless-view', 'its Packages is a view, not a table; not read'],
    ['rpmdb-generated-blob', 'generated-blob', 'its Packages table has generated columns (blob); not read'],
  ] as const)(
    '%s: the database is refused with a warning on its path, the scan ends',
    async (scenario, kind, message) => {
      const layer = await tarOf([
        osRelease,
        { path: 'var/lib/rpm/rpmdb.sqlite', content: await hostileRpmdbSqlite(kind) },
      ]);
      const file = writeTemp(await ociArchiveWithBlobs([layer]), `${scenario}.tar`);
      const run = runCliMeasured(['sbom', file, '--format', 'json']);
      withinBudget(run);
      expect(run.code, run.stderr).toBe(0);
      const sbom = JSON.parse(run.stdout);
      expect(sbom.packages).toEqual([]);
      expect(sbom.warnings).toContainEqual({
        path: '/var/lib/rpm/rpmdb.sqlite',
        message: expect.stringContaining(message),
      });
    },
    60_000,
  );
});

describe('deep trees', () => {
  it('deep-directories: a file 200,000 directories deep is dropped with a warning, the rest of the layer stands', async () => {
    const layer = deepPathLayer(200_000, await tarOf(npmPackage));
    const file = writeTemp(await ociArchiveWithBlobs([layer]), 'deep-directories.tar');
    const run = runCliMeasured(['sbom', file, '--format', 'json']);
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    const sbom = JSON.parse(run.stdout);
    expect(sbom.packages.map((p: { name: string; version: string }) => `${p.name}@${p.version}`)).toEqual([
      'left-pad@1.3.0',
    ]);
    expect(sbom.warnings).toContainEqual({
      path: `/${'d/'.repeat(128)}…`,
      message: 'path more than 1024 directories deep; ignored (layer 1)',
    });
  }, 60_000);
});

describe('jars whose zip headers lie', () => {
  it('jar-lying-pom: a pom.properties claiming 60 bytes that inflates to 1 GiB is a warning on the jar; its honest pom counts', async () => {
    const jar = zipOf([
      pomProperties('org.example', 'honest', '1.2.3'),
      {
        name: 'META-INF/maven/org.example/liar/pom.properties',
        content: Buffer.alloc(1024 ** 3, 0x23),
        claimedSize: 60,
      },
    ]);
    expect(jar.length).toBeLessThan(10 * 1024 * 1024);
    const layer = await tarOf([{ path: 'app/app.jar', content: jar }]);
    const file = writeTemp(await ociArchiveWithBlobs([layer]), 'jar-lying-pom.tar');
    const run = runCliMeasured(['sbom', file, '--format', 'json']);
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    const sbom = JSON.parse(run.stdout);
    expect(sbom.packages.map((p: { purl: string }) => p.purl)).toEqual(['pkg:maven/org.example/honest@1.2.3']);
    expect(sbom.warnings).toEqual([
      {
        path: '/app/app.jar',
        message: 'META-INF/maven/org.example/liar/pom.properties: inflates past 1048576 bytes; skipped',
      },
    ]);
  }, 120_000);
});
