import { join } from 'node:path';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import compression from 'compression';
import { WebAppController } from './web-app.controller.js';
import { WebAppFiles, webAppDir } from './web-app.files.js';
import { WEB_ROUTES } from '../common/web-routes.js';

const ASSETS_ROUTE = '/assets';

/**
 * The web app (web/, built by Vite into dist/web): its pages at WEB_ROUTES and its files at
 * /assets. Asset names carry a content hash, so browsers may keep them for a year; they and the
 * pages are sent gzipped. GraphQL answers are not compressed here (a proxy in front may).
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: join(webAppDir(), 'assets'),
      serveRoot: ASSETS_ROUTE,
      // Only files: a missing one is a 404, never the app's page.
      renderPath: '/__no-fallback__',
      serveStaticOptions: { index: false, immutable: true, maxAge: 31_536_000_000, fallthrough: false, redirect: false },
    }),
  ],
  controllers: [WebAppController],
  providers: [WebAppFiles],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(compression()).forRoutes(`${ASSETS_ROUTE}/*path`, ...WEB_ROUTES);
  }
}
