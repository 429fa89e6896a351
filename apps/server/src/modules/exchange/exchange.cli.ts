import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ActorContext } from '../../platform/http/auth.js';
import type { Exchange } from './exchange.module.js';
import { generateNodeKey } from './exchange.settings.js';
import { readPackage } from './edxml/parse.js';
import { registerNode } from './use-cases/registration.js';

export const EXCHANGE_HELP = `  exchange keygen                 print a new Ed25519 key pair for EXCHANGE_NODE_KEY (private) and the hub operator (public)
  exchange node add --id ID --name N --url URL --public-key B64 --agency CODE [--agency CODE2]
                                  (hub) register a node and the agency subtrees it may serve
  exchange validate FILE          check an edXML package and name every problem`;

/** Where a command's lines go: the terminal, or the answer to the CLI when the running server runs it. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}
const terminal: CliOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** `egov exchange …`; returns the exit code. */
export async function exchangeCli(
  sub: string | undefined,
  rest: string[],
  withExchange: <T>(fn: (x: Exchange) => Promise<T>) => Promise<T>,
  actor: ActorContext,
  io: CliOutput = terminal,
): Promise<number> {
  if (sub === 'keygen') {
    const k = generateNodeKey();
    io.out(`EXCHANGE_NODE_KEY=${k.privateKey}\npublic key (give it to the hub operator): ${k.publicKey}`);
    return 0;
  }
  if (sub === 'validate') {
    const r = readPackage(readFileSync(rest[0] ?? '/dev/stdin', 'utf8'));
    for (const i of r.issues) io.out(`${i.code}\t${i.path}\t${i.message}`);
    io.out(
      r.issues.length
        ? `${r.issues.length} problem(s)`
        : `valid ${r.package?.kind} package${r.signed ? ' (signed)' : ' (unsigned)'}`,
    );
    return r.issues.length ? 1 : 0;
  }
  if (sub === 'node' && rest[0] === 'add') {
    const { values } = parseArgs({
      args: rest.slice(1),
      options: {
        id: { type: 'string' },
        name: { type: 'string' },
        url: { type: 'string' },
        'public-key': { type: 'string' },
        agency: { type: 'string', multiple: true },
      },
    });
    if (!values.id || !values.url || !values['public-key'] || !values.agency?.length) {
      io.err('exchange node add needs --id, --url, --public-key and --agency');
      return 2;
    }
    const n = await withExchange((x) =>
      registerNode(x.context, actor, {
        id: values.id!,
        name: values.name ?? values.id!,
        baseUrl: values.url!.replace(/\/$/, ''),
        publicKey: values['public-key']!,
        agencies: values.agency!.map((a) => a.toUpperCase()),
      }),
    );
    io.out(`registered node ${n.id} (${n.baseUrl}) serving ${n.agencies.join(', ')}`);
    return 0;
  }
  return 2;
}
