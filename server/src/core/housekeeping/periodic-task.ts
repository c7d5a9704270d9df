import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * Background housekeeping: runs once at start-up, then every `intervalMs`. Tasks are worker providers, so only
 * processes that run workers have them (a module's `workers()`, imported by AppModule.forRole). A failed pass is
 * logged and the next one tries again; passes that did something are logged with their count.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  protected constructor(
    protected readonly name: string,
    private readonly intervalMs: number,
    private readonly logger: Logger = new Logger(name),
  ) {}

  /** One pass; `startup` is true for the pass at start-up. Returns how many items it handled. */
  protected abstract runOnce(startup: boolean): Promise<number>;

  onApplicationBootstrap(): void {
    void this.tick(true);
    this.timer = setInterval(() => void this.tick(false), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(startup: boolean): Promise<number> {
    try {
      const handled = await this.runOnce(startup);
      if (handled) this.logger.log({ msg: `${this.name} done`, items: handled });
      return handled;
    } catch (error) {
      this.logger.warn({ msg: `${this.name} failed`, error: (error as Error).message });
      return 0;
    }
  }
}
