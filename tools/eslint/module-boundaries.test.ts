import { type Rule, RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import rule from './module-boundaries.js';

describe('module-boundaries rule', () => {
  it('lets a web page import features, app, i18n and its own folder, not another page; features import no page', () => {
    const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
    const page = '/repo/apps/web/src/routes/staff/inbox/inbox-page.tsx';
    tester.run('module-boundaries', rule as unknown as Rule.RuleModule, {
      valid: [
        { filename: page, code: "import { api } from '../../../features/api';" },
        { filename: page, code: "import { Providers } from '../../../app/providers';" },
        { filename: page, code: "import i18n from '../../../i18n';" },
        { filename: page, code: "import { Row } from './inbox-row';" },
        {
          filename: '/repo/apps/web/src/app/app.tsx',
          code: "import InboxPage from '../routes/staff/inbox/inbox-page';",
        },
        { filename: '/repo/apps/web/src/features/ui/list.tsx', code: "import { api } from '../api';" },
      ],
      invalid: [
        {
          filename: page,
          code: "import { periodQuery } from '../stats/stats-page';",
          errors: [{ messageId: 'page' }],
        },
        {
          filename: page,
          code: "export { ModeBadge } from '../../services/search/procedures-page';",
          errors: [{ messageId: 'page' }],
        },
        {
          filename: page,
          code: "const m = import('../../admin/users/users-page');",
          errors: [{ messageId: 'page' }],
        },
        {
          filename: page,
          code: "import { paths } from '../../../api/schema';",
          errors: [{ messageId: 'page' }],
        },
        {
          filename: '/repo/apps/web/src/features/dossiers/x.tsx',
          code: "import { defaultBox } from '../../routes/staff/inbox/inbox-page';",
          errors: [{ messageId: 'feature' }],
        },
      ],
    });
  });

  it('allows index imports and same-module imports, refuses deep, platform→module and web→server imports', () => {
    const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
    const mod = '/repo/apps/server/src/modules/identity/use-cases/x.ts';
    tester.run('module-boundaries', rule as unknown as Rule.RuleModule, {
      valid: [
        { filename: mod, code: "import { recordAudit } from '../../audit/index.js';" },
        { filename: mod, code: "import { x } from '../identity.repository.js';" },
        { filename: mod, code: "import { y } from '../../../platform/db/index.js';" },
        { filename: '/repo/apps/server/src/app.ts', code: "import { a } from './modules/identity/index.js';" },
      ],
      invalid: [
        {
          filename: mod,
          code: "import { r } from '../../audit/audit.repository.js';",
          errors: [{ messageId: 'deep' }],
        },
        { filename: mod, code: "export { t } from '../../directory/db/schema.js';", errors: [{ messageId: 'deep' }] },
        {
          filename: '/repo/apps/server/src/platform/http/x.ts',
          code: "import { a } from '../../modules/audit/index.js';",
          errors: [{ messageId: 'platform' }],
        },
        {
          filename: '/repo/apps/web/src/x.ts',
          code: "import { a } from '../../server/src/config/index.js';",
          errors: [{ messageId: 'web' }],
        },
      ],
    });
  });

  it('keeps the halves of signatures apart: signing asks pki through its index.ts, pki never asks signing', () => {
    const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
    const signing = '/repo/apps/server/src/modules/signatures/signing/signing.service.ts';
    const pki = '/repo/apps/server/src/modules/signatures/pki/pki.service.ts';
    tester.run('module-boundaries', rule as unknown as Rule.RuleModule, {
      valid: [
        { filename: signing, code: "import { SignaturesService } from '../pki/index.js';" },
        { filename: signing, code: "import { validate } from './formats/index.js';" },
        { filename: pki, code: "import { HashAlgorithm } from '../signing-ports.js';" },
        { filename: '/repo/apps/server/src/modules/signatures/index.ts', code: "export * from './pki/index.js';" },
      ],
      invalid: [
        {
          filename: signing,
          code: "import { SignaturesService } from '../pki/pki.service.js';",
          errors: [{ messageId: 'halfDeep' }],
        },
        {
          filename: pki,
          code: "import { SigningService } from '../signing/index.js';",
          errors: [{ messageId: 'half' }],
        },
      ],
    });
  });
});
