import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { ContactsStore } from './contacts.store';
import { Contact } from './entities/contact.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Contact])],
  controllers: [ContactsController],
  providers: [ContactsService, ContactsStore],
  exports: [ContactsService],
})
export class ContactsModule {}
