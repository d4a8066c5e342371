import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module.js';
import { SignInJobs } from './sign-in.jobs.js';

/** The sign-in jobs; worker processes only. */
@Module({ imports: [AuthModule], providers: [SignInJobs] })
export class AuthWorkerModule {}
