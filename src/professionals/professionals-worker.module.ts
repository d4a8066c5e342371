import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ProfessionalsModule } from './professionals.module.js';
import { RegistrationJobs } from './registration.jobs.js';

/** The registration job; worker processes only. */
@Module({ imports: [AuthModule, ProfessionalsModule], providers: [RegistrationJobs] })
export class ProfessionalsWorkerModule {}
