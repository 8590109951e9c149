import { writeDb, type DbFile, type DbPackage } from './fdb-writer.js';

/**
 * An Alpine 3.20 (x86_64) installed database, written by us: the 14 packages of the
 * alpine:3.20 minirootfs, then some of what `apk add curl tzdata` adds. Names, versions,
 * origins, licenses and dependencies are Alpine's; openssl, busybox, curl and musl carry
 * versions of the secfix lists in ../shared/feeds/alpine-secdb/vuln-list-split/alpine/3.20
 * (openssl 3.3.1-r1 fixes CVE-2024-5535 and predates 3.3.2-r0's CVE-2024-6119; musl
 * 1.2.5-r0 predates 1.2.5-r1's CVE-2025-26519; curl 8.9.0-r0 predates 8.9.1-r0's
 * CVE-2024-7264). File lists are short; the cataloger does not read them.
 */

const NCOPA = 'Natanael Copa <ncopa@alpinelinux.org>';
const BUSYBOX_MAINTAINER = 'Sören Tempel <soeren+alpine@soeren-tempel.net>';
const LIBC = 'so:libc.musl-x86_64.so.1';
const exe = (name: string): DbFile => ({ name, acl: '0:0:755' });
const link = (name: string): DbFile => ({ name, acl: '0:0:777' });
const plain = (name: string): DbFile => ({ name });
const BASELAYOUT = {
  version: '3.6.5-r0',
  origin: 'alpine-baselayout',
  description: 'Alpine base dir structure and init scripts',
  url: 'https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout',
  license: 'GPL-2.0-only',
  maintainer: NCOPA,
  replacesPriority: 1000,
};
const BUSYBOX = {
  version: '1.36.1-r29',
  origin: 'busybox',
  url: 'https://busybox.net/',
  license: 'GPL-2.0-only',
  maintainer: BUSYBOX_MAINTAINER,
};
const OPENSSL = {
  version: '3.3.1-r1',
  origin: 'openssl',
  url: 'https://www.openssl.org/',
  license: 'Apache-2.0',
  maintainer: NCOPA,
};
const MUSL = {
  version: '1.2.5-r0',
  origin: 'musl',
  description: 'the musl c library (libc) implementation',
  url: 'https://musl.libc.org/',
  maintainer: NCOPA,
};
const CURL = { version: '8.9.0-r0', origin: 'curl', url: 'https://curl.se/', license: 'curl', maintainer: NCOPA };

