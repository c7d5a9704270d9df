import { Global, Module } from '@nestjs/common';
import { GraphApiClient } from './graph-api.client';

@Global()
@Module({ providers: [GraphApiClient], exports: [GraphApiClient] })
export class MessagingModule {}
