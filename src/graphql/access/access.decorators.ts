import { SetMetadata } from '@nestjs/common';

export const ACCESS = 'verbinder:access';
export type Access = 'public' | 'signed-in' | 'admin';

/** Anyone, signed in or not. Without a decorator an operation needs a sign-in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS, 'public' satisfies Access);
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS, 'admin' satisfies Access);
