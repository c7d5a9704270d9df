import { MENU_ITEM_TYPES, MESSENGER_PROFILE_LIMITS } from '@dmflow/shared';
import { ApiProperty } from '@nestjs/swagger';
import { IsArray } from 'class-validator';

class IceBreakerView {
  @ApiProperty({ maxLength: MESSENGER_PROFILE_LIMITS.questionChars }) question: string;
  @ApiProperty({ description: 'the flow a tap starts' }) flow_id: string;
}

class MenuItemView {
  @ApiProperty({ enum: MENU_ITEM_TYPES }) type: string;
  @ApiProperty({ maxLength: MESSENGER_PROFILE_LIMITS.menuTitleChars }) title: string;
  @ApiProperty({ required: false, description: 'for type "flow"' }) flow_id?: string;
  @ApiProperty({ required: false, description: 'for type "url"' }) url?: string;
}

/** The body of PUT: each item is checked by the shared MessengerProfileConfig (so the editor checks the same rules). */
export class PutMessengerProfileDto {
  @ApiProperty({ type: [IceBreakerView], maxItems: MESSENGER_PROFILE_LIMITS.iceBreakers })
  @IsArray()
  ice_breakers: unknown[];

  @ApiProperty({ type: [MenuItemView], maxItems: MESSENGER_PROFILE_LIMITS.menuItems })
  @IsArray()
  menu: unknown[];
}

export class MessengerProfileView {
  @ApiProperty() instagram_account_id: string;
  @ApiProperty({ type: [IceBreakerView] }) ice_breakers: IceBreakerView[];
  @ApiProperty({ type: [MenuItemView] }) menu: MenuItemView[];
  @ApiProperty({ nullable: true, type: String, description: 'when Instagram last took this version; null until then' })
  pushed_at: string | null;
}
