// Test helper: the OpenSSL command line as a certificate holder uses it (a key and a CSR made on his
// side, a self-signed certificate, a detached CMS signature as a signing tool writes it), so what the
// platform accepts is proven against files it did not make. For server and browser tests alike.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Run `openssl` with these arguments; its standard output (latin1, so binary output survives). */
export async function openssl(args: string[]): Promise<string> {
  const r = await run('openssl', args, { encoding: 'buffer', maxBuffer: 10_000_000 });
  return r.stdout.toString('latin1');
}

const P256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** A P-256 key and a certificate request for it (`subject` in OpenSSL's `/CN=…` form). */
export async function keyAndCsr(keyPath: string, csrPath: string, subject = '/CN=Token'): Promise<string> {
  await openssl(['req', '-new', ...P256, '-utf8', '-keyout', keyPath, '-subj', subject, '-out', csrPath]);
  return readFileSync(csrPath, 'utf8');
}

/** A P-256 key and a self-signed certificate for it, valid `days` (`extra`: e.g. `-addext keyUsage=…`). */
export async function selfSigned(keyPath: string, certPath: string, subject: string, extra: string[] = [], days = 30) {
  await openssl([
    'req',
    '-x509',
    ...P256,
    '-utf8',
    '-days',
    String(days),
    '-keyout',
    keyPath,
    '-subj',
    subject,
    ...extra,
    '-out',
    certPath,
  ]);
}

/** `openssl cms -sign -binary` of the file `inPath`, detached (SHA-256): the .p7s a signing tool writes. */
export async function cmsSignDetached(
  holder: { key: string; cert: string },
  inPath: string,
  outPath: string,
  form: 'DER' | 'PEM' = 'DER',
): Promise<Buffer> {
  await openssl([
    'cms',
    '-sign',
    '-binary',
    '-md',
    'sha256',
    '-in',
    inPath,
    '-signer',
    holder.cert,
    '-inkey',
    holder.key,
    '-outform',
    form,
    '-out',
    outPath,
  ]);
  return readFileSync(outPath);
}
