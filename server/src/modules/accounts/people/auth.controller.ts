import { Body, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../../core/config/config';
import { InjectAppConfig } from '../../../core/config/config.module';
import { PublicRoute, RequiredRole, SessionOnly, WorkspaceOptional } from '../auth/access.decorators';
import type { AuthenticatedRequest } from '../auth/request-auth';
import { clearSessionCookie, sessionTokenFromRequest, setSessionCookie } from '../auth/session-cookie';
import { V1Controller } from '../auth/v1-controller.decorator';
import {
  CreateWorkspaceDto,
  CredentialsDto,
  InvitePreviewView,
  OwnerSetupDto,
  RevokedSessionsView,
  SessionView,
  SetupStateView,
  SwitchWorkspaceDto,
} from '../dto/people.dto';
import { SessionsService, type StartedSession } from '../sessions/sessions.service';
import { InvitesService, type InvitePreview } from './invites.service';
import { SignInService } from './sign-in.service';

function sessionOf(request: AuthenticatedRequest) {
  if (request.auth.kind !== 'session') throw new Error('a SessionOnly route ran without a session');
  return request.auth;
}

/** People sign in here: the first owner's set-up, sign-in and out, the current session, switching workspace, invites. */
@V1Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
    private readonly invites: InvitesService,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'sessions'>,
  ) {}

  @Get('setup')
  @PublicRoute()
  @ApiOkResponse({ type: SetupStateView })
  async setupState(@Req() request: Request): Promise<SetupStateView> {
    return this.signIn.startState(sessionTokenFromRequest(request));
  }

  @Post('setup')
  @PublicRoute()
  @ApiOperation({ summary: 'Create the owner account and first workspace; only while no user exists (409 after)' })
  @ApiCreatedResponse({ type: SessionView })
  async setup(@Body() body: OwnerSetupDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    const started = await this.signIn.setupOwner(body, body.workspace_name, request.header('user-agent') ?? null);
    return this.startBrowserSession(request, response, started);
  }

  @Post('sign-in')
  @PublicRoute()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView })
  async signInWithPassword(
    @Body() body: CredentialsDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    const started = await this.signIn.signIn(body, request.header('user-agent') ?? null);
    return this.startBrowserSession(request, response, started);
  }

  @Get('session')
  @SessionOnly()
  @WorkspaceOptional()
  @ApiOkResponse({ type: SessionView })
  async current(@Req() request: AuthenticatedRequest): Promise<SessionView> {
    const auth = sessionOf(request);
    const session = await this.sessions.findById(auth.sessionId);
    return this.signIn.describe(session);
  }

  @Post('sign-out')
  @SessionOnly()
  @WorkspaceOptional()
  @RequiredRole('viewer')
  @HttpCode(204)
  async signOut(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.revoke(sessionOf(request).sessionId);
    clearSessionCookie(request, response, this.config.sessions);
  }

  @Post('sign-out-everywhere')
  @SessionOnly()
  @WorkspaceOptional()
  @RequiredRole('viewer')
  @HttpCode(200)
  @ApiOkResponse({ type: RevokedSessionsView })
  async signOutEverywhere(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ revoked: number }> {
    const revoked = await this.sessions.revokeAllOf(sessionOf(request).userId);
    clearSessionCookie(request, response, this.config.sessions);
    return { revoked };
  }

  @Post('switch-workspace')
  @SessionOnly()
  @WorkspaceOptional()
  @RequiredRole('viewer')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView })
  async switchWorkspace(@Req() request: AuthenticatedRequest, @Body() body: SwitchWorkspaceDto): Promise<SessionView> {
    const auth = sessionOf(request);
    await this.signIn.switchWorkspace(auth.sessionId, auth.userId, body.workspace_id);
    return this.signIn.describe(await this.sessions.findById(auth.sessionId));
  }

  @Post('workspaces')
  @SessionOnly()
  @WorkspaceOptional()
  @RequiredRole('viewer')
  @ApiOperation({ summary: 'Start another workspace, owned by the signed-in person, and switch to it' })
  @ApiCreatedResponse({ type: SessionView })
  async createWorkspace(@Req() request: AuthenticatedRequest, @Body() body: CreateWorkspaceDto): Promise<SessionView> {
    const auth = sessionOf(request);
    const workspace = await this.signIn.createWorkspace(auth.userId, body.name);
    await this.sessions.switchWorkspace(auth.sessionId, workspace.id);
    return this.signIn.describe(await this.sessions.findById(auth.sessionId));
  }

  @Get('invites/:token')
  @PublicRoute()
  @ApiOperation({ summary: 'What a pending invite link offers (404 when unknown, used, revoked or expired)' })
  @ApiOkResponse({ type: InvitePreviewView })
  previewInvite(@Param('token') token: string): Promise<InvitePreview> {
    return this.invites.preview(token);
  }

  @Post('invites/:token/accept')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invite: a new person sets a password, an existing one gives theirs; signs in' })
  @ApiOkResponse({ type: SessionView })
  async acceptInvite(
    @Param('token') token: string,
    @Body() body: CredentialsDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    const started = await this.signIn.acceptInvite(token, body, request.header('user-agent') ?? null);
    return this.startBrowserSession(request, response, started);
  }

  private startBrowserSession(request: Request, response: Response, started: StartedSession): Promise<SessionView> {
    setSessionCookie(request, response, started.token, this.config.sessions);
    return this.signIn.describe(started.session);
  }
}
