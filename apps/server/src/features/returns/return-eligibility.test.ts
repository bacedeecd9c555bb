import { describe, expect, it } from 'vitest';
import { daysSinceDelivery, returnFlags } from './return-eligibility.js';

const at = (iso: string) => Date.parse(iso);
const base = { deliveredAt: null, finalSale: false, product: null };

describe('return eligibility', () => {
  it('counts calendar days from the delivery date to the request, whatever the time of day', () => {
    expect(daysSinceDelivery('2025-03-01', at('2025-03-01T00:00:00Z'))).toBe(0);
    expect(daysSinceDelivery('2025-03-01', at('2025-03-31T23:59:59Z'))).toBe(30);
    expect(daysSinceDelivery('2025-03-01', at('2025-04-01T00:00:00Z'))).toBe(31);
    // Across the end of February in a leap year, and across a DST change elsewhere (none in UTC).
    expect(daysSinceDelivery('2024-02-28', at('2024-03-01T12:00:00Z'))).toBe(2);
    expect(daysSinceDelivery('2025-03-29', at('2025-03-31T01:30:00Z'))).toBe(2);
  });

  it('flags a request more than 30 days after delivery as late, and not one on the 30th day', () => {
    expect(returnFlags({ ...base, deliveredAt: '2025-03-01', requestedAt: at('2025-03-31T18:00:00Z') })).toEqual([]);
    expect(returnFlags({ ...base, deliveredAt: '2025-03-01', requestedAt: at('2025-04-01T08:00:00Z') })).toEqual([
      'late',
    ]);
    expect(returnFlags({ ...base, requestedAt: at('2030-01-01T00:00:00Z') })).toEqual([]);
  });

  it('flags final sale when the customer says so or the product name does', () => {
    const now = at('2025-03-02T00:00:00Z');
    expect(returnFlags({ ...base, requestedAt: now, finalSale: true })).toEqual(['final_sale']);
    for (const product of ['Linen shirt (Final sale)', 'FINAL-SALE boots', 'final_sale: lamp']) {
      expect(returnFlags({ ...base, requestedAt: now, product }), product).toEqual(['final_sale']);
    }
    for (const product of ['Finale salad bowl', 'Blender X2', 'Sale item']) {
      expect(returnFlags({ ...base, requestedAt: now, product }), product).toEqual([]);
    }
    expect(returnFlags({ deliveredAt: '2025-01-01', requestedAt: now, finalSale: true, product: null })).toEqual([
      'late',
      'final_sale',
    ]);
  });
});
