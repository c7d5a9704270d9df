import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { InstagramAccount } from '../entities/instagram-account.entity';

export class ConnectInstagramAccountDto {
  @ApiProperty({ description: "The Instagram professional account's id (entry.id in Meta webhooks)" })
  @IsString()
  @Matches(/^\d{1,32}$/, { message: 'ig_user_id must be the numeric Instagram account id' })
  ig_user_id: string;

  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._]{1,30}$/, { message: 'username must be an Instagram username (letters, digits, . and _; at most 30)' })
  username: string;

  @ApiProperty({ description: 'Instagram user access token; stored encrypted, never returned' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  access_token: string;
}

export class InstagramAccountView {
  @ApiProperty() id: string;
  @ApiProperty() ig_user_id: string;
  @ApiProperty() username: string;
  @ApiProperty() has_access_token: boolean;
  @ApiProperty() connected_at: string;
  @ApiProperty() created_at: string;

  static of(account: InstagramAccount): InstagramAccountView {
    return {
      id: account.id,
      ig_user_id: account.igUserId,
      username: account.username,
      has_access_token: !!account.accessTokenEncrypted,
      connected_at: account.connectedAt.toISOString(),
      created_at: account.createdAt.toISOString(),
    };
  }
}
