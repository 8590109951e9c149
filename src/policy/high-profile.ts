/**
 * Docker Scout's curated list of high-profile vulnerabilities, as its policy
 * documentation lists them (docs.docker.com/scout/policy, "High-Profile
 * Vulnerabilities"): widely known, widely exploited. The policy also counts every
 * vulnerability in CISA's Known Exploited Vulnerabilities catalog (from the bundle's KEV
 * feed) unless `cisa-kev: false`.
 */
export const HIGH_PROFILE_CVES: readonly string[] = [
  'CVE-2014-0160', // OpenSSL Heartbleed
  'CVE-2021-44228', // Log4Shell
  'CVE-2023-38545', // curl SOCKS5 heap buffer overflow
  'CVE-2023-44487', // HTTP/2 Rapid Reset
  'CVE-2024-3094', // xz backdoor
  'CVE-2024-47176', // cups-browsed
  'CVE-2024-47076', // libcupsfilters
  'CVE-2024-47175', // libppd
  'CVE-2024-47177', // cups-filters
];
