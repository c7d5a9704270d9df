import { Body, Get, Patch } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { AccountsService } from './accounts.service';
import { RequiredRole, SessionOnly } from './auth/access.decorators';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { CurrentAccount } from './auth/current-account.decorator';
import { V1Controller } from './auth/v1-controller.decorator';
import { UpdateWorkspaceDto, WorkspaceSettingsView } from './dto/people.dto';
import { planFor, PLANS } from './plans';

/** The workspace (account) itself: read by any member; its name and plan changed by owners. */
@V1Controller('workspace', 'accounts')
export class WorkspaceController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: WorkspaceSettingsView })
  async show(@CurrentAccount() account: AuthenticatedAccount): Promise<WorkspaceSettingsView> {
    return this.settingsOf(await this.accounts.getAccount(account.id));
  }

  @Patch()
  @ApiOkResponse({ type: WorkspaceSettingsView })
  @SessionOnly()
  @RequiredRole('owner')
  async update(@CurrentAccount() account: AuthenticatedAccount, @Body() body: UpdateWorkspaceDto): Promise<WorkspaceSettingsView> {
    return this.settingsOf(await this.accounts.updateWorkspace(account.id, body));
  }

  private settingsOf(account: AuthenticatedAccount): WorkspaceSettingsView {
    return {
      id: account.id,
      name: account.name,
      plan: account.plan,
      api_access: planFor(account.plan).apiAccess,
      plans: Object.values(PLANS).map((plan) => ({ id: plan.id, label: plan.label, api_access: plan.apiAccess })),
    };
  }
}
