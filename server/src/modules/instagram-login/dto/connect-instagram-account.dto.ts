import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The manual path (air-gapped set-ups, scripts): a token someone obtained; GET /me decides which account it connects. */
export class ConnectInstagramAccountDto {
  @ApiProperty({ description: 'Instagram user access token (long-lived); checked with GET /me, stored encrypted, never returned' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  access_token: string;

  @ApiPropertyOptional({ description: "When given, the token must belong to this Instagram account id (webhooks' entry.id)" })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,32}$/, { message: 'ig_user_id must be the numeric Instagram account id' })
  ig_user_id?: string;

  @ApiPropertyOptional({ description: 'Ignored: the username is the one Instagram answers for the token' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._]{1,30}$/, { message: 'username must be an Instagram username (letters, digits, . and _; at most 30)' })
  username?: string;
}

export class InstagramLoginStartView {
  @ApiProperty({ description: "Instagram's authorize page for this workspace; send the browser there" })
  authorize_url: string;
  @ApiProperty({ description: 'The login must come back before this' })
  expires_at: string;
}
