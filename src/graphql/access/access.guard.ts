import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Forbidden, NotAuthenticated } from '../../common/domain-error.js';
import type { GraphQLContext } from '../graphql-context.js';
import { type Access, ACCESS } from './access.decorators.js';
import { isAdmin } from '../viewer.js';

/**
 * Global guard for GraphQL operations: an operation needs a sign-in unless marked
 * @Public(), and an @AdminOnly() one needs the ADMIN role. Ownership checks (who may edit
 * an initiative) live in the services, where the data is.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ?? 'signed-in';
    if (access === 'public') return true;
    const { viewer } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    if (!viewer) throw new NotAuthenticated();
    if (access === 'admin' && !isAdmin(viewer)) throw new Forbidden('Only admins may do this');
    return true;
  }
}
