/**
 * A small Ubuntu 18.04 (bionic) image built with the test image builder: an os-release as
 * bionic's base-files 10.1ubuntu2.12 writes it and a dpkg status of two packages at
 * versions bionic-updates shipped. libwayland-client0 1.16.0-1ubuntu1.1~18.04.3 predates
 * the 1.16.0-1ubuntu1.1~18.04.4 fix of CVE-2021-3782 in ../shared/feeds/ubuntu-osv-samples.
 * Ubuntu 18.04's standard support ended on 2023-04-26 (endoflife.date).
 */
import { dockerClassicTar, writeTemp } from './image-builder.js';

const OS_RELEASE = `NAME="Ubuntu"
VERSION="18.04.6 LTS (Bionic Beaver)"
ID=ubuntu
ID_LIKE=debian
PRETTY_NAME="Ubuntu 18.04.6 LTS"
VERSION_ID="18.04"
HOME_URL="https://www.ubuntu.com/"
VERSION_CODENAME=bionic
UBUNTU_CODENAME=bionic
`;

const STATUS = `Package: base-files
Essential: yes
Status: install ok installed
Priority: required
Section: admin
Installed-Size: 384
Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
Architecture: amd64
Multi-Arch: foreign
Version: 10.1ubuntu2.12
Description: Debian base system miscellaneous files

Package: libwayland-client0
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 68
Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
Architecture: amd64
Multi-Arch: same
Source: wayland
Version: 1.16.0-1ubuntu1.1~18.04.3
Depends: libc6 (>= 2.14), libffi6 (>= 3.0.4)
Description: wayland compositor infrastructure - client library

`;

export async function ubuntuBionicImageTar(): Promise<string> {
  const tar = await dockerClassicTar({
    repoTags: ['ubuntu:18.04'],
    layers: [
      [
        { path: 'etc/' },
        { path: 'etc/os-release', content: OS_RELEASE },
        { path: 'var/' },
        { path: 'var/lib/' },
        { path: 'var/lib/dpkg/' },
        { path: 'var/lib/dpkg/status', content: STATUS },
      ],
    ],
    createdBy: ['ADD file:bionic-rootfs.tar.gz in /'],
  });
  return writeTemp(tar, 'ubuntu-18.04.tar');
}
