import type { DirectoryService } from '../directory/index.js';
import type { LocalServiceRegistration } from './gateway-contract.js';
import { defaultOpenApi } from './use-cases/registry.js';

/** The demo provider: the agency directory (danh mục mã định danh, Decision 20/2020), offered by the Government Office. */
export const DIRECTORY_SERVICE = 'directory.agency.v1';
export const DIRECTORY_PROVIDER = 'VN:GOV:G22:danhmuc';

/**
 * A small real service behind the gateway, so that the gateway is shown and tested without the
 * base registries: look an agency up by either code form.
 */
export function directoryLookupService(directory: Pick<DirectoryService, 'find'>): LocalServiceRegistration {
  return {
    code: DIRECTORY_SERVICE,
    provider: DIRECTORY_PROVIDER,
    name: 'Tra cứu mã định danh cơ quan',
    purposes: ['agency-lookup', 'dossier-processing'],
    openapi: defaultOpenApi(DIRECTORY_SERVICE, 'Tra cứu mã định danh cơ quan', ['code']),
    async handle(req) {
      const code = req.params.code;
      if (!code) return { status: 400, body: { code: 'PARAM_REQUIRED', param: 'code' } };
      const a = await directory.find(code);
      if (!a) return { status: 404, body: { code: 'AGENCY_NOT_FOUND' } };
      return {
        status: 200,
        body: { code: a.code, legacyCode: a.legacyCode, name: a.name, level: a.level },
      };
    },
  };
}
