import { actorContext, requireUser } from '../../platform/http/auth.js';
import { rawBody } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import type { ReportingContext } from './reporting.context.js';
import { obligationDto, obligationParams } from './reporting.schemas.js';
import { exportObligation, importObligation } from './use-cases/excel.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A report as Excel in its template's layout, and a filled one read back (errors named by cell). */
export function excelRoutes(ctx: ReportingContext) {
  return async (app: App) => {
    app.get(
      '/api/report-obligations/:id/xlsx',
      {
        schema: {
          tags: ['reporting'],
          summary: 'The report as an Excel workbook in the template’s layout',
          params: obligationParams,
        },
      },
      async (req, reply) => {
        const buf = await exportObligation(ctx, requireUser(req), req.params.id);
        reply.header('content-disposition', `attachment; filename="bao-cao-${req.params.id}.xlsx"`);
        return reply.type(XLSX).send(buf);
      },
    );
    await app.register(async (scope) => {
      scope.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_r, body, done) =>
        done(null, body),
      );
      scope.put(
        '/api/report-obligations/:id/xlsx',
        {
          bodyLimit: 5 * 1024 * 1024,
          schema: {
            tags: ['reporting'],
            summary: 'Fill the report from an uploaded workbook (its own export, filled); errors name the cell',
            params: obligationParams,
            response: { 200: obligationDto },
          },
        },
        async (req) => {
          const { id } = req.params as { id: string };
          return importObligation(ctx, requireUser(req), actorContext(req), id, rawBody(req.body, XLSX));
        },
      );
    });
  };
}
