import { type Rule, RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import rule from './module-boundaries.js';

describe('module-boundaries rule', () => {
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
});
