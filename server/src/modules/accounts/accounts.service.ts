import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Account } from './entities/account.entity';
import { isPlanId, PLAN_IDS } from './plans';
import { AccountErrors } from './accounts.errors';

function assertPlan(plan: string): void {
  if (!isPlanId(plan)) throw AccountErrors.unknownPlan(plan, PLAN_IDS);
}

function assertCreditAmount(amount: number): void {
  if (!Number.isInteger(amount) || amount < 0) throw AccountErrors.invalidCredits();
}

/** Accounts, their plans and their credits. */
@Injectable()
export class AccountsService {
  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}

  async createAccount(name: string, plan: string, credits = 0): Promise<Account> {
    assertPlan(plan);
    assertCreditAmount(credits);
    return this.accounts.save(this.accounts.create({ name, plan, credits }));
  }

  /** Changes the plan; `hourlyLimitOverride` replaces the plan's hourly limit (null = the plan's). */
  async setPlan(accountId: string, plan: string, hourlyLimitOverride?: number | null): Promise<Account> {
    assertPlan(plan);
    if (
      hourlyLimitOverride !== undefined &&
      hourlyLimitOverride !== null &&
      !(Number.isInteger(hourlyLimitOverride) && hourlyLimitOverride > 0)
    ) {
      throw AccountErrors.invalidHourlyLimit();
    }
    const account = await this.getAccount(accountId);
    account.plan = plan;
    if (hourlyLimitOverride !== undefined) account.hourlyLimitOverride = hourlyLimitOverride;
    return this.accounts.save(account);
  }

  /** An owner renames the workspace or changes its plan (the operator's overrides stay). */
  async updateWorkspace(accountId: string, changes: { name?: string; plan?: string }): Promise<Account> {
    if (changes.plan !== undefined) assertPlan(changes.plan);
    const account = await this.getAccount(accountId);
    if (changes.name !== undefined) account.name = changes.name;
    if (changes.plan !== undefined) account.plan = changes.plan;
    return this.accounts.save(account);
  }

  async addCredits(accountId: string, amount: number): Promise<Account> {
    assertCreditAmount(amount);
    await this.getAccount(accountId);
    await this.accounts.increment({ id: accountId }, 'credits', amount);
    return this.getAccount(accountId);
  }

  /** Takes one credit if there is one, atomically: parallel requests never drive credits below zero. */
  async spendCredit(accountId: string): Promise<boolean> {
    const result = await this.accounts
      .createQueryBuilder()
      .update()
      .set({ credits: () => 'credits - 1' })
      .where('id = :accountId AND credits > 0', { accountId })
      .execute();
    return result.affected === 1;
  }

  async refundCredit(accountId: string): Promise<void> {
    await this.accounts.increment({ id: accountId }, 'credits', 1);
  }

  findAccount(id: string): Promise<Account | null> {
    return this.accounts.findOneBy({ id });
  }

  async getAccount(id: string): Promise<Account> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw AccountErrors.accountNotFound(id);
    return account;
  }
}
