import { CreateAccounts1763900000000 } from './1763900000000-create-accounts';
import { CreateTenancyContactsFlowsEvents1763900000100 } from './1763900000100-create-tenancy-contacts-flows-events';
import { InstagramAccountPerOwner1763900000200 } from './1763900000200-instagram-account-per-owner';
import { CreateFlowRuns1764000000000 } from './1764000000000-create-flow-runs';
import { CreatePlansIdempotencySends1764100000000 } from './1764100000000-create-plans-idempotency-sends';
import { CreateInboxEvents1764400000000 } from './1764400000000-create-inbox-events';

/** Every migration, oldest first. A committed migration is never edited: add a new one. */
export const MIGRATIONS = [
  CreateAccounts1763900000000,
  CreateTenancyContactsFlowsEvents1763900000100,
  InstagramAccountPerOwner1763900000200,
  CreateFlowRuns1764000000000,
  CreatePlansIdempotencySends1764100000000,
  CreateInboxEvents1764400000000,
];
