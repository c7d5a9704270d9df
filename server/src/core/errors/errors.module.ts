import { Module } from '@nestjs/common';
import { ErrorDialects } from './error-dialects';

/** Imported by the app (for the global filter) and by every module that registers an error dialect: one shared registry. */
@Module({
  providers: [ErrorDialects],
  exports: [ErrorDialects],
})
export class ErrorsModule {}
