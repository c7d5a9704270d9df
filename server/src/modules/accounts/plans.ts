/**
 * The plan catalogue, in one place. InstantDM's tiers: API access starts at Trendsetter; Trendsetter and
 * Trendsetter Pro are limited per hour; Multi-account pays per send with credits.
 */
export interface Plan {
  id: PlanId;
  label: string;
  apiAccess: boolean;
  /** Requests to /api-webhook admitted per clock hour; null = no hourly limit. */
  hourlyRequestLimit: number | null;
  /** One credit is spent per successful send; a failed send is refunded. */
  creditBased: boolean;
}

export const PLAN_IDS = ['free', 'creator', 'trendsetter', 'trendsetter_pro', 'multi_account'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const PLANS = {
  free: { id: 'free', label: 'Free', apiAccess: false, hourlyRequestLimit: null, creditBased: false },
  creator: { id: 'creator', label: 'Creator', apiAccess: false, hourlyRequestLimit: null, creditBased: false },
  trendsetter: { id: 'trendsetter', label: 'Trendsetter', apiAccess: true, hourlyRequestLimit: 2_000, creditBased: false },
  trendsetter_pro: { id: 'trendsetter_pro', label: 'Trendsetter Pro', apiAccess: true, hourlyRequestLimit: 20_000, creditBased: false },
  multi_account: { id: 'multi_account', label: 'Multi-account', apiAccess: true, hourlyRequestLimit: null, creditBased: true },
} as const satisfies Record<PlanId, Plan>;

export function isPlanId(value: string): value is PlanId {
  return (PLAN_IDS as readonly string[]).includes(value);
}

/** A stored plan we no longer know (e.g. renamed) gets no API access rather than an error. */
export function planFor(planId: string): Plan {
  return isPlanId(planId) ? PLANS[planId] : { ...PLANS.free, id: 'free', label: planId };
}

/** The hourly limit that applies to an account: its own override (set by an operator) or its plan's. */
export function hourlyLimitFor(plan: Plan, override: number | null): number | null {
  return override ?? plan.hourlyRequestLimit;
}
