import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';

/** Real SMTP delivery: the platform talks SMTP to a server on loopback, with AUTH. */
describe('mail over SMTP', () => {
  let p: TestPlatform;
  let server: SMTPServer;
  const received: { from: string; to: string[]; data: string; user?: string }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _s, cb) {
        if (auth.username === 'mailer' && auth.password === 's3cret') cb(null, { user: 'mailer' });
        else cb(new Error('bad credentials'));
      },
      onData(stream, session, cb) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
        stream.on('end', () => {
          if (failNext-- > 0) return cb(Object.assign(new Error('mailbox busy'), { responseCode: 451 }));
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
            user: session.user as string,
          });
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as AddressInfo).port;
    p = await createTestPlatform('pglite', {
      env: { SMTP_URL: `smtp://mailer:s3cret@127.0.0.1:${port}`, MAIL_FROM: 'Cổng DVC <noreply@egov.test>' },
    });
  });
  afterAll(async () => {
    await p?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('delivers the password reset mail by SMTP, retrying a temporary failure, and no outbox is exposed', async () => {
    const c = await p.citizen();
    await p.deps.jobs.drain(); // registration sends its own mail; this test is about the reset mail
    received.length = 0;
    failNext = 1;
    await p.call('POST', '/api/auth/password/forgot', { body: { email: c.email } });
    await p.deps.jobs.drain(); // the reset job queues the mail; its first try meets 451 from the server
    expect(received).toHaveLength(0);
    p.clock.advance(5000);
    await p.deps.jobs.drain();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'noreply@egov.test', to: [c.email], user: 'mailer' });
    const body = received[0]!.data
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)));
    expect(body).toMatch(/reset-password\?token=/);
    expect(received[0]!.data).toMatch(/^Subject: =\?UTF-8\?/m); // Vietnamese subject, MIME-encoded
    expect((await p.call('GET', '/dev/mail.json')).statusCode).toBe(404);
  });
});
