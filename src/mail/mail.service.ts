import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/runtime-config.js';
import type { MailMessage } from './mail-message.js';

/**
 * Sends email by SMTP when SMTP_URL is set; otherwise writes each message as an .eml file
 * to MAIL_DIR, a mailbox folder a person trying the service can open.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? nodemailer.createTransport(config.smtpUrl, { from: config.mailFrom })
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
      this.logger.log({ messageId: info.messageId }, 'email sent');
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
