import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig } from '../../config/runtime-config.js';
import { MailService } from '../mail.service.js';
import { type ComposedEmail, ComposesOutbox, OutboxComposerError } from './outbox-composer.js';
import type { OutboxRow } from './outbox.repository.js';
import { OutboxSender } from './outbox.sender.js';

@Injectable()
class Composers {
  @ComposesOutbox('digest')
  async digest(_row: OutboxRow): Promise<ComposedEmail | null> {
    return null;
  }

  @ComposesOutbox('connected')
  async connected(_row: OutboxRow): Promise<ComposedEmail | null> {
    return null;
  }
}

@Injectable()
class Paused {
  @ComposesOutbox('paused')
  async paused(_row: OutboxRow): Promise<ComposedEmail | null> {
    return null;
  }
}

@Injectable()
class AnotherDigest {
  @ComposesOutbox('digest')
  async digest(_row: OutboxRow): Promise<ComposedEmail | null> {
    return null;
  }
}

async function start(...providers: Type[]) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      OutboxSender,
      { provide: getDataSourceToken(), useValue: {} },
      { provide: MailService, useValue: {} },
      { provide: AppConfig, useValue: {} },
      ...providers,
    ],
  }).compile();
  return module.init();
}

describe('outbox composers', () => {
  it('start when every kind has one', async () => {
    await (await start(Composers, Paused)).close();
  });

  it('refuse to start when a kind has none, naming it', async () => {
    await expect(start(Composers)).rejects.toThrow(OutboxComposerError);
    await expect(start(Composers)).rejects.toThrow(`outbox kind "paused" has no composer (@ComposesOutbox('paused') in a provider of the worker)`);
  });

  it('refuse to start when a kind has two, naming both', async () => {
    await expect(start(Composers, Paused, AnotherDigest)).rejects.toThrow('outbox kind "digest" has 2 composers: Composers.digest, AnotherDigest.digest');
  });
});
