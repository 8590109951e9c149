/** unbzip2-stream ships no types: it returns a `through` stream (a classic duplex) that inflates bzip2. */
declare module 'unbzip2-stream' {
  import type { Duplex } from 'node:stream';
  export default function unbzip2Stream(): Duplex;
}
