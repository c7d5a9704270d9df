import { Global, Module } from '@nestjs/common';
import { ProcessLiveness } from './process-liveness';

/** Every process (api, worker, all) holds a boot lock: any of them may claim a send. */
@Global()
@Module({ providers: [ProcessLiveness], exports: [ProcessLiveness] })
export class LivenessModule {}
