import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/runtime-config.js';
import { EMAIL_CONCURRENCY } from '../jobs/worker-options.js';
import type { MailMessage } from './mail-message.js';

/**
 * Sends email by SMTP when SMTP_URL is set; otherwise writes each message as an .eml file
 * to MAIL_DIR, a mailbox folder a person trying the service can open.
 */
/** Open SMTP connections per process; as many as the email worker sends at once. */
export const SMTP_CONNECTIONS = EMAIL_CONCURRENCY;

@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? nodemailer.createTransport(pooled(config.smtpUrl), { from: config.mailFrom })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: config.mailFrom });
  }

  /** Resolves once the SMTP server accepted the message (or it was written to MAIL_DIR). */
  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      messageId: message.messageId,
    });
    if (!this.config.smtpUrl) {
      await mkdir(this.config.mailDir, { recursive: true });
      const file = join(this.config.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9.-]/g, '')}.eml`);
      await writeFile(file, (info as unknown as { message: Buffer }).message);
      this.logger.log({ file }, 'email written to the mailbox folder');
    } else {
      this.logger.debug({ messageId: info.messageId }, 'email sent');
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/**
 * SMTP connections are kept open and reused (nodemailer's pool) unless the URL says otherwise:
 * a connection per message would cost a TCP and SMTP handshake each time.
 */
export function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(SMTP_CONNECTIONS));
  return url.toString();
}
