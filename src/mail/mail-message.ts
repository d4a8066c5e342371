export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** `<…@…>`; derived from an idempotency key so that a resend is recognisably the same message. */
  messageId?: string;
}