export const BASE: DbPackage[] = [
  {
    name: 'alpine-baselayout',
    ...BASELAYOUT,
    depends: 'alpine-baselayout-data=3.6.5-r0 /bin/sh',
    dirs: [
      { path: 'dev' },
      { path: 'etc', files: [plain('motd')] },
      { path: 'etc/crontabs', files: [{ name: 'root', acl: '0:0:600' }] },
      { path: 'root', acl: '0:0:700' },
      { path: 'tmp', acl: '0:0:1777' },
      { path: 'var/empty', acl: '0:0:555' },
    ],
  },
  {
    name: 'alpine-baselayout-data',
    ...BASELAYOUT,
    replaces: 'alpine-baselayout',
    dirs: [
      {
        path: 'etc',
        files: ['fstab', 'group', 'hostname', 'hosts', 'inittab', 'passwd', 'profile', 'shells']
          .map(plain)
          .concat([{ name: 'shadow', acl: '0:42:640' }]),
      },
    ],
  },
  {
    name: 'alpine-keys',
    version: '2.4-r1',
    description: 'Public keys for Alpine Linux packages',
    url: 'https://alpinelinux.org',
    license: 'MIT',
    maintainer: NCOPA,
    replaces: 'alpine-base',
    dirs: [
      {
        path: 'etc/apk/keys',
        files: ['4a6a0840', '5243ef4b', '5261cecb', '6165ee59', '61666e3f'].map((k) =>
          plain(`alpine-devel@lists.alpinelinux.org-${k}.rsa.pub`),
        ),
      },
    ],
  },
  {
    name: 'apk-tools',
    version: '2.14.4-r0',
    description: 'Alpine Package Keeper - package manager for alpine',
    url: 'https://gitlab.alpinelinux.org/alpine/apk-tools',
    license: 'GPL-2.0-only',
    maintainer: NCOPA,
    depends: `musl>=1.2.3_git20230424 ca-certificates-bundle ${LIBC} so:libcrypto.so.3 so:libssl.so.3 so:libz.so.1`,
    provides: 'so:libapk.so.2.14.0=2.14.0 cmd:apk=2.14.4-r0',
    dirs: [
      { path: 'etc/apk/protected_paths.d' },
      { path: 'lib', files: [exe('libapk.so.2.14.0')] },
      { path: 'lib/apk/db' },
      { path: 'sbin', files: [exe('apk')] },
    ],
  },
  {
    name: 'busybox',
    ...BUSYBOX,
    description: 'Size optimized toolbox of many common UNIX utilities',
    depends: LIBC,
    provides: 'cmd:busybox=1.36.1-r29',
    replaces: 'busybox-initscripts',
    dirs: [
      { path: 'bin', files: [exe('busybox')] },
      { path: 'etc', files: [plain('securetty'), plain('udhcpd.conf')] },
    ],
  },
  {
    name: 'busybox-binsh',
    ...BUSYBOX,
    description: 'busybox ash /bin/sh',
    priority: 100,
    depends: 'busybox=1.36.1-r29',
    provides: '/bin/sh cmd:sh=1.36.1-r29',
    replaces: 'busybox-initscripts',
    dirs: [{ path: 'bin', files: [link('sh')] }],
  },
  {
    name: 'ca-certificates-bundle',
    version: '20240705-r0',
    origin: 'ca-certificates',
    description: 'Pre generated bundle of Mozilla certificates',
    url: 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/',
    license: 'MPL-2.0 AND MIT',
    maintainer: NCOPA,
    provides: 'ca-certificates-cacert=20240705-r0',
    replaces: 'libressl2.7-libcrypto libcrypto1.1',
    dirs: [
      { path: 'etc/ssl', files: [link('cert.pem')] },
      { path: 'etc/ssl/certs', files: [plain('ca-certificates.crt')] },
    ],
  },
  {
    name: 'libcrypto3',
    ...OPENSSL,
    description: 'Crypto library from openssl',
    depends: LIBC,
    provides: 'so:libcrypto.so.3=3',
    replaces: 'libcrypto1.1',
    dirs: [
      { path: 'etc/ssl', files: [plain('openssl.cnf')] },
      { path: 'lib', files: [exe('libcrypto.so.3')] },
      { path: 'usr/lib/ossl-modules', files: [exe('legacy.so')] },
    ],
  },
  {
    name: 'libssl3',
    ...OPENSSL,
    description: 'SSL shared libraries',
    depends: `libcrypto3=3.3.1-r1 ${LIBC} so:libcrypto.so.3`,
    provides: 'so:libssl.so.3=3',
    replaces: 'openssl',
    dirs: [{ path: 'lib', files: [exe('libssl.so.3')] }],
  },
  {
    name: 'musl',
    ...MUSL,
    license: 'MIT',
    provides: 'so:libc.musl-x86_64.so.1=1',
    dirs: [{ path: 'lib', files: [exe('ld-musl-x86_64.so.1'), link('libc.musl-x86_64.so.1')] }],
  },
  {
    name: 'musl-utils',
    ...MUSL,
    license: 'MIT AND BSD-2-Clause AND GPL-2.0-or-later',
    depends: `scanelf ${LIBC}`,
    replaces: 'libiconv',
    provides: [
      'libc-utils=1.2.5-r0',
      ...['getconf', 'getent', 'iconv', 'ldconfig', 'ldd'].map((c) => `cmd:${c}=1.2.5-r0`),
    ].join(' '),
    dirs: [
      { path: 'sbin', files: [exe('ldconfig')] },
      { path: 'usr/bin', files: ['getconf', 'getent', 'iconv'].map(exe).concat([link('ldd')]) },
    ],
  },
  {
    name: 'scanelf',
    version: '1.3.7-r2',
    origin: 'pax-utils',
    description: 'Scan ELF binaries for stuff',
    url: 'https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities',
    license: 'GPL-2.0-only',
    maintainer: NCOPA,
    depends: LIBC,
    provides: 'cmd:scanelf=1.3.7-r2',
    replaces: 'pax-utils',
    dirs: [{ path: 'usr/bin', files: [exe('scanelf')] }],
  },
  {
    name: 'ssl_client',
    ...BUSYBOX,
    description: 'EXternal ssl_client for busybox wget',
    depends: `${LIBC} so:libcrypto.so.3 so:libssl.so.3`,
    provides: 'cmd:ssl_client=1.36.1-r29',
    installIf: 'busybox=1.36.1-r29 libssl3',
    replaces: 'busybox-initscripts',
    dirs: [{ path: 'usr/bin', files: [exe('ssl_client')] }],
  },
  {
    name: 'zlib',
    version: '1.3.1-r1',
    description: 'A compression/decompression Library',
    url: 'https://zlib.net/',
    license: 'Zlib',
    maintainer: NCOPA,
    depends: LIBC,
    provides: 'so:libz.so.1=1.3.1',
    dirs: [{ path: 'lib', files: [link('libz.so.1'), exe('libz.so.1.3.1')] }],
  },
];

