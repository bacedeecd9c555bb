import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';
import { insertMail, markMailSent } from './mail.repository.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of `text`; whoever builds it escapes every value it interpolates. */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

type Log = { error(details: object, message: string): void };

/**
 * Every mail is kept in the `mail` table (admins read it in the app); with SMTP_URL it is also
 * sent. A failed delivery is logged, never surfaced to the person who asked for it.
 */
export function createMailer(options: {
  database: Database;
  smtpUrl: string | undefined;
  from: string;
  log: Log;
}): Mailer {
  const transport: Transporter | undefined = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  return {
    async send(mail) {
      const id = await insertMail(options.database.db, { ...mail, now: Date.now() });
      if (!transport) return;
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html === undefined ? {} : { html: mail.html }),
          ...(mail.headers === undefined ? {} : { headers: mail.headers }),
        });
        await markMailSent(options.database.db, id, Date.now());
      } catch (error) {
        options.log.error({ err: error, mailId: id }, 'sending mail failed; it stays in the outbox');
      }
    },
  };
}
