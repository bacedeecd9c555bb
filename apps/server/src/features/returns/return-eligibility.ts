import { RETURN_WINDOW_DAYS, type ReturnFlag } from '@caseflow/contract';

const DAY_MS = 86_400_000;

/** A product name copied from the receipt or the shop often says so: "Linen shirt (Final sale)". */
const FINAL_SALE = /\bfinal[\s_-]*sale\b/i;

/**
 * Calendar days from the delivery date to the day of the request (UTC). Both are whole dates at UTC
 * midnight, so the difference is exact: there is no daylight saving in UTC.
 */
export function daysSinceDelivery(deliveredAt: string, requestedAt: number) {
  const requestDay = Math.floor(requestedAt / DAY_MS);
  const deliveryDay = Math.floor(Date.parse(`${deliveredAt}T00:00:00Z`) / DAY_MS);
  return requestDay - deliveryDay;
}

/**
 * SPEC §12's eligibility, shown to staff and never a refusal: `late` when the request comes more than
 * RETURN_WINDOW_DAYS after delivery, `final_sale` when the customer (or the shop's form) says the item
 * was sold as final, or its product name says so.
 */
export function returnFlags(input: {
  deliveredAt: string | null;
  requestedAt: number;
  finalSale: boolean;
  product: string | null;
}): ReturnFlag[] {
  const flags: ReturnFlag[] = [];
  if (input.deliveredAt !== null && daysSinceDelivery(input.deliveredAt, input.requestedAt) > RETURN_WINDOW_DAYS) {
    flags.push('late');
  }
  if (input.finalSale || (input.product !== null && FINAL_SALE.test(input.product))) flags.push('final_sale');
  return flags;
}
