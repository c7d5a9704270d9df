import { SMTPServer } from 'smtp-server';
import { loadScaledDeadline } from './load-scaled';
import { freePort } from './ports';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as received (headers and body), as text. */
  raw: string;
}

export interface SmtpReceiver {
  /** smtp://user:pass@127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const SMTP_USER = 'dmflow';
export const SMTP_PASSWORD = 'smtp-secret';

/** A real SMTP server (the smtp-server package) on a loopback port, with a login, keeping every message it accepts. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: STARTTLS would need a certificate the server trusts, which this receiver does not test.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      return callback(new Error('invalid login'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    mails,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = loadScaledDeadline(timeoutMs);
      while (!predicate(mails)) {
        if (deadline.expired())
          throw new Error(`smtp: condition not met within ${deadline.elapsedMs()} ms (${mails.length} mails received)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
