import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ProfessionalsModule } from './professionals.module.js';
import { RegistrationResolver } from './registration.resolver.js';

/** register and signIn: rate-limited mutations (ThrottlerModule), so API processes only. */
@Module({ imports: [AuthModule, ProfessionalsModule], providers: [RegistrationResolver] })
export class ProfessionalsApiModule {}
