// The chat widget a shop embeds (SPEC §14): <script src="https://caseflow.example/widget.js" data-caseflow defer>.
import { createWidgetApi } from './api';
import { HOST_TAG } from './host';
import { connectGuest } from './realtime';
import { widgetBase } from './script-base';
import { createWidgetStorage } from './storage';
import { createWidget } from './widget';

// Read now: document.currentScript is only set while this script runs.
const base = widgetBase(document.currentScript, document);

function start() {
  // A page that includes the script twice gets one widget.
  if (!base || document.querySelector(HOST_TAG)) return;
  const widget = createWidget({
    doc: document,
    api: createWidgetApi(base),
    storage: createWidgetStorage(
      base,
      () => window.localStorage,
      () => window.sessionStorage,
    ),
    connect: (token, handlers) => connectGuest(base, token, handlers),
  });
  void widget.mount();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
