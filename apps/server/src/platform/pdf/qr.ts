import QRCode from 'qrcode';

/**
 * An SVG path (y down, one unit per module, with the 4-module quiet zone) of the QR code of
 * `text`, and its side in modules. Drawn as one vector fill: crisp at any zoom, no seams
 * between modules, no image to embed.
 */
export function qrPath(text: string): { path: string; modules: number } {
  const { modules } = QRCode.create(text.normalize('NFC'), { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const quiet = 4;
  const parts: string[] = [];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && modules.get(r, c)) c++;
      parts.push(`M${start + quiet} ${r + quiet}h${c - start}v1h${start - c}z`);
    }
  }
  return { path: parts.join(''), modules: n + 2 * quiet };
}
