import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './mask.js';

describe('maskPersonalData', () => {
  it('masks ID numbers, phones, e-mails and addresses', () => {
    const t =
      'Tôi là Trần Thị Bích, CCCD 001190012345, số điện thoại 0912 345 678, e-mail bich.tran@example.vn, nhà ở số 12 ngõ 34 phố Huế, mã số thuế 0100109106-001.';
    const m = maskPersonalData(t, { names: ['Trần Thị Bích'] });
    expect(m).not.toMatch(/Bích|001190012345|0912|345 678|bich\.tran|ngõ 34|phố Huế|0100109106/);
    expect(m).toContain('[họ tên]');
    expect(m).toContain('[số định danh]');
    expect(m).toContain('[số điện thoại]');
    expect(m).toContain('[email]');
    expect(m).toContain('[địa chỉ]');
    expect(m).toContain('[mã số]');
  });

  it('masks a name after a form of address, and +84 numbers', () => {
    const m = maskPersonalData('Cán bộ Nguyễn Văn Hùng yêu cầu nộp thêm giấy tờ; gọi +84 912 345 678 không ai nghe.');
    expect(m).toBe('Cán bộ [họ tên] yêu cầu nộp thêm giấy tờ; gọi [số điện thoại] không ai nghe.');
  });

  it('leaves text without personal data as it is', () => {
    const t = 'Thủ tục đăng ký khai sinh yêu cầu 3 bản sao, quá nhiều so với quy định tại Điều 16.';
    expect(maskPersonalData(t)).toBe(t);
  });
});
