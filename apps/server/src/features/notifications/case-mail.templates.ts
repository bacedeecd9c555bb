import { REOPEN_WINDOW_DAYS, type ReturnState } from '@caseflow/contract';
import { html, lines, type SafeHtml } from '../../http/html.js';
import type { OutgoingMail } from '../mail/mailer.js';

/** Where a mail's links point; every URL is built by the server from PUBLIC_URL and ids. */
export interface MailLinks {
  caseUrl: string;
  unsubscribeUrl: string;
  /** The resolved case's rating page: no sign-in, one rating (SPEC §13). */
  rateUrl: string;
}

interface CaseRef {
  number: string;
  subject: string;
}

const SUBJECT_LENGTH = 120;

/** A case subject in a mail's Subject line: one line, bounded (the text parts carry it whole). */
function oneLine(text: string) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUBJECT_LENGTH ? `${line.slice(0, SUBJECT_LENGTH - 1)}…` : line;
}

const BUTTON =
  'display:inline-block;background:#0b7285;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:600;';
const button = (url: string, label: string) =>
  html`<p style="margin:20px 0;"><a href="${url}" style="${BUTTON}">${label}</a></p>`;
const paragraph = (content: SafeHtml | string) => html`<p style="margin:0 0 12px;line-height:1.5;">${content}</p>`;

function page(subject: string, content: SafeHtml[], footer: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2933;">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;">
${content}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;line-height:1.5;color:#52606d;">${footer}</p>
</body>
</html>
`.value;
}

/** RFC 2369's link and RFC 8058's one-click POST, so mail clients can offer "Unsubscribe" themselves. */
const unsubscribeHeaders = (url: string) => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const customerFooter = (links: MailLinks) => ({
  text: `You get this email because you reported this case to our support team.\nUnsubscribe from case emails: ${links.unsubscribeUrl}`,
  html: html`You get this email because you reported this case to our support team.
<a href="${links.unsubscribeUrl}" style="color:#52606d;">Unsubscribe from case emails</a>`,
});

/** A staff member's public reply on the customer's case, its text in the mail. */
export function replyMail(input: {
  to: string;
  customerName: string;
  case: CaseRef;
  authorName: string;
  body: string;
  links: MailLinks;
}): OutgoingMail {
  const { links } = input;
  const subject = `[${input.case.number}] New reply: ${oneLine(input.case.subject)}`;
  const footer = customerFooter(links);
  return {
    to: input.to,
    subject,
    text: [
      `Hello ${input.customerName},`,
      `${input.authorName} replied on your case ${input.case.number} "${input.case.subject}":`,
      input.body,
      `Read the conversation and answer here: ${links.caseUrl}`,
      footer.text,
    ].join('\n\n'),
    html: page(
      subject,
      [
        paragraph(`Hello ${input.customerName},`),
        paragraph(
          html`${input.authorName} replied on your case <strong>${input.case.number}</strong> “${input.case.subject}”:`,
        ),
        html`<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid #0b7285;background:#f8f9fa;line-height:1.5;">${lines(input.body)}</blockquote>`,
        button(links.caseUrl, 'Read and answer'),
      ],
      footer.html,
    ),
    headers: unsubscribeHeaders(links.unsubscribeUrl),
  };
}

/** The case was resolved: how to reopen it, and where to rate the help. */
export function resolvedMail(input: {
  to: string;
  customerName: string;
  case: CaseRef;
  links: MailLinks;
}): OutgoingMail {
  const { links } = input;
  const { rateUrl } = links;
  const subject = `[${input.case.number}] Resolved: ${oneLine(input.case.subject)}`;
  const footer = customerFooter(links);
  const reopen = `Not sorted out? You can reopen the case from its page within ${REOPEN_WINDOW_DAYS} days:`;
  return {
    to: input.to,
    subject,
    text: [
      `Hello ${input.customerName},`,
      `Your case ${input.case.number} "${input.case.subject}" has been resolved.`,
      `${reopen}\n${links.caseUrl}`,
      `How did we do? Rate the help you got:\n${rateUrl}`,
      footer.text,
    ].join('\n\n'),
    html: page(
      subject,
      [
        paragraph(`Hello ${input.customerName},`),
        paragraph(html`Your case <strong>${input.case.number}</strong> “${input.case.subject}” has been resolved.`),
        paragraph(reopen),
        button(links.caseUrl, 'Open the case'),
        paragraph(html`How did we do? <a href="${rateUrl}" style="color:#0b7285;">Rate the help you got</a>.`),
      ],
      footer.html,
    ),
    headers: unsubscribeHeaders(links.unsubscribeUrl),
  };
}

