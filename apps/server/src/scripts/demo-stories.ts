import type { CreateCaseBody, Priority } from '@caseflow/contract';
import type { SeededRandom } from './seeded-random.js';

type Reason = NonNullable<CreateCaseBody['reason']>;
type Outcome = NonNullable<CreateCaseBody['desiredOutcome']>;
type Product = { name: string; defect: string; tried: string };

/** What a case is about, kept by the seeder to write the replies that fit it. */
export interface Story {
  body: CreateCaseBody & { reason: Reason; desiredOutcome: Outcome; orderNumber: string; product: string };
  priority: Priority;
  firstName: string;
}

const PRODUCTS: readonly Product[] = [
  {
    name: 'Aero 2 Wireless Headphones',
    defect: 'the left ear cup keeps cutting out',
    tried: 'resetting them and pairing with two phones',
  },
  {
    name: 'BrewMaster Pro Espresso Machine',
    defect: 'the pump hums but no coffee comes out',
    tried: 'descaling it twice',
  },
  {
    name: 'Orbit S7 Robot Vacuum',
    defect: 'it stops after two minutes with a "wheel blocked" error',
    tried: 'cleaning the wheels and updating the app',
  },
  {
    name: 'Trailblazer 45L Hiking Backpack',
    defect: 'the main zipper split on the first hike',
    tried: 'working the slider back onto the track',
  },
  {
    name: 'Pulse 3 Fitness Tracker',
    defect: 'it will not hold a charge for more than a few hours',
    tried: 'a different cable and a factory reset',
  },
  {
    name: 'Vista 27" 4K Monitor',
    defect: 'there is a line of dead pixels down the middle',
    tried: 'another cable and another laptop',
  },
  {
    name: 'Glide Ergonomic Office Chair',
    defect: 'the gas lift sinks slowly all day',
    tried: 're-tightening every bolt',
  },
  {
    name: 'Nimbus Down Jacket (M, navy)',
    defect: 'feathers are leaking through a seam on the sleeve',
    tried: 'nothing, I did not want to make it worse',
  },
  { name: 'Kettle One Electric Kettle', defect: 'it switches off before the water boils', tried: 'descaling it' },
  {
    name: 'Echo Mini Bluetooth Speaker',
    defect: 'it crackles loudly at any volume',
    tried: 'a factory reset and another phone',
  },
  { name: 'Volt 20,000 mAh Power Bank', defect: 'it gets very hot while charging', tried: 'two different chargers' },
  {
    name: 'Atlas 2-Person Tent',
    defect: 'one of the poles snapped while pitching it',
    tried: 'following the instructions exactly',
  },
  {
    name: 'Harbor Dinnerware Set (16 pieces)',
    defect: 'the glaze is crazing on several plates after one wash',
    tried: 'hand washing only',
  },
  {
    name: 'Blend X Personal Blender',
    defect: 'the blade assembly leaks from the bottom',
    tried: 'checking the seal is seated',
  },
  {
    name: 'Summit Trail Running Shoes (EU 42)',
    defect: 'the sole is peeling off the left shoe',
    tried: 'nothing, they have been worn twice',
  },
  {
    name: 'PixelPad 10" Tablet',
    defect: 'the touchscreen stops responding in the lower corner',
    tried: 'a restart and a software update',
  },
];

const REASONS: Record<Reason, number> = {
  damaged: 22,
  defective: 25,
  wrong_item: 15,
  not_as_described: 13,
  no_longer_needed: 18,
  other: 7,
};

const OUTCOMES: Record<Reason, Partial<Record<Outcome, number>>> = {
  damaged: { replacement: 5, refund: 4, store_credit: 1 },
  defective: { replacement: 4, repair: 3, refund: 3 },
  wrong_item: { replacement: 7, refund: 3 },
  not_as_described: { refund: 7, store_credit: 3 },
  no_longer_needed: { refund: 6, store_credit: 4 },
  other: { refund: 5, store_credit: 3, replacement: 2 },
};

const PRIORITIES: Record<Priority, number> = { urgent: 8, high: 20, normal: 55, low: 17 };
const WHEN = ['yesterday', 'on Monday', 'last week', 'two days ago', 'on Saturday', 'this morning'] as const;

