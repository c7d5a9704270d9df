import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { ContactsStore } from './contacts.store';
import { Contact } from './entities/contact.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Contact]), AccountsModule],
  controllers: [ContactsController],
  providers: [ContactsService, ContactsStore],
  exports: [ContactsService],
})
export class ContactsModule {}
