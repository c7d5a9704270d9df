import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from './roles';

export const REQUIRED_ROLE = 'dmflow:required-role';
export const SESSION_ONLY = 'dmflow:session-only';
export const PUBLIC_ROUTE = 'dmflow:public-route';
export const WORKSPACE_OPTIONAL = 'dmflow:workspace-optional';
export const WEBHOOK_PLAN_GATE = 'dmflow:webhook-plan-gate';

/** In the OpenAPI document: `session` (a signed-in person only) or `none` (no credentials); absent = API key or session. */
export const CREDENTIALS_EXTENSION = 'x-dmflow-credentials';

/**
 * The least role a route needs (on a controller or a handler; the handler's wins). Without it a read (GET) needs
 * `viewer` and a write `editor`. A full API key acts as `admin`, a read-only key as `viewer`.
 */
export const RequiredRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** Only a signed-in person (session cookie), never an API key: managing members, API keys, the plan. */
export const SessionOnly = () => applyDecorators(SetMetadata(SESSION_ONLY, true), ApiExtension(CREDENTIALS_EXTENSION, 'session'));

/** No credentials needed (set-up, sign-in, invite preview). Writes still must come from the editor's own origin. */
export const PublicRoute = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(CREDENTIALS_EXTENSION, 'none'));

/** A session route that works before a workspace is chosen (who am I, sign out, switch workspace). */
export const WorkspaceOptional = () => SetMetadata(WORKSPACE_OPTIONAL, true);

/** InstantDM's contract: webhook endpoints need a plan with API & webhook integrations (403 otherwise). */
export const RequiresWebhookPlan = () => SetMetadata(WEBHOOK_PLAN_GATE, true);
