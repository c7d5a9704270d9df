import type { InstagramAccountStatus, InstagramAccountView as InstagramAccountViewContract, NeedsReconnectReason } from '@dmflow/shared';
import { ApiProperty } from '@nestjs/swagger';
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
      connected_at: account.connectedAt.toISOString(),
      created_at: account.createdAt.toISOString(),
    };
  }
}
