import type {
  InstagramAccountStatus,
  InstagramAccountView as InstagramAccountViewContract,
  NeedsReconnectReason,
  UpdateInstagramAccountRequest,
} from '@dmflow/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { InstagramAccount } from '../entities/instagram-account.entity';

export class InstagramAccountView implements InstagramAccountViewContract {
  @ApiProperty() id: string;
  @ApiProperty({ description: "The Instagram professional account's id (entry.id in Meta webhooks), as GET /me answered for its token" })
  ig_user_id: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) profile_picture_url: string | null;
  @ApiProperty({ enum: ['connected', 'needs_reconnect'] }) status: InstagramAccountStatus;
  @ApiProperty({ enum: ['token_refresh_refused', 'connected_elsewhere'], nullable: true })
  needs_reconnect_reason: NeedsReconnectReason | null;
  @ApiProperty() has_access_token: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'When the token expires unless refreshed; null when unknown' })
  token_expires_at: string | null;
  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone smart delays read business hours and dates in' })
  time_zone: string;
  @ApiProperty({ example: 'en-GB', description: 'BCP 47 locale date answers are read in (day/month order)' })
  locale: string;
  @ApiProperty() connected_at: string;
  @ApiProperty() created_at: string;

  static of(account: InstagramAccount): InstagramAccountView {
    return {
      id: account.id,
      ig_user_id: account.igUserId,
      username: account.username,
      profile_picture_url: account.profilePictureUrl,
      status: account.status === 'connected' ? 'connected' : 'needs_reconnect',
      needs_reconnect_reason: account.status === 'connected' ? null : account.needsReconnectReason,
      has_access_token: !!account.accessTokenEncrypted,
      token_expires_at: account.tokenExpiresAt?.toISOString() ?? null,
      time_zone: account.timeZone,
      locale: account.locale,
      connected_at: account.connectedAt.toISOString(),
      created_at: account.createdAt.toISOString(),
    };
  }
}

/** The zone and locale are checked by the service, which answers unknown_time_zone / invalid_locale. */
export class UpdateInstagramAccountDto implements UpdateInstagramAccountRequest {
  @ApiPropertyOptional({ example: 'America/New_York', description: 'an IANA time zone name, e.g. Europe/London' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  time_zone?: string;

  @ApiPropertyOptional({ example: 'en-GB', description: 'a BCP 47 locale tag; stored in canonical form' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;
}
