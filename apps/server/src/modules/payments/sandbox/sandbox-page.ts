import type { SandboxTxn } from './sandbox-store.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const vnd = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}\u00a0₫`;

const GATEWAY_NAMES = {
  dvcqg: 'Nền tảng thanh toán Cổng Dịch vụ công quốc gia (thử nghiệm)',
  vnpay: 'Cổng thanh toán VNPAY (thử nghiệm)',
};

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0b0c0c;background:#f3f2f1}
header{background:#1d3b6e;color:#fff;padding:12px 16px}header p{margin:0;font-weight:700}
.banner{background:#fbe7a6;color:#4a3500;padding:8px 16px;font-weight:600;border-bottom:2px solid #b45309}
main{max-width:36rem;margin:24px auto;padding:0 16px}
.card{background:#fff;border:1px solid #b1b4b6;border-radius:4px;padding:20px}
h1{font-size:1.5rem;margin:0 0 12px}dl{display:grid;grid-template-columns:minmax(7rem,11rem) 1fr;margin:0 0 16px}
dt,dd{margin:0;padding:6px 0;border-bottom:1px solid #e5e5e5}dt{font-weight:600}dd{overflow-wrap:anywhere}
.amount{font-size:1.6rem;font-weight:700}fieldset{border:0;padding:0;margin:0}legend{font-weight:700;margin-bottom:8px}
button,.btn{display:block;width:100%;margin:8px 0;padding:12px;font:inherit;font-weight:700;border-radius:4px;border:2px solid transparent;cursor:pointer;text-align:center;text-decoration:none}
.ok{background:#00703c;color:#fff}.fail{background:#b3261e;color:#fff}.wait{background:#fff;color:#0b0c0c;border-color:#0b0c0c}.odd{background:#f3f2f1;color:#0b0c0c;border-color:#6f777b}
button:focus-visible,.btn:focus-visible{outline:3px solid #ffdd00;outline-offset:2px}.btn{background:#1d3b6e;color:#fff}
.muted{color:#505a5f;font-size:.95rem}
`;

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><p>${esc(title)}</p></header><div class="banner" role="note">Môi trường thử nghiệm: không có giao dịch tiền thật.</div><main>${body}</main></body></html>`;
}

/** Outcomes only the VNPAY sandbox offers (its transaction statuses 04, 07 and 09). */
const VNPAY_OUTCOMES = `<button class="odd" type="submit" name="outcome" value="reversed">Đã trừ tiền nhưng giao dịch bị đảo (mã 04)</button>
<button class="odd" type="submit" name="outcome" value="suspected_fraud">Đã trừ tiền, nghi ngờ gian lận (mã 07)</button>
<button class="odd" type="submit" name="outcome" value="refund_refused">Thành công, ngân hàng sẽ từ chối hoàn tiền (mã 09)</button>`;

/** The gateway's payment page: the tester chooses what the "bank" does. */
export function paymentPage(t: SandboxTxn, action: string): string {
  return shell(
    GATEWAY_NAMES[t.gateway],
    `<div class="card"><h1>Xác nhận thanh toán</h1>
<dl><dt>Đơn vị nhận</dt><dd>${esc(t.merchantName)}</dd><dt>Nội dung</dt><dd>${esc(t.description)}</dd><dt>Mã tham chiếu</dt><dd>${esc(t.reference)}</dd>
<dt>Số tiền</dt><dd class="amount" data-testid="sandbox-amount">${vnd(t.amount)}</dd></dl>
<form method="post" action="${esc(action)}"><fieldset><legend>Chọn kết quả giao dịch để thử nghiệm</legend>
<button class="ok" type="submit" name="outcome" value="success">Thanh toán thành công</button>
<button class="fail" type="submit" name="outcome" value="failure">Thanh toán thất bại</button>
<button class="wait" type="submit" name="outcome" value="timeout">Hết thời gian chờ (không gửi kết quả)</button>
<button class="odd" type="submit" name="outcome" value="wrong_amount">Thành công nhưng báo sai số tiền</button>
${t.gateway === 'vnpay' ? VNPAY_OUTCOMES : ''}
</fieldset></form>
<p class="muted">"Hết thời gian chờ": ngân hàng đã trừ tiền nhưng kết quả không được gửi về Cổng dịch vụ công; hệ thống sẽ tự tra cứu lại giao dịch.</p></div>`,
  );
}

/** After a choice that sends nothing back, or when the transaction is already over. */
export function messagePage(t: SandboxTxn | null, heading: string, text: string, back: string | null): string {
  return shell(
    t ? GATEWAY_NAMES[t.gateway] : 'Cổng thanh toán thử nghiệm',
    `<div class="card"><h1>${esc(heading)}</h1><p>${esc(text)}</p>${back ? `<a class="btn" href="${esc(back)}">Quay lại Cổng dịch vụ công</a>` : ''}</div>`,
  );
}
