import { Body, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { RequiredRole } from '../accounts/auth/access.decorators';
import type { AuthenticatedRequest } from '../accounts/auth/request-auth';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { ApiPageResponse } from '../../core/http/api-responses';
import { type Page, DEFAULT_PAGE_SIZE, PageQueryDto } from '../../core/http/pagination';
import { ConversationsService } from '../conversations/conversations.service';
import { actorOf } from './actor';
import { AssignmentService } from '../conversations/assignment.service';
import {
  AssigneeCountView,
  AssigneeView,
  ConversationView,
  HumanReplyView,
  ListConversationsQueryDto,
  LiveChatSettingsDto,
  NoteDto,
  NoteView,
  PauseDto,
  ReplyDto,
  ResumeDto,
  UpdateConversationDto,
} from './dto/inbox.dto';
import { HumanReplyService } from './human-reply.service';
import { TakeoverService } from './takeover.service';

/** The live chat inbox: conversations, replies, take-over, assignment and notes. Viewers read; editors act. */
@V1Controller('conversations')
export class InboxController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly replies: HumanReplyService,
    private readonly takeover: TakeoverService,
    private readonly assignment: AssignmentService,
  ) {}

  @Get()
  @ApiPageResponse(ConversationView)
  async list(@Req() request: AuthenticatedRequest, @Query() query: ListConversationsQueryDto): Promise<Page<ConversationView>> {
    const actor = actorOf(request);
    const page = await this.conversations.list(actor.accountId, {
      filter: query.filter ?? 'all',
      userId: actor.userId,
      tag: query.tag,
      search: query.q,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    return { ...page, data: page.data.map((row) => ConversationView.of(row)) };
  }

  @Get('counts')
  @ApiOkResponse({ type: [AssigneeCountView] })
  counts(@Req() request: AuthenticatedRequest): Promise<AssigneeCountView[]> {
    return this.conversations.countsByAssignee(request.account.id);
  }

  @Get(':contactId')
  @ApiOkResponse({ type: ConversationView })
  async get(@Req() request: AuthenticatedRequest, @Param('contactId', ParseUUIDPipe) contactId: string): Promise<ConversationView> {
    return ConversationView.of(await this.conversations.get(request.account.id, contactId));
  }

  @Post(':contactId/messages')
  @HttpCode(200)
  @ApiOkResponse({ type: HumanReplyView })
  reply(
    @Req() request: AuthenticatedRequest,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Body() body: ReplyDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<HumanReplyView> {
    return this.replies.reply(actorOf(request), contactId, body.text, idempotencyKey ?? null);
  }

  @Post(':contactId/read')
  @HttpCode(200)
  @ApiOkResponse({ type: ConversationView })
  @RequiredRole('viewer')
  async read(@Req() request: AuthenticatedRequest, @Param('contactId', ParseUUIDPipe) contactId: string): Promise<ConversationView> {
    return ConversationView.of(await this.conversations.update(request.account.id, contactId, { read: true }));
  }

  @Patch(':contactId')
  @ApiOkResponse({ type: ConversationView })
  async update(
    @Req() request: AuthenticatedRequest,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Body() body: UpdateConversationDto,
  ): Promise<ConversationView> {
    const accountId = request.account.id;
    if (body.assignee_user_id !== undefined) await this.assignment.assign(accountId, contactId, body.assignee_user_id);
    return ConversationView.of(await this.conversations.update(accountId, contactId, { status: body.status }));
  }

  @Post(':contactId/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: ConversationView })
  async pause(
    @Req() request: AuthenticatedRequest,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Body() body: PauseDto,
  ): Promise<ConversationView> {
    return ConversationView.of(await this.takeover.pause(request.account.id, contactId, body.minutes ?? null));
  }

  @Post(':contactId/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: ConversationView })
  async resume(
    @Req() request: AuthenticatedRequest,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Body() body: ResumeDto,
  ): Promise<ConversationView> {
    return ConversationView.of(await this.takeover.resume(request.account.id, contactId, body.continue_flow ?? false));
  }

  @Get(':contactId/notes')
  @ApiPageResponse(NoteView)
  async notes(
    @Req() request: AuthenticatedRequest,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<NoteView>> {
    const page = await this.conversations.notesOf(request.account.id, contactId, query);
    return { ...page, data: page.data.map(NoteView.of) };
  }

  @Post(':contactId/notes')
  @ApiCreatedResponse({ type: NoteView })
  async addNote(
    @Req() request: AuthenticatedRequest,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Body() body: NoteDto,
  ): Promise<NoteView> {
    const actor = actorOf(request);
    return NoteView.of(await this.conversations.addNote(actor.accountId, contactId, actor.userId, body.text));
  }
}

/** Workspace settings for live chat (changing them is an admin's call: Meta's Human Agent approval), and the team. */
@V1Controller('live-chat')
export class LiveChatSettingsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly assignment: AssignmentService,
  ) {}

  /** Who a conversation may be assigned to (editors and above), for everyone who reads the inbox. */
  @Get('assignees')
  @ApiOkResponse({ type: [AssigneeView] })
  assignees(@Req() request: AuthenticatedRequest): Promise<AssigneeView[]> {
    return this.assignment.assignees(request.account.id);
  }

  @Get('settings')
  @ApiOkResponse({ type: LiveChatSettingsDto })
  async settings(@Req() request: AuthenticatedRequest): Promise<LiveChatSettingsDto> {
    return { human_agent_enabled: await this.conversations.humanAgentEnabled(request.account.id) };
  }

  @Put('settings')
  @RequiredRole('admin')
  @ApiOkResponse({ type: LiveChatSettingsDto })
  async update(@Req() request: AuthenticatedRequest, @Body() body: LiveChatSettingsDto): Promise<LiveChatSettingsDto> {
    await this.conversations.setHumanAgentEnabled(request.account.id, body.human_agent_enabled);
    return body;
  }
}
