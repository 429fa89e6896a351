import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfPagesText, pdfText } from '../../../platform/pdf/testing.js';
import {
  buildApology,
  buildControlSheet,
  buildDocuments,
  buildReceipt,
  buildRefusal,
  buildStopNotice,
  buildSupplementRequest,
} from './factories.js';
import {
  renderApology,
  renderControlSheet,
  renderReceipt,
  renderRefusal,
  renderStopNotice,
  renderSupplementRequest,
} from './index.js';

const CODE = '000.00.00.H26-260302-0001';
const COMMON = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
  'Nguyễn Thị Ánh Tuyết',
  'Đăng ký thường trú',
  CODE,
];

const forms = [
  {
    name: 'Mẫu 01 receipt',
    render: () => renderReceipt(buildReceipt()),
    expects: [
      'Mẫu số 01',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      'Hà Nội, ngày 02 tháng 03 năm 2026',
      'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)',
      'hợp đồng thuê nhà có công chứng (bản điện tử)',
      'Thời gian nhận hồ sơ: 10 giờ 05 phút, ngày 02 tháng 03 năm 2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 09 tháng 03 năm 2026',
      'Số lượng hồ sơ: 01 (bộ)',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Đức',
    ],
  },
  {
    name: 'Mẫu 02 supplement request',
    render: () => renderSupplementRequest(buildSupplementRequest()),
    expects: [
      'Mẫu số 02',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Hà Nội, ngày 03 tháng 03 năm 2026',
      'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
      '1. Bổ sung bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất của chủ hộ.',
      '2. Hoàn thiện mục “Nơi thường trú trước khi chuyển đến”',
      'Lý do: Hồ sơ chưa có giấy tờ chứng minh chỗ ở hợp pháp',
      'Trong thời hạn 05 ngày làm việc kể từ ngày nhận được phiếu này',
      'liên hệ với ông Trần Văn Đức, số điện thoại 024 3825 1234',
      'NGƯỜI HƯỚNG DẪN',
    ],
  },
  {
    name: 'Mẫu 03 refusal',
    render: () => renderRefusal(buildRefusal()),
    expects: [
      'Mẫu số 03',
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'Hà Nội, ngày 02 tháng 03 năm 2026',
      'thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      '- Người đề nghị chưa đủ 18 tuổi và không có người đại diện hợp pháp.',
      'Xin thông báo để Ông/Bà được biết và thực hiện./.',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
    ],
  },
  {
    name: 'Mẫu 04 apology',
    render: () => renderApology(buildApology()),
    expects: [
      'Mẫu số 04',
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      'Số: 15/PXL-UBND',
      'Hà Nội, ngày 06 tháng 03 năm 2026',
      'Kính gửi: Ông/Bà Nguyễn Thị Ánh Tuyết',
      'Ngày 02 tháng 03 năm 2026, Ủy ban nhân dân phường Hoàn Kiếm tiếp nhận giải quyết hồ sơ',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 09 tháng 03 năm 2026.',
      'Lý do: Cần xác minh thông tin cư trú với Công an tỉnh Nghệ An',
      'vào 16 giờ 00 phút, ngày 13 tháng 03 năm 2026.',
      'Xin trân trọng cảm ơn./.',
      'Nơi nhận:',
      'KT. CHỦ TỊCH',
      'Lê Hoàng Yến',
    ],
  },
  {
    name: 'Mẫu 05 stop notice (TT 03/2025)',
    render: () => renderStopNotice(buildStopNotice()),
    expects: [
      'Mẫu số 05',
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      'Số: 21/TB-UBND',
      'Hà Nội, ngày 10 tháng 03 năm 2026',
      'thông báo dừng giải quyết hồ sơ nêu trên kể từ ngày 10 tháng 03 năm 2026, với lý do cụ thể như sau:',
      '- Người nộp hồ sơ không bổ sung giấy tờ theo Phiếu yêu cầu bổ sung trong thời hạn quy định.',
      'Thời hạn giải quyết hồ sơ không tiếp tục được tính kể từ ngày dừng giải quyết.',
      'KT. CHỦ TỊCH',
      'Lê Hoàng Yến',
    ],
  },
  {
    name: 'Mẫu 05 stop notice with the stage reached and the fee paid',
    render: () => renderStopNotice(buildStopNotice({ stage: 'Đang xử lý', fee: { amount: 1_500_000, paid: true } })),
    expects: [
      'Giai đoạn giải quyết tại thời điểm dừng: Đang xử lý.',
      'Phí, lệ phí của hồ sơ: 1.500.000 đồng (đã nộp).',
    ],
  },
  {
    name: 'Mẫu 06 control sheet',
    render: () => renderControlSheet(buildControlSheet()),
    expects: [
      'Mẫu số 06',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Cơ quan (bộ phận) giải quyết hồ sơ: Công an phường Hoàn Kiếm',
      'THỜI GIAN GIAO, NHẬN HỒ SƠ',
      '1. Giao: Bộ phận tiếp nhận và trả kết quả 2. Nhận: Công an phường Hoàn Kiếm',
      'Giao nhận: 10:30 02/03/2026',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Xin lỗi theo Phiếu 15/PXL-UBND',
    ],
  },
];