const SUBJECTS: Record<Reason, ((product: string, order: string) => string)[]> = {
  damaged: [(p) => `${p} arrived damaged`, (p) => `Box crushed, ${p} is broken`, (p) => `Damaged in transit: ${p}`],
  defective: [(p) => `${p} stopped working`, (p) => `Faulty ${p}`, (p) => `Problem with my new ${p}`],
  wrong_item: [
    (p) => `Received the wrong item instead of ${p}`,
    (_, o) => `Order ${o}: someone else's item in my parcel`,
    (p) => `Wrong variant sent for ${p}`,
  ],
  not_as_described: [(p) => `${p} does not match the description`, (p) => `${p} is not what was advertised`],
  no_longer_needed: [
    (p) => `Return request: ${p}`,
    (p) => `I'd like to return the ${p}`,
    (p) => `Changed my mind about the ${p}`,
  ],
  other: [(p) => `Charged twice for ${p}`, (p) => `Gift return: ${p}`, (p) => `Late delivery, returning ${p}`],
};

type Facts = { product: Product; order: string; when: string; random: SeededRandom };

const DESCRIPTIONS: Record<Reason, (facts: Facts) => string> = {
  damaged: ({ product, order, when, random }) =>
    `Hi, my ${product.name} (order ${order}) was delivered ${when}. The outer box was crushed on one corner and ${random.pick(
      [
        'the item inside has a deep crack',
        'there is a large dent and scratches on the front',
        'parts were rattling around loose in the box',
        'the packaging was soaked and the item is water-stained',
      ],
    )}. I have kept all the packaging and can send photos.`,
  defective: ({ product, order, when }) =>
    `I received my ${product.name} ${when} and ${product.defect}. I have tried ${product.tried} but nothing helps. Order number is ${order}.`,
  wrong_item: ({ product, order, random }) =>
    `I ordered the ${product.name} but the parcel for order ${order} contained ${random.pick([
      'a pack of phone cases',
      'the same product in the wrong size',
      'a set of kitchen towels',
      'the same item in the wrong colour',
    ])}. The packing slip shows my order correctly, so it looks like a mix-up at the warehouse.`,
  not_as_described: ({ product, order, random }) =>
    `The ${product.name} from order ${order} is not like the product page. ${random.pick([
      'The colour is much darker than in the photos.',
      'It is noticeably smaller than the dimensions listed.',
      'The listing mentions accessories that were not in the box.',
      'The material feels much cheaper than described.',
    ])} I would like to send it back.`,
  no_longer_needed: ({ product, order, when, random }) =>
    `I bought the ${product.name} (order ${order}) ${when} but ${random.pick([
      'found I already have a similar one at home',
      'my plans changed and I will not need it',
      'it was a gift and they already had one',
      'I ordered two by mistake',
    ])}. It is unused and still in its original packaging. How do I send it back?`,
  other: ({ product, order, random }) =>
    random.pick([
      `Order ${order}: the ${product.name} arrived ten days late and I had to buy one locally in the meantime, so I would like to return it.`,
      `I was charged twice for the ${product.name} (order ${order}); my bank statement shows two payments on the same day.`,
      `I received the ${product.name} as a gift and would like to exchange it. I do not have the receipt, only the order number ${order}.`,
    ]),
};

/** A realistic return case for one customer; the customer's first name signs the replies. */
export function draftStory(random: SeededRandom, customerName: string): Story {
  const product = random.pick(PRODUCTS);
  const reason = random.weighted(REASONS);
  const order = `NW-${random.integer(100_000, 999_999)}`;
  const facts = { product, order, when: random.pick(WHEN), random };
  return {
    body: {
      subject: random.pick(SUBJECTS[reason])(product.name, order),
      description: DESCRIPTIONS[reason](facts),
      orderNumber: order,
      product: product.name,
      reason,
      desiredOutcome: random.weighted(OUTCOMES[reason] as Record<Outcome, number>),
    },
    priority: random.weighted(PRIORITIES),
    firstName: customerName.split(' ')[0] ?? customerName,
  };
}
