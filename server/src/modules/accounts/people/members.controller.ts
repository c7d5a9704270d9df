import { Body, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequiredRole, SessionOnly } from '../auth/access.decorators';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CurrentAccount } from '../auth/current-account.decorator';
import type { AuthenticatedRequest } from '../auth/request-auth';
import { V1Controller } from '../auth/v1-controller.decorator';
import {
  ChangeRoleDto,
  CreatedInviteView,
  CreateInviteDto,
  InviteView as InviteDoc,
  MemberView,
  RevokedSessionsView,
} from '../dto/people.dto';
import { type CreatedInvite, type InviteView, InvitesService } from './invites.service';
import { type MemberWithSessions, MembersService } from './members.service';

/** Owners manage the workspace's people (signed in; API keys cannot). */
@V1Controller('members')
@SessionOnly()
@RequiredRole('owner')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ type: [MemberView] })
  list(@CurrentAccount() account: AuthenticatedAccount): Promise<MemberWithSessions[]> {
    return this.members.list(account.id);
  }

  @Patch(':userId')
  @HttpCode(204)
  changeRole(@CurrentAccount() account: AuthenticatedAccount, @Param('userId') userId: string, @Body() body: ChangeRoleDto): Promise<void> {
    return this.members.changeRole(account.id, userId, body.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  remove(@CurrentAccount() account: AuthenticatedAccount, @Param('userId') userId: string): Promise<void> {
    return this.members.remove(account.id, userId);
  }

  @Delete(':userId/sessions')
  @ApiOperation({ summary: "End the member's sessions working in this workspace" })
  @ApiOkResponse({ type: RevokedSessionsView })
  revokeSessions(@CurrentAccount() account: AuthenticatedAccount, @Param('userId') userId: string): Promise<{ revoked: number }> {
    return this.members.revokeSessions(account.id, userId);
  }
}

/** One-time invite links (owners, signed in). The link's token is shown once, to the inviter. */
@V1Controller('invites', 'members')
@SessionOnly()
@RequiredRole('owner')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Get()
  @ApiOkResponse({ type: [InviteDoc] })
  list(@CurrentAccount() account: AuthenticatedAccount): Promise<InviteView[]> {
    return this.invites.listPending(account.id);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedInviteView, description: 'the invite, with its one-time token and the editor path that accepts it' })
  create(
    @CurrentAccount() account: AuthenticatedAccount,
    @Body() body: CreateInviteDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CreatedInvite> {
    return this.invites.create(account.id, body.role, request.auth.kind === 'session' ? request.auth.userId : null);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.invites.revoke(account.id, id);
  }
}
