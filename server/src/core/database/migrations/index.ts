import { CreateAccounts1763900000000 } from './1763900000000-create-accounts';
import { CreateTenancyContactsFlowsEvents1763900000100 } from './1763900000100-create-tenancy-contacts-flows-events';
import { InstagramAccountPerOwner1763900000200 } from './1763900000200-instagram-account-per-owner';
import { CreateFlowRuns1764000000000 } from './1764000000000-create-flow-runs';
import { CreatePlansIdempotencySends1764100000000 } from './1764100000000-create-plans-idempotency-sends';
import { CreateWebhookEndpointsDeliveries1764200000000 } from './1764200000000-create-webhook-endpoints-deliveries';
import { WebhookSecretRotationGrace1764200000100 } from './1764200000100-webhook-secret-rotation-grace';
import { FlowRevision1764300000000 } from './1764300000000-flow-revision';
import { CreateInboxEvents1764400000000 } from './1764400000000-create-inbox-events';
import { RunStepsAndRetries1764500000000 } from './1764500000000-run-steps-and-retries';
import { RetentionIndexes1764700000000 } from './1764700000000-retention-indexes';
import { NextPostBindings1764700000100 } from './1764700000100-next-post-bindings';
import { InboxInboundEvent1764800000000 } from './1764800000000-inbox-inbound-event';
import { InstagramLoginTokens1765100000000 } from './1765100000000-instagram-login-tokens';
import { RunEffectClaims1765300000000 } from './1765300000000-run-effect-claims';
import { SendsInDoubt1765400000000 } from './1765400000000-sends-in-doubt';
import { InboxLanes1765500000000 } from './1765500000000-inbox-lanes';
import { FlowsChangedNotify1765500000100 } from './1765500000100-flows-changed-notify';
import { LiveChat1766500000000 } from './1766500000000-live-chat';
import { CreatePeopleSessions1765000000000 } from './1765000000000-create-people-sessions';
import { ClaimBoots1766000000000 } from './1766000000000-claim-boots';
import { SegmentsBroadcastsOptOut1766700000000 } from './1766700000000-segments-broadcasts-opt-out';
import { MessengerProfiles1766600000000 } from './1766600000000-messenger-profiles';
import { InstagramAccountClock1766810000000 } from './1766810000000-instagram-account-clock';
import { CreateAiSettingsUsage1766300000000 } from './1766300000000-create-ai-settings-usage';
import { InboxSearch1766830000000 } from './1766830000000-inbox-search';
import { OptOutSettingsNotify1766840000000 } from './1766840000000-opt-out-settings-notify';
import { TeamNotifications1766850000000 } from './1766850000000-team-notifications';
import { InstagramAccountsNotify1766880000000 } from './1766880000000-instagram-accounts-notify';
import { ConversationSearchTexts1766890000000 } from './1766890000000-conversation-search-texts';
import { InstagramAccountsNotifyAllChanges1766950000000 } from './1766950000000-instagram-accounts-notify-all-changes';

/** Every migration, oldest first. A committed migration is never edited: add a new one. */
export const MIGRATIONS = [
  CreateAccounts1763900000000,
  CreateTenancyContactsFlowsEvents1763900000100,
  InstagramAccountPerOwner1763900000200,
  CreateFlowRuns1764000000000,
  CreatePlansIdempotencySends1764100000000,
  CreateWebhookEndpointsDeliveries1764200000000,
  WebhookSecretRotationGrace1764200000100,
  FlowRevision1764300000000,
  CreateInboxEvents1764400000000,
  RunStepsAndRetries1764500000000,
  RetentionIndexes1764700000000,
  NextPostBindings1764700000100,
  InboxInboundEvent1764800000000,
  InstagramLoginTokens1765100000000,
  RunEffectClaims1765300000000,
  SendsInDoubt1765400000000,
  InboxLanes1765500000000,
  FlowsChangedNotify1765500000100,
  CreatePeopleSessions1765000000000,
  ClaimBoots1766000000000,
  SegmentsBroadcastsOptOut1766700000000,
  MessengerProfiles1766600000000,
  InstagramAccountClock1766810000000,
  LiveChat1766500000000,
  CreateAiSettingsUsage1766300000000,
  InboxSearch1766830000000,
  OptOutSettingsNotify1766840000000,
  TeamNotifications1766850000000,
  InstagramAccountsNotify1766880000000,
  ConversationSearchTexts1766890000000,
  InstagramAccountsNotifyAllChanges1766950000000,
];
