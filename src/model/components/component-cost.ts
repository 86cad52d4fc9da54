/**
 * The exact (unrounded) cost of one component, before the estimate formats it as a LineItem.
 */
import { unitPriceUsd } from '../catalog.js';
import type { Dec } from '../money.js';
import type { CatalogPrice } from '../types.js';

/** One priced quantity: costUsd = quantity x unitPriceUsd, all exact. */
export interface ComponentCost {
  /** Human-readable name shown in reports, e.g. "CloudTrail data events (2 trail copies)". */
  component: string;
  /** Monthly quantity in `unit`s. */
  quantity: Dec;
  unit: string;
  unitPriceUsd: Dec;
  costUsd: Dec;
  /** The catalog price id used. */
  priceId: string;
  /** The catalog entry, so the estimate can list the price's confidence as an assumption. */
  price: CatalogPrice;
}

/** `quantity` (in the price's unit) priced at `price`; the unit is the catalog's. */
export function priceQuantity(component: string, quantity: Dec, price: CatalogPrice): ComponentCost {
  const unitPrice = unitPriceUsd(price);
  return {
    component,
    quantity,
    unit: price.unit,
    unitPriceUsd: unitPrice,
    costUsd: quantity.times(unitPrice),
    priceId: price.id,
    price,
  };
}
