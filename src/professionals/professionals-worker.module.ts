import { Module } from '@nestjs/common';
import { ProfessionalsModule } from './professionals.module.js';
import { RegistrationJobs } from './registration.jobs.js';

/** The registration job; worker processes only. */
@Module({ imports: [ProfessionalsModule], providers: [RegistrationJobs] })
export class ProfessionalsWorkerModule {}
