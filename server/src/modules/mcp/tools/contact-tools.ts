import { Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { ContactsService } from '../../contacts/contacts.service';
import { ContactView, ListContactsQueryDto } from '../../contacts/dto/contact.dto';
import { asDto } from '../dto-input';
import type { McpCaller } from '../mcp-caller';
import { defineTool } from './define-tool';
import { pageInput } from './shared-inputs';

/** Contacts: the people who wrote or commented, with their tags and saved variables. */
@Injectable()
export class ContactTools {
  constructor(private readonly contacts: ContactsService) {}

  register(server: McpServer, caller: McpCaller): void {
    const accountId = caller.account.id;
    defineTool(
      server,
      caller,
      'list_contacts',
      {
        title: 'List contacts',
        description: 'Contacts, newest first, optionally only those with a tag, a variable (equal to a value) or seen in a period.',
        access: 'read',
        input: {
          ...pageInput,
          tag: z.string().optional(),
          variable: z.string().optional().describe('only contacts that have this variable set'),
          value: z.string().optional().describe('with `variable`: only contacts whose variable equals this text'),
          seen_after: z.string().optional().describe('ISO-8601'),
          seen_before: z.string().optional().describe('ISO-8601'),
          instagram_account_id: z.string().optional().describe('only contacts of this connected Instagram account'),
        },
      },
      async (args) => this.contacts.list(accountId, await asDto(ListContactsQueryDto, args)),
    );
    defineTool(
      server,
      caller,
      'get_contact',
      {
        title: 'Get a contact',
        description: 'One contact: Instagram id and username, tags, variables, last seen.',
        access: 'read',
        input: { contact_id: z.string() },
      },
      async ({ contact_id }) => ContactView.of(await this.contacts.getOwned(accountId, contact_id)),
    );
  }
}
