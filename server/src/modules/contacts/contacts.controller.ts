import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../accounts/auth/api-key.guard';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { ApiPageResponse } from '../../core/http/api-responses';
import type { Page } from '../../core/http/pagination';
import { apiValidationPipe } from '../../core/http/validation.pipe';
import { ContactsService } from './contacts.service';
import { ContactView, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('v1/contacts')
@UseGuards(ApiKeyGuard)
@UsePipes(apiValidationPipe())
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiPageResponse(ContactView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() query: ListContactsQueryDto): Promise<Page<ContactView>> {
    return this.contacts.list(account.id, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ContactView })
  async get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<ContactView> {
    return ContactView.of(await this.contacts.getOwned(account.id, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ContactView })
  async update(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Body() changes: UpdateContactDto): Promise<ContactView> {
    return ContactView.of(await this.contacts.update(account.id, id, changes));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.contacts.remove(account.id, id);
  }
}
