import type { Story } from './demo-stories.js';
import type { SeededRandom } from './seeded-random.js';

// The conversation lines agents and customers write in the demo shop, chosen to fit each case's story.

type Line = (story: Story) => string;

const outcomeLabel = (story: Story) =>
  ({ refund: 'refund', replacement: 'replacement', repair: 'repair', store_credit: 'store credit' })[
    story.body.desiredOutcome
  ];

const RESOLUTIONS: Record<Story['body']['desiredOutcome'], Line> = {
  refund: (s) =>
    `Hi ${s.firstName}, I have issued a full refund for the ${s.body.product} to your original payment method. It usually shows within 3–5 business days. Sorry again for the trouble!`,
  replacement: (s) =>
    `Hi ${s.firstName}, a replacement ${s.body.product} is on its way and should arrive within 2–3 business days. There is no need to send the old one back. Thanks for your patience!`,
  repair: (s) =>
    `Hi ${s.firstName}, we have booked a courier to collect the ${s.body.product} for repair; you will get the pickup time by email. Repairs usually take about a week.`,
  store_credit: (s) =>
    `Hi ${s.firstName}, I have added store credit for the full value of the ${s.body.product} to your account. It is applied automatically at checkout on your next order.`,
};

const QUESTIONS_BEFORE_PENDING: readonly Line[] = [
  (s) =>
    `Hi ${s.firstName}, I am sorry to hear about the ${s.body.product}. Could you send us a couple of photos of the item and the packaging? As soon as we have them I will arrange the ${outcomeLabel(s)}.`,
  (s) =>
    `Hi ${s.firstName}, thanks for the details. I have emailed you a prepaid return label for order ${s.body.orderNumber}; please drop the parcel at any post office and reply here with the tracking number.`,
  (s) =>
    `Hi ${s.firstName}, could you confirm the serial or batch number on the label of the ${s.body.product}? I need it to register the ${outcomeLabel(s)} with the manufacturer.`,
];

const FIRST_REPLIES: readonly Line[] = [
  (s) =>
    `Hi ${s.firstName}, thanks for getting in touch. I am looking into order ${s.body.orderNumber} now and will come back to you shortly.`,
  (s) => `Hi ${s.firstName}, sorry about this! Do you still have the original box? It makes the return much easier.`,
  (s) =>
    `Hi ${s.firstName}, thank you for reporting this. I can see the order; could you tell me whether the ${s.body.product} has been used?`,
];

const CUSTOMER_FOLLOW_UPS: readonly Line[] = [
  () => 'Thanks! Yes, I still have the original box and all the accessories.',
  () => 'I have uploaded the photos to my account. Let me know if you need anything else.',
  () => 'Any update on this? I would really like to get it sorted before the weekend.',
  (s) => `It has only been used once. Can I drop the ${s.body.product} off at one of your stores instead?`,
];

const CUSTOMER_THANKS: readonly Line[] = [
  () => 'Great, thank you for the quick help!',
  () => 'Perfect, that works for me. Thanks!',
  () => 'Thank you, much appreciated.',
];

const INTERNAL_NOTES: readonly Line[] = [
  (s) =>
    `Checked order ${s.body.orderNumber}: delivered within the 30-day return window. OK to approve the ${outcomeLabel(s)}.`,
  () => 'Courier damage claim needed: I have opened one, wait for their reference before refunding.',
  (s) => `Second complaint about this ${s.body.product} batch this week; flagged to the product team.`,
  () => 'Customer has a long order history and no previous returns; happy to go with goodwill here.',
];

export const demoReplies = {
  resolution: (story: Story) => RESOLUTIONS[story.body.desiredOutcome](story),
  pendingQuestion: (random: SeededRandom, story: Story) => random.pick(QUESTIONS_BEFORE_PENDING)(story),
  firstReply: (random: SeededRandom, story: Story) => random.pick(FIRST_REPLIES)(story),
  customerFollowUp: (random: SeededRandom, story: Story) => random.pick(CUSTOMER_FOLLOW_UPS)(story),
  customerThanks: (random: SeededRandom, story: Story) => random.pick(CUSTOMER_THANKS)(story),
  internalNote: (random: SeededRandom, story: Story) => random.pick(INTERNAL_NOTES)(story),
};
