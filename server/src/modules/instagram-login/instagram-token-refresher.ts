import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { PeriodicTask } from '../../core/housekeeping/periodic-task';
import { InstagramTokenRefreshService } from './instagram-token-refresh.service';

/** Runs the token refresh at start-up and every INSTAGRAM_TOKEN_REFRESH_INTERVAL_MS, in worker processes. */
@Injectable()
export class InstagramTokenRefresher extends PeriodicTask {
  constructor(
    private readonly refresh: InstagramTokenRefreshService,
    @InjectAppConfig() config: Pick<AppConfig, 'instagramLogin'>,
  ) {
    super('instagram token refresh', config.instagramLogin.refreshIntervalMs);
  }

  protected runOnce(): Promise<number> {
    return this.refresh.refreshDueTokens();
  }
}