/** Each state a return moves to, in the customer's words: the subject's short form and the mail's sentence. */
const RETURN_NEWS: Record<ReturnState, { short: string; news: (rma: string) => string }> = {
  requested: { short: 'requested', news: (rma) => `We have your return request ${rma}.` },
  approved: {
    short: 'approved',
    news: (rma) => `Good news: your return ${rma} is approved. We will send you a return label next.`,
  },
  rejected: { short: 'not accepted', news: (rma) => `We are sorry: we cannot accept your return ${rma}.` },
  label_sent: {
    short: 'label ready',
    news: (rma) => `Your return label for ${rma} is ready. Download it from your case page and send the item back.`,
  },
  received: { short: 'item received', news: (rma) => `We have received the item you sent back for ${rma}.` },
  refunded: { short: 'refunded', news: (rma) => `Your return ${rma} is complete: we have refunded you.` },
  replaced: {
    short: 'replacement sent',
    news: (rma) => `Your return ${rma} is complete: we have sent you a replacement.`,
  },
  repaired: { short: 'repaired', news: (rma) => `Your return ${rma} is complete: your item has been repaired.` },
  credited: {
    short: 'store credit added',
    news: (rma) => `Your return ${rma} is complete: we have added store credit to your account.`,
  },
};

/** A return on the customer's case moved (SPEC §12): its new state in plain words, and why when staff said. */
export function returnMail(input: {
  to: string;
  customerName: string;
  case: CaseRef;
  rma: string;
  state: ReturnState;
  reason: string | null;
  links: MailLinks;
}): OutgoingMail {
  const { links } = input;
  const { short, news } = RETURN_NEWS[input.state];
  const subject = `[${input.case.number}] Return ${input.rma}: ${short}`;
  const footer = customerFooter(links);
  const why = input.reason === null ? null : input.state === 'rejected' ? 'The reason:' : 'A note from our team:';
  return {
    to: input.to,
    subject,
    text: [
      `Hello ${input.customerName},`,
      `${news(input.rma)} (Case ${input.case.number} "${input.case.subject}".)`,
      ...(why === null ? [] : [`${why}\n${input.reason}`]),
      `Follow your return on the case page: ${links.caseUrl}`,
      footer.text,
    ].join('\n\n'),
    html: page(
      subject,
      [
        paragraph(`Hello ${input.customerName},`),
        paragraph(html`${news(input.rma)} (Case <strong>${input.case.number}</strong> “${input.case.subject}”.)`),
        ...(why === null
          ? []
          : [
              paragraph(why),
              html`<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid #0b7285;background:#f8f9fa;line-height:1.5;">${lines(input.reason ?? '')}</blockquote>`,
            ]),
        button(links.caseUrl, 'Open the case'),
      ],
      footer.html,
    ),
    headers: unsubscribeHeaders(links.unsubscribeUrl),
  };
}

/** A case was assigned to an agent who opted in to these mails. */
export function assignmentMail(input: {
  to: string;
  agentName: string;
  case: CaseRef & { customerName: string; priority: string };
  links: MailLinks & { accountUrl: string };
}): OutgoingMail {
  const { links } = input;
  const subject = `[${input.case.number}] Assigned to you: ${oneLine(input.case.subject)}`;
  const why = 'You get this email because you turned on assignment emails.';
  return {
    to: input.to,
    subject,
    text: [
      `Hello ${input.agentName},`,
      `Case ${input.case.number} "${input.case.subject}" from ${input.case.customerName} is now yours (priority ${input.case.priority}).`,
      `Open it: ${links.caseUrl}`,
      `${why} Turn them off on your account page (${links.accountUrl}) or unsubscribe: ${links.unsubscribeUrl}`,
    ].join('\n\n'),
    html: page(
      subject,
      [
        paragraph(`Hello ${input.agentName},`),
        paragraph(
          html`Case <strong>${input.case.number}</strong> “${input.case.subject}” from ${input.case.customerName} is now yours (priority ${input.case.priority}).`,
        ),
        button(links.caseUrl, 'Open the case'),
      ],
      html`${why} Turn them off on <a href="${links.accountUrl}" style="color:#52606d;">your account page</a> or
<a href="${links.unsubscribeUrl}" style="color:#52606d;">unsubscribe</a>.`,
    ),
    headers: unsubscribeHeaders(links.unsubscribeUrl),
  };
}
