import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { ContactsStore } from './contacts.store';
import { Contact } from './entities/contact.entity';
import { OptOutSettings } from './opt-out/opt-out-settings.entity';
import { OptOutSettingsController } from './opt-out/opt-out-settings.controller';
import { OptOutSettingsStore } from './opt-out/opt-out-settings.store';
import { OptOutService } from './opt-out/opt-out.service';

@Module({
  imports: [TypeOrmModule.forFeature([Contact, OptOutSettings]), AccountsModule],
  controllers: [ContactsController, OptOutSettingsController],
  providers: [ContactsService, ContactsStore, OptOutSettingsStore, OptOutService],
  exports: [ContactsService, OptOutService],
})
export class ContactsModule {}
