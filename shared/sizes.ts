// Sizes as people read them, the same in the host's messages and the webview's toolbar: binary
// units (a 2,147,483,648-byte file is "2.00 GiB"), two digits below 10 and one above.

/** "2.00 GiB", "70.0 MiB", "812 bytes". */
export function binarySize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes.toLocaleString('en-US')} bytes` : `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}
