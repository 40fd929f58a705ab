// The pricing result of the spec (pricing.md, "Result"), shared by the
// estimate endpoint, stored quotes and the CLI.

export interface PricedLine {
  id: string;
  label: string;
  quantity: number;
  /** The unit rate used; null for a graduated tiered line, whose units are priced at several rates (see `explain`). */
  unitAmount: number | null;
  amount: number;
  explain: string;
}

export type AdjustmentKind = 'adjustment' | 'discount' | 'minimum' | 'rounding';

export interface PricedAdjustment {
  id: string;
  kind: AdjustmentKind;
  label: string;
  amount: number;
}

export interface PricedTax {
  label: string;
  ratePercent: number;
  inclusive: boolean;
  amount: number;
}

/** Why a discount code in the request was not applied. */
export type DiscountRejection = 'unknown_code' | 'not_yet_valid' | 'expired' | 'used_up';

export interface PricingResult {
  currency: string;
  pricingVersion: number;
  lines: PricedLine[];
  subtotal: number;
  adjustments: PricedAdjustment[];
  /** Null when the service has no tax configured. */
  tax: PricedTax | null;
  total: number;
  /** Null when the service has no estimate range configured. */
  range: { low: number; high: number } | null;
  discountRejected: DiscountRejection | null;
}
