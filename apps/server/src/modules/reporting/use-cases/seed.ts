import { systemActor } from '../../../platform/http/auth.js';
import { newId } from '../../../platform/ids/index.js';
import { vnIsoDate } from '../../../platform/time/vn-time.js';
import { recordAudit } from '../../audit/index.js';
import { periodDueOn } from '../periods.js';
import type { ReportingContext } from '../reporting.context.js';
import { reportingRepository as repo } from '../reporting.repository.js';
import { openPeriod } from './obligations.js';
import { refreshFacts } from './facts.js';

/**
 * Demo data: a monthly regime on administrative procedures that Hà Nội and its communes send up to
 * the Government Office, the current period opened, and the indicator facts computed once.
 */
export async function seedDemoReporting(ctx: ReportingContext) {
  const code = 'BC-TTHC';
  if (!(await repo.regimeByCode(ctx.db, code))) {
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      const row = await repo.insertRegime(tx, {
        id: newId('rgm'),
        code,
        name: 'Báo cáo tình hình, kết quả giải quyết thủ tục hành chính',
        legalBasis: 'Nghị định số 09/2019/NĐ-CP; Thông tư số 01/2020/TT-VPCP',
        periodicity: 'month',
        deadlineDays: 2,
        reportingRoot: 'H26',
        reportingLevels: ['province', 'commune'],
        receivingAgency: 'G22',
        template: {
          indicators: [
            {
              code: 'C01',
              name: 'Số hồ sơ tiếp nhận trong kỳ',
              unit: 'hồ sơ',
              type: 'integer',
              aggregation: 'sum',
              required: true,
            },
            {
              code: 'C02',
              name: 'Số hồ sơ tiếp nhận trực tuyến',
              unit: 'hồ sơ',
              type: 'integer',
              aggregation: 'sum',
              required: true,
            },
            {
              code: 'C03',
              name: 'Số hồ sơ giải quyết đúng hạn',
              unit: 'hồ sơ',
              type: 'integer',
              aggregation: 'sum',
              required: true,
            },
            {
              code: 'C04',
              name: 'Tỷ lệ hồ sơ trực tuyến',
              unit: '%',
              type: 'percent',
              aggregation: 'sum',
              formula: 'C02 / C01 * 100',
            },
            { code: 'C05', name: 'Mức độ hài lòng', unit: '%', type: 'percent', aggregation: 'avg', weightBy: 'C01' },
          ],
          sections: [
            { code: 'S1', title: 'Đánh giá chung' },
            { code: 'S2', title: 'Khó khăn, vướng mắc và kiến nghị' },
          ],
          rules: [
            { left: 'C02', op: '<=', right: 'C01', message: 'Số hồ sơ trực tuyến không vượt quá số hồ sơ tiếp nhận' },
          ],
        },
        signatureRequired: true,
        createdBy: 'system',
        createdAt: now,
      });
      if (row)
        await recordAudit(
          tx,
          systemActor,
          { action: 'report-regime.created', subjectType: 'report-regime', subjectId: code },
          now,
        );
    });
  }
  const period = periodDueOn('month', vnIsoDate(ctx.clock.now()));
  if (period) await openPeriod(ctx, code, period);
  await refreshFacts(ctx);
}
