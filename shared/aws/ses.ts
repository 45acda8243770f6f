import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from '../schemas/zod.ts';

// Locally AWS_ENDPOINT_URL_SESV2 points at the SES emulator; the code path is the one used in AWS.
export const ses = new SESv2Client({});

export interface Mail {
  readonly from: string;
  readonly to: readonly string[];
  /** Copied in, e.g. the owner on an escalation to the office head. */
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Header fields SES adds to the message it builds (the digest's one-click unsubscribe): printable ASCII only. */
  readonly headers?: readonly MailHeader[];
}

/**
 * What SES v2 takes as a header of a simple message (API reference, MessageHeader; at most 15): a name of
 * printable ASCII without a colon, up to 126 characters, and a value of printable ASCII up to 870.
 * Checked before sending, so a header SES would refuse fails in the tests, not at every scheduled run.
 */
export const MailHeadersSchema = z.array(z.object({
  name: z.string().check(z.regex(/^[!-9;-~]{1,126}$/)),
  value: z.string().check(z.regex(/^[ -~]{1,870}$/)),
})).check(z.maxLength(15));
export type MailHeader = z.infer<typeof MailHeadersSchema>[number];

/** Sends one mail, HTML and text, SES building the MIME; returns SES's message id. */
export async function sendMail(mail: Mail): Promise<string | undefined> {
  const { MessageId } = await ses.send(new SendEmailCommand({
    FromEmailAddress: mail.from,
    Destination: { ToAddresses: [...mail.to], ...(mail.cc === undefined || mail.cc.length === 0 ? {} : { CcAddresses: [...mail.cc] }) },
    Content: {
      Simple: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        ...(mail.headers === undefined ? {} : { Headers: MailHeadersSchema.parse(mail.headers).map(({ name, value }) => ({ Name: name, Value: value })) }),
      },
    },
  }));
  return MessageId;
}
