// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { type ConfigProblem, validationProblems } from '../kernel/config-validation';

/** Instagram's limits for conversation starters and the persistent menu [U: Messenger's limits, as IG documents none]. */
export const MESSENGER_PROFILE_LIMITS = { iceBreakers: 4, questionChars: 80, menuItems: 20, menuTitleChars: 30 } as const;

/** A conversation starter shown to someone opening the chat for the first time; tapping it starts a flow. */
export class IceBreaker {
  @IsString()
  @MinLength(1, { message: 'write the question people tap' })
  @MaxLength(MESSENGER_PROFILE_LIMITS.questionChars)
  question: string;

  @IsUUID('all', { message: 'choose the flow this question starts' })
  flow_id: string;
}

export const MENU_ITEM_TYPES = ['flow', 'url'] as const;
export type MenuItemType = (typeof MENU_ITEM_TYPES)[number];

/** A persistent menu entry: starts a flow, or opens a web page. */
export class MenuItem {
  @IsIn(MENU_ITEM_TYPES)
  type: MenuItemType;

  @IsString()
  @MinLength(1, { message: 'write the menu item title' })
  @MaxLength(MESSENGER_PROFILE_LIMITS.menuTitleChars)
  title: string;

  @ValidateIf((item: MenuItem) => item.type === 'flow')
  @IsUUID('all', { message: 'choose the flow this menu item starts' })
  flow_id?: string;

  @ValidateIf((item: MenuItem) => item.type === 'url')
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'the menu item opens a web address (https://…)' })
  url?: string;
}

/** Per Instagram account: what the chat shows before and around the conversation. */
export class MessengerProfileConfig {
  @IsArray()
  @ArrayMaxSize(MESSENGER_PROFILE_LIMITS.iceBreakers, { message: 'Instagram shows at most 4 conversation starters' })
  @ValidateNested({ each: true })
  @Type(() => IceBreaker)
  ice_breakers: IceBreaker[];

  @IsArray()
  @ArrayMaxSize(MESSENGER_PROFILE_LIMITS.menuItems)
  @ValidateNested({ each: true })
  @Type(() => MenuItem)
  menu: MenuItem[];
}

/** The postback payload a starter or menu item sends: routing starts the flow it names (see flowIdNamedBy). */
export function flowPayload(flowId: string): string {
  return JSON.stringify({ flow_id: flowId });
}

/** Meta's Messenger Profile API body (POST /{ig-user-id}/messenger_profile) for the parts that have entries. */
export function messengerProfileBody(config: MessengerProfileConfig): Record<string, unknown> {
  return {
    platform: 'instagram',
    ...(config.ice_breakers.length
      ? {
          ice_breakers: [
            {
              locale: 'default',
              call_to_actions: config.ice_breakers.map((starter) => ({
                question: starter.question,
                payload: flowPayload(starter.flow_id),
              })),
            },
          ],
        }
      : {}),
    ...(config.menu.length
      ? {
          persistent_menu: [
            {
              locale: 'default',
              composer_input_disabled: false,
              call_to_actions: config.menu.map((item) =>
                item.type === 'url'
                  ? { type: 'web_url', title: item.title, url: item.url }
                  : { type: 'postback', title: item.title, payload: flowPayload(item.flow_id ?? '') },
              ),
            },
          ],
        }
      : {}),
  };
}

/** The fields to remove with DELETE /{ig-user-id}/messenger_profile: the parts left empty. */
export function emptiedProfileFields(config: MessengerProfileConfig): string[] {
  return [...(config.ice_breakers.length ? [] : ['ice_breakers']), ...(config.menu.length ? [] : ['persistent_menu'])];
}

/** Reads a messenger profile from JSON: the typed config, or every problem with its field path. */
export function readMessengerProfile(plain: unknown): { profile: MessengerProfileConfig; problems: ConfigProblem[] } {
  const source = plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? plain : {};
  const profile = plainToInstance(MessengerProfileConfig, source);
  return { profile, problems: validationProblems(validateSync(profile, { forbidUnknownValues: false })) };
}