describe('Decree 61 one-stop forms', () => {
  for (const form of forms) {
    describe(form.name, () => {
      it('prints the Vietnamese text, the dossier code and the dates intact', async () => {
        const text = pdfText(await form.render());
        for (const s of [...COMMON, ...form.expects]) expect(text).toContain(s.normalize('NFC'));
      });

      it('is one A5 page', async () => {
        const doc = await PDFDocument.load(await form.render());
        expect(doc.getPageCount()).toBe(1);
        const { width, height } = doc.getPage(0).getSize();
        expect(width).toBeCloseTo(419.53, 2);
        expect(height).toBeCloseTo(595.28, 2);
      });

      it('gives the same bytes for the same input', async () => {
        const [a, b] = await Promise.all([form.render(), form.render()]);
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      });
    });
  }

  it('flows a long list of documents onto a second page with the table header repeated', async () => {
    const bytes = await renderReceipt(buildReceipt({ documents: buildDocuments(16) }));
    const pages = pdfPagesText(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[1]).toContain('Tên giấy tờ');
    const text = pdfText(bytes);
    expect(text).toContain('Giấy khai sinh của con dưới 14 tuổi (bộ 4)');
    expect(pages[pages.length - 1]).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });

  it('flows a long control sheet onto more pages', async () => {
    const base = buildControlSheet();
    const steps = Array.from({ length: 12 }, (_, i) => ({
      ...base.steps[i % base.steps.length]!,
      note: `Bước ${i + 1}`,
    }));
    const pages = pdfPagesText(await renderControlSheet({ ...base, steps }));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[1]).toContain('TÊN CƠ QUAN');
    expect(pages.join('\n')).toContain('Bước 12');
  });

  it('prints decomposed (NFD) input with composed letters', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const data = buildRefusal({
      applicant: { fullName: nfd('Phạm Thị Hường') },
      reasons: [nfd('Thiếu giấy tờ chứng minh chỗ ở hợp pháp')],
    });
    const text = pdfText(await renderRefusal(data));
    expect(text).toContain('Phạm Thị Hường'.normalize('NFC'));
    expect(text).toContain('Thiếu giấy tờ chứng minh chỗ ở hợp pháp'.normalize('NFC'));
  });

  it('has the applicant sign only at the counter', async () => {
    expect(pdfText(await renderReceipt(buildReceipt({ channel: 'counter' })))).toContain('NGƯỜI NỘP HỒ SƠ');
    const online = pdfText(await renderReceipt(buildReceipt({ channel: 'online' })));
    expect(online).not.toContain('NGƯỜI NỘP HỒ SƠ');
    expect(online).toContain('Hình thức nộp: Trực tuyến');
  });

  it('prints the claim code of a dossier filed for someone, and none on an online one', async () => {
    const counter = pdfText(await renderReceipt(buildReceipt({ channel: 'counter', claimCode: 'K7M2Q-9XHTR' })));
    expect(counter).toContain('Mã nhận hồ sơ trực tuyến: K7M2Q-9XHTR');
    expect(pdfText(await renderReceipt(buildReceipt({ channel: 'online' })))).not.toContain('Mã nhận hồ sơ');
  });

  it('stamps metadata from the input, not the clock', async () => {
    const doc = await PDFDocument.load(await renderReceipt(buildReceipt()), { updateMetadata: false });
    expect(doc.getTitle()).toBe(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả - ${CODE}`);
    expect(doc.getAuthor()).toBe('Ủy ban nhân dân phường Hoàn Kiếm');
    expect(doc.getCreator()).toBe('egov-platform');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-02T03:05:00.000Z');
    expect(doc.getKeywords()).toContain(CODE);
  });
});
