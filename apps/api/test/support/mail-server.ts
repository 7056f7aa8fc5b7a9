import { setTimeout as sleep } from 'node:timers/promises';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports.js';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The X-IPO-Reference header: the delivery's key. */
  reference: string;
  attachments: ParsedMail['attachments'];
}

export interface MailServer {
  /** SMTP_URL for it. */
  url: string;
  messages: ReceivedMail[];
  /** Refuse messages to these addresses (a 550 at RCPT TO) while set. */
  refuse: Set<string>;
  /** Waits until at least `n` messages arrived, up to a minute (throws then). */
  waitFor(n: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on loopback that keeps every message it accepts, parsed. */
export async function startMailServer(): Promise<MailServer> {
  const messages: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase())) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            reference: String(parsed.headers.get('x-ipo-reference') ?? ''),
            attachments: parsed.attachments,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse,
    async waitFor(n) {
      for (let i = 0; i < 600 && messages.length < n; i++) await sleep(100);
      if (messages.length < n) {
        throw new Error(`expected ${n} messages, received ${messages.length}`);
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
