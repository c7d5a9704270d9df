import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Owner of `instagram_media`: when each post was published, asked of the Graph API once per post. */
@Injectable()
export class InstagramMediaStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publishedAt(instagramAccountId: string, mediaId: string): Promise<Date | null> {
    const [known]: Array<{ published_at: Date }> = await this.dataSource.query(
      'SELECT published_at FROM instagram_media WHERE instagram_account_id = $1 AND media_id = $2',
      [instagramAccountId, mediaId],
    );
    return known ? new Date(known.published_at) : null;
  }

  async remember(instagramAccountId: string, mediaId: string, publishedAt: Date): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO instagram_media (instagram_account_id, media_id, published_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [instagramAccountId, mediaId, publishedAt],
    );
  }
}
