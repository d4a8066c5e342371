import { Global, Module } from '@nestjs/common';
import { DisciplinesResolver } from './disciplines.resolver.js';
import { DisciplinesService } from './disciplines.service.js';

@Global()
@Module({ providers: [DisciplinesService, DisciplinesResolver], exports: [DisciplinesService] })
export class DisciplinesModule {}