/** Part of what `apk add curl tzdata` installs (libunistring and libpsl are left out). */
export const CURL_TZDATA: DbPackage[] = [
  {
    name: 'brotli-libs',
    version: '1.1.0-r2',
    origin: 'brotli',
    description: 'Generic lossless compressor (libraries)',
    url: 'https://github.com/google/brotli',
    license: 'MIT',
    depends: LIBC,
    provides: ['common', 'dec', 'enc'].map((l) => `so:libbrotli${l}.so.1=1.1.0`).join(' '),
    dirs: [{ path: 'usr/lib', files: ['common', 'dec', 'enc'].map((l) => link(`libbrotli${l}.so.1`)) }],
  },
  {
    name: 'c-ares',
    version: '1.28.1-r0',
    description: 'Asynchronous DNS/names resolver library',
    url: 'https://c-ares.org/',
    license: 'MIT',
    depends: LIBC,
    provides: 'so:libcares.so.2=2.13.1',
    dirs: [{ path: 'usr/lib', files: [link('libcares.so.2'), exe('libcares.so.2.13.1')] }],
  },
  {
    name: 'curl',
    ...CURL,
    description: 'URL retrival utility and library',
    depends: `libcurl=8.9.0-r0 ${LIBC} so:libcurl.so.4 so:libz.so.1`,
    provides: 'cmd:curl=8.9.0-r0',
    dirs: [{ path: 'usr/bin', files: [exe('curl')] }],
  },
  {
    name: 'libcurl',
    ...CURL,
    description: 'The multiprotocol file transfer library',
    provides: 'so:libcurl.so.4=4.8.0',
    depends: [
      'ca-certificates-bundle',
      LIBC,
      ...[
        'brotlidec.so.1',
        'cares.so.2',
        'crypto.so.3',
        'idn2.so.0',
        'nghttp2.so.14',
        'ssl.so.3',
        'z.so.1',
        'zstd.so.1',
      ].map((l) => `so:lib${l}`),
    ].join(' '),
    dirs: [{ path: 'usr/lib', files: [link('libcurl.so.4'), exe('libcurl.so.4.8.0')] }],
  },
  {
    name: 'libidn2',
    version: '2.3.7-r0',
    description: 'Encode/Decode library for internationalized domain names',
    url: 'https://www.gnu.org/software/libidn#libidn2',
    license: 'GPL-2.0-or-later OR LGPL-3.0-or-later',
    depends: `${LIBC} so:libunistring.so.5`,
    provides: 'so:libidn2.so.0=0.4.0',
    dirs: [{ path: 'usr/lib', files: [link('libidn2.so.0'), exe('libidn2.so.0.4.0')] }],
  },
  {
    name: 'nghttp2-libs',
    version: '1.62.1-r0',
    origin: 'nghttp2',
    description: 'Experimental HTTP/2 client, server and proxy (libraries)',
    url: 'https://nghttp2.org',
    license: 'MIT',
    depends: LIBC,
    provides: 'so:libnghttp2.so.14=14.28.2',
    dirs: [{ path: 'usr/lib', files: [link('libnghttp2.so.14'), exe('libnghttp2.so.14.28.2')] }],
  },
  {
    name: 'tzdata',
    version: '2024a-r1',
    description: 'Timezone data',
    url: 'https://www.iana.org/time-zones',
    license: 'Public-Domain',
    depends: LIBC,
    provides: ['posixtz', 'zdump', 'zic'].map((c) => `cmd:${c}=2024a-r1`).join(' '),
    dirs: [
      { path: 'usr/share/zoneinfo', files: [plain('UTC'), plain('zone1970.tab')] },
      { path: 'usr/share/zoneinfo/Europe', files: [plain('Paris')] },
    ],
  },
  {
    name: 'zstd-libs',
    version: '1.5.6-r0',
    origin: 'zstd',
    description: 'Zstandard - Fast real-time compression algorithm (libraries)',
    url: 'https://www.zstd.net',
    license: 'BSD-3-Clause OR GPL-2.0-or-later',
    depends: LIBC,
    provides: 'so:libzstd.so.1=1.5.6',
    dirs: [{ path: 'usr/lib', files: [link('libzstd.so.1'), exe('libzstd.so.1.5.6')] }],
  },
];

export const baseDb = () => writeDb(BASE);
/** The database after `apk add curl tzdata`: apk appends what it installs. */
export const curlDb = (skip: string[] = []) => writeDb([...BASE, ...CURL_TZDATA.filter((p) => !skip.includes(p.name))]);
