import { create } from 'qrcode';
import { useMemo } from 'react';

const QUIET = 4;

/** SVG path data for the dark modules of `text`'s QR code (level M, qrcode's encoder), inside a 4-module quiet zone. */
export function qrPath(text: string): { path: string; dim: number } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y++)
    for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) parts.push(`M${x + QUIET},${y + QUIET}h1v1h-1z`);
  return { path: parts.join(''), dim: modules.size + QUIET * 2 };
}

/** The QR code of `text` as an inline SVG, with a text alternative. */
export function QrImage({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const { path, dim } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${dim} ${dim}`}
      shapeRendering="crispEdges"
      className="qr"
      data-testid="totp-qr"
    >
      <rect width={dim} height={dim} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
