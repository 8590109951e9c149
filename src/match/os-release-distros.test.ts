/**
 * From each rpm distribution's /etc/os-release, as its images ship it, to the namespace
 * its packages are looked up in: the detector keeps ID and VERSION_ID as written (quoted or
 * not), and the matcher turns them into the release the importers write (`amazon:2023`,
 * `oracle:8`, `sles:15.6`, `opensuse-leap:15.6`, `azurelinux:3.0`, `mariner:2.0`,
 * `photon:5.0`, `amazon:1` for the 2018.03 AMI). Wolfi, Chainguard, MinimOS, AlmaLinux and
 * Rocky Linux are in rolling-and-rebuilds.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { contextFromLayers } from '../catalogers/common/testdata/context.js';
import { osReleaseDetector } from '../catalogers/os-release/detector.js';
import { planQueries } from './index.js';
import { pkg, sbomOf } from './testdata/sbom.js';

const detect = (text: string) =>
  osReleaseDetector.detect(contextFromLayers([{ '/etc/os-release': text }], undefined, osReleaseDetector.wants).files)
    .distro;

const OS_RELEASES: [image: string, osRelease: string, id: string, versionId: string, namespace: string][] = [
  [
    'amazonlinux:1 (2018.03)',
    'NAME="Amazon Linux AMI"\nVERSION="2018.03"\nID="amzn"\nID_LIKE="rhel fedora"\nVERSION_ID="2018.03"\nPRETTY_NAME="Amazon Linux AMI 2018.03"\nANSI_COLOR="0;33"\nCPE_NAME="cpe:/o:amazon:linux:2018.03:ga"\nHOME_URL="http://aws.amazon.com/amazon-linux-ami/"\n',
    'amzn',
    '2018.03',
    'amazon:1',
  ],
  [
    'amazonlinux:2',
    'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\nANSI_COLOR="0;33"\nCPE_NAME="cpe:2.3:o:amazon:amazon_linux:2"\nHOME_URL="https://amazonlinux.com/"\n',
    'amzn',
    '2',
    'amazon:2',
  ],
  [
    'amazonlinux:2023',
    'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023.6.20241212"\nANSI_COLOR="0;33"\nCPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"\n',
    'amzn',
    '2023',
    'amazon:2023',
  ],
  [
    'oraclelinux:8.9',
    'NAME="Oracle Linux Server"\nVERSION="8.9"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="8.9"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Oracle Linux Server 8.9"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:oracle:linux:8:9:server"\n',
    'ol',
    '8.9',
    'oracle:8',
  ],
  [
    'oraclelinux:9',
    'NAME="Oracle Linux Server"\nVERSION="9.5"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="9.5"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Oracle Linux Server 9.5"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:oracle:linux:9:5:server"\n',
    'ol',
    '9.5',
    'oracle:9',
  ],
  [
    'suse/sle15:15.6',
    'NAME="SLES"\nVERSION="15-SP6"\nVERSION_ID="15.6"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP6"\nID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15:sp6"\nDOCUMENTATION_URL="https://documentation.suse.com/"\n',
    'sles',
    '15.6',
    'sles:15.6',
  ],
  [
    'SLES for SAP 15 SP4',
    'NAME="SLES_SAP"\nVERSION="15-SP4"\nVERSION_ID="15.4"\nPRETTY_NAME="SUSE Linux Enterprise Server for SAP Applications 15 SP4"\nID="sles_sap"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles_sap:15:sp4"\n',
    'sles_sap',
    '15.4',
    'sles:15.4',
  ],
  [
    'opensuse/leap:15.6',
    'NAME="openSUSE Leap"\nVERSION="15.6"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.6"\nPRETTY_NAME="openSUSE Leap 15.6"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:opensuse:leap:15.6"\nBUG_REPORT_URL="https://bugs.opensuse.org"\nHOME_URL="https://www.opensuse.org/"\n',
    'opensuse-leap',
    '15.6',
    'opensuse-leap:15.6',
  ],
  [
    'azurelinux/base/core:3.0',
    'NAME="Microsoft Azure Linux"\nVERSION="3.0.20240824"\nID=azurelinux\nVERSION_ID="3.0"\nPRETTY_NAME="Microsoft Azure Linux 3.0"\nANSI_COLOR="1;34"\nHOME_URL="https://aka.ms/azurelinux"\n',
    'azurelinux',
    '3.0',
    'azurelinux:3.0',
  ],
  [
    'cbl-mariner/base/core:2.0',
    'NAME="Common Base Linux Mariner"\nVERSION="2.0.20240609"\nID=mariner\nVERSION_ID="2.0"\nPRETTY_NAME="CBL-Mariner/Linux"\nANSI_COLOR="1;34"\nHOME_URL="https://aka.ms/cbl-mariner"\n',
    'mariner',
    '2.0',
    'mariner:2.0',
  ],
  [
    'photon:5.0',
    'NAME="VMware Photon OS"\nVERSION="5.0"\nID=photon\nVERSION_ID=5.0\nPRETTY_NAME="VMware Photon OS/Linux"\nANSI_COLOR="1;34"\nHOME_URL="https://vmware.github.io/photon/"\nBUG_REPORT_URL="https://github.com/vmware/photon/issues"\n',
    'photon',
    '5.0',
    'photon:5.0',
  ],
];

describe('os-release of the rpm distributions with advisory data of their own', () => {
  it.each(OS_RELEASES)('%s → %s %s, rpms looked up in %s', (_image, text, id, versionId, namespace) => {
    const distro = detect(text);
    expect(distro).toMatchObject({ id, versionId });
    const [planned] = planQueries(
      sbomOf([pkg('rpm', 'curl-libs', '8.5.0-1', { sourceName: 'curl', sourceVersion: '8.5.0-1' })], distro),
    );
    expect(planned.query.namespace).toBe(namespace);
    // Amazon's pages name source rpms only; the others look up the source and let the binary's own rows overrule it.
    expect(planned.query).toMatchObject(
      id === 'amzn' ? { name: 'curl', version: '8.5.0-1' } : { name: 'curl', ownName: 'curl-libs', version: '8.5.0-1' },
    );
  });

  it('a release the data has no form for is no lookup at all, so coverage can say it was not assessed', () => {
    const distro = detect('NAME="Amazon Linux"\nID="amzn"\nVERSION_ID="2025"\n');
    expect(distro).toMatchObject({ id: 'amzn', versionId: '2025' });
    expect(planQueries(sbomOf([pkg('rpm', 'curl', '8.5.0-1')], distro))).toEqual([]);
  });
});
