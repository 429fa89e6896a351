import { writeFileSync } from 'node:fs';
import { renderAdministrativeDocument } from './apps/server/src/platform/pdf/administrative.js';
const r = await renderAdministrativeDocument({
  parentAgency: null, agency: 'Ủy ban nhân dân thành phố Hà Nội', notation: 'QĐ-UBND', place: 'Hà Nội',
  typeTitle: 'Quyết định', subject: 'Công bố danh mục dữ liệu mở của Ủy ban nhân dân thành phố năm 2026',
  preamble: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;', 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;'],
  body: ['Điều 1. Công bố kèm theo Quyết định này danh mục dữ liệu mở năm 2026 của Ủy ban nhân dân thành phố Hà Nội.', 'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.', 'Điều 3. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc các sở và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này.'],
  signer: { competence: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', name: 'Trần Văn Lãnh Đạo' },
  recipients: ['- Như Điều 3;', '- Văn phòng UBND thành phố;', '- Lưu: VT.'], createdAt: new Date('2026-12-06T10:00:00Z'),
});
writeFileSync('/tmp/dl/qd.pdf', r.pdf); console.log(JSON.stringify(r.layout));
