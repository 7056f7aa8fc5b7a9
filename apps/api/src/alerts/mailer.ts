/**
 * Sending e-mail (decision 14): by SMTP with nodemailer (SMTP_URL), or through GOV.UK Notify
 * with its official client where NOTIFY_API_KEY and the template for the kind of message are
 * set. Notify sends only what a template says, so each template carries the placeholders
 * ((subject)) and ((body)) (and ((link_to_file)) for the report pack): see decision 14.
 */
import nodemailer from 'nodemailer';
import { NotifyClient } from 'notifications-node-client';

export type MailKind = 'alert' | 'digest' | 'report';

export interface OutgoingMail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The delivery's key: Notify's reference, and a header in SMTP messages. */
  reference: string;
  attachment?: { filename: string; content: Buffer; contentType: string };
}

export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://...; nodemailer reads options from the query string. */
  smtpUrl?: string | undefined;
  from: string;
  notify?:
    | {
        apiKey: string;
        /** Another Notify API address (tests; Notify's own default otherwise). */
        baseUrl?: string | undefined;
        templates: Partial<Record<MailKind, string | undefined>>;
      }
    | undefined;
}

export interface Mailer {
  /** Sends one message; resolves with how it went, rejects when it was not accepted. */
  send(mail: OutgoingMail): Promise<{ transport: 'smtp' | 'notify'; id: string | null }>;
  close(): void;
}

export class MailNotConfiguredError extends Error {
  override name = 'MailNotConfiguredError';
}

/** Whether any e-mail can be sent with these settings. */
export function canSendMail(settings: MailSettings): boolean {
  return Boolean(settings.smtpUrl || settings.notify?.apiKey);
}

export function createMailer(settings: MailSettings): Mailer {
  const smtp = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
  const notifySettings = settings.notify;
  const notify = notifySettings?.apiKey
    ? notifySettings.baseUrl
      ? new NotifyClient(notifySettings.baseUrl, notifySettings.apiKey)
      : new NotifyClient(notifySettings.apiKey)
    : null;

  return {
    async send(mail) {
      const template = notifySettings?.templates[mail.kind];
      if (notify && template) {
        const personalisation: Record<string, unknown> = {
          subject: mail.subject,
          body: mail.text,
        };
        if (mail.attachment) {
          personalisation.link_to_file = notify.prepareUpload(mail.attachment.content, {
            filename: mail.attachment.filename,
            confirmEmailBeforeDownload: true,
          });
        }
        try {
          const response = await notify.sendEmail(template, mail.to, {
            personalisation,
            reference: mail.reference,
          });
          return { transport: 'notify', id: (response.data as { id?: string }).id ?? null };
        } catch (error) {
          throw notifyError(error);
        }
      }
      if (smtp) {
        const info = await smtp.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'X-IPO-Reference': mail.reference },
          ...(mail.attachment
            ? {
                attachments: [
                  {
                    filename: mail.attachment.filename,
                    content: mail.attachment.content,
                    contentType: mail.attachment.contentType,
                  },
                ],
              }
            : {}),
        });
        return { transport: 'smtp', id: info.messageId ?? null };
      }
      throw new MailNotConfiguredError(
        `no way to send ${mail.kind} e-mails: set SMTP_URL, or NOTIFY_API_KEY with NOTIFY_TEMPLATE_${mail.kind.toUpperCase()}`,
      );
    },
    close() {
      smtp?.close();
    },
  };
}

/** Notify's error answers carry their reasons in the body: keep them, not just the status. */
function notifyError(error: unknown): Error {
  const response = (error as { response?: { status?: number; data?: unknown } }).response;
  if (!response) return error instanceof Error ? error : new Error(String(error));
  const errors = (response.data as { errors?: { error?: string; message?: string }[] })?.errors;
  const reasons = errors?.map((e) => `${e.error ?? 'Error'}: ${e.message ?? ''}`).join('; ');
  return new Error(`GOV.UK Notify answered ${response.status}${reasons ? `: ${reasons}` : ''}`);
}
