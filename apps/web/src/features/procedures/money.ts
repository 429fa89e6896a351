const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

/** Integer VND as Vietnamese write it: `1.000.000 ₫` (dot thousands, no-break space before the sign), by Intl. */
export function formatVnd(amount: number): string {
  return VND.format(Math.round(amount) || 0); // never "-0 ₫"
}

/** Sum of fee lines (integer VND). */
export function feeTotal(fees: readonly { amount: number }[]): number {
  return fees.reduce((s, f) => s + f.amount, 0);
}
