import { Body, Delete, Get, Header, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { ApiPageResponse } from '../../core/http/api-responses';
import type { Page } from '../../core/http/pagination';
import { ContactsService } from './contacts.service';
import { ContactFiltersDto, ContactView, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';

@V1Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiPageResponse(ContactView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() query: ListContactsQueryDto): Promise<Page<ContactView>> {
    return this.contacts.list(account.id, query);
  }

  // Before ':id', which would otherwise take "export.csv" for a contact id.
  @Get('export.csv')
  @ApiOperation({
    summary:
      'The filtered contacts as CSV (the lead list): one row per contact, one column per variable (answers are saved as variables); up to 50 000 rows, oldest first',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="contacts.csv"')
  exportCsv(@CurrentAccount() account: AuthenticatedAccount, @Query() filters: ContactFiltersDto): Promise<string> {
    return this.contacts.exportCsv(account.id, filters);
  }

  @Get(':id')
  @ApiOkResponse({ type: ContactView })
  async get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<ContactView> {
    return ContactView.of(await this.contacts.getOwned(account.id, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ContactView })
  async update(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id') id: string,
    @Body() changes: UpdateContactDto,
  ): Promise<ContactView> {
    return ContactView.of(await this.contacts.update(account.id, id, changes));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.contacts.remove(account.id, id);
  }
}
