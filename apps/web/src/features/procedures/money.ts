/** Integer VND as Vietnamese write it: `1.000.000 ₫` (dot thousands, no-break space before the sign). */
export function formatVnd(amount: number): string {
  const n = Math.round(amount);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${digits}\u00a0₫`;
}

/** Sum of fee lines (integer VND). */
export function feeTotal(fees: readonly { amount: number }[]): number {
  return fees.reduce((s, f) => s + f.amount, 0);
}
