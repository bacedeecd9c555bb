import { html, SafeHtml } from '../../http/html.js';
import type { Audience } from './unsubscribe.service.js';

const STYLE = `body{margin:0;padding:48px 16px;background:#f4f5f7;color:#1f2933;font:16px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
main{max-width:480px;margin:0 auto;background:#fff;border-radius:8px;padding:32px}
h1{font-size:1.5rem;margin:0 0 12px}
button{margin-top:16px;background:#0b7285;color:#fff;border:0;border-radius:6px;padding:10px 16px;font:inherit;font-weight:600;cursor:pointer}
button:focus-visible{outline:3px solid #1f2933;outline-offset:2px}`;

function htmlDocument(title: string, body: SafeHtml) {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title} · Caseflow</title><style>${new SafeHtml(STYLE)}</style></head>
<body><main>${body}</main></body>
</html>
`.value;
}

const WHAT: Record<Audience, { mail: string; again: string }> = {
  customer: { mail: 'case emails', again: 'Email me about my cases again' },
  agent: { mail: 'assignment emails', again: 'Email me about assignments again' },
};

/** A form that posts the same token back: the page's one button undoes what the link just did. */
const tokenForm = (path: string, token: string, label: string) =>
  html`<form method="post" action="/api/v1/mail/${path}?token=${encodeURIComponent(token)}"><button type="submit">${label}</button></form>`;

/** What an unsubscribe link (or its undo) answers in a browser. */
export function subscriptionPage(input: { audience: Audience; isSubscribed: boolean; token: string }) {
  const what = WHAT[input.audience];
  if (!input.isSubscribed) {
    return htmlDocument(
      'Unsubscribed',
      html`<h1>You won’t get ${what.mail} any more</h1>
<p>${input.audience === 'agent' ? 'Assigned cases still show up in your workspace.' : 'You can still follow your cases when you sign in.'}</p>
${tokenForm('resubscribe', input.token, what.again)}`,
    );
  }
  return htmlDocument(
    'Subscribed',
    html`<h1>You’ll get ${what.mail} again</h1>
<p>Changed your mind?</p>
${tokenForm('unsubscribe', input.token, 'Unsubscribe')}`,
  );
}

/** A broken or forged link, in a browser; nothing was changed. */
export function invalidLinkPage(detail: string) {
  return htmlDocument(
    'Link not valid',
    html`<h1>This link doesn’t work</h1>
<p>${detail.charAt(0).toUpperCase()}${detail.slice(1)}. Nothing was changed. You can turn case emails off on your account page when you sign in.</p>`,
  );
}
