const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu'];

/** One group of three digits; `full` when a higher group was read (then "không trăm", "linh" are said). */
function readGroup(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (full || h > 0) words.push(DIGITS[h]!, 'trăm');
  if (t === 0 && u > 0 && (full || h > 0)) words.push('linh');
  if (t === 1) words.push('mười');
  if (t > 1) words.push(DIGITS[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t > 1) words.push('mốt');
    else if (u === 5 && t > 0) words.push('lăm');
    else words.push(DIGITS[u]!);
  }
  return words.join(' ');
}

/** Unit name of the i-th group of three digits: nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ … */
function unit(i: number): string {
  return [GROUPS[i % 3], ...Array(Math.floor(i / 3)).fill('tỷ')].filter(Boolean).join(' ');
}

/** An integer amount of VND in Vietnamese words, as printed on receipts: "Một trăm ba mươi lăm nghìn đồng". */
export function vndInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a non-negative safe integer');
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i] === 0) continue;
    parts.push([readGroup(groups[i]!, i < groups.length - 1), unit(i)].filter(Boolean).join(' '));
  }
  const text = `${parts.join(' ')} đồng`;
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
