import { useMemo } from 'react';
import { encodeQr, qrPath } from './qr-code';

/** The QR code of `text` as an inline SVG, with a text alternative. */
export function QrImage({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const q = useMemo(() => encodeQr(text), [text]);
  const dim = q.size + 8;
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
      <path d={qrPath(q)} fill="#000" />
    </svg>
  );
}
