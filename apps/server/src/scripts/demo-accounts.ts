// The people of the demo shop. The `.test` domain is reserved, so no demo mail can reach a real inbox.
export const DEMO_DOMAIN = 'demo.caseflow.test';

export const DEMO_PASSWORDS = {
  admin: 'Demo-admin-pass-1',
  agent: 'Demo-agent-pass-1',
  customer: 'Demo-customer-pass-1',
} as const;

export const DEMO_ADMIN = { email: `admin@${DEMO_DOMAIN}`, name: 'Demo Admin' };

type DemoAgent = { name: string; email: string; capacity: number; goesAway: boolean };

const agent = (name: string, capacity: number, goesAway = false): DemoAgent => ({
  name,
  email: `${emailPart(name.split(' ')[0] ?? name)}@${DEMO_DOMAIN}`,
  capacity,
  goesAway,
});

// The first agent's email marks a seeded database, so it must stay first.
export const DEMO_AGENTS: readonly DemoAgent[] = [
  agent('Maya Okafor', 4),
  agent('Lucas Brenner', 3),
  agent('Priya Raman', 2),
  agent('Tomás Alvarez', 1, true),
  agent('Hannah Schultz', 3, true),
  agent('Daniel Kim', 2),
];

const CUSTOMER_NAMES = [
  'Emma Lindqvist',
  'Noah Fischer',
  'Olivia Martin',
  'Liam O’Connor',
  'Sofia Rossi',
  'Ethan Walker',
  'Amelia Nowak',
  'Mateo García',
  'Isla Campbell',
  'Jonas Weber',
  'Chloé Dubois',
  'Arjun Mehta',
  'Grace Thompson',
  'Lukas Novák',
  'Zoe Bennett',
  'Samuel Adeyemi',
  'Freya Hansen',
  'Leo Moreau',
  'Aisha Rahman',
  'Oscar Johansson',
  'Mia Kowalski',
  'Henry Clarke',
  'Yuki Tanaka',
  'Elena Popescu',
  'Ben Carter',
] as const;

export const DEMO_CUSTOMERS = CUSTOMER_NAMES.map((name) => ({
  name,
  email: `${name.split(' ').map(emailPart).join('.')}@${DEMO_DOMAIN}`,
}));

/** `Tomás` → `tomas`, `O’Connor` → `oconnor`: plain ASCII local parts that every mail client accepts. */
function emailPart(text: string) {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
