// snappyjs ships no types; the one function used here.
declare module 'snappyjs' {
  export function compress(uncompressed: Uint8Array): Uint8Array;
}
