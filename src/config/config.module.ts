import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { validateEnv } from './app-config.js';
import { AppConfig } from './runtime-config.js';

@Global()
@Module({
  // forRoot validates at start-up (and loads `.env` into process.env when present);
  // AppConfig then derives the defaults that depend on other variables or the disk.
  imports: [NestConfigModule.forRoot({ validate: validateEnv, cache: true })],
  providers: [{ provide: AppConfig, useFactory: () => AppConfig.resolve(validateEnv(process.env)) }],
  exports: [AppConfig],
})
export class ConfigModule {}
