import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInput } from '../common/domain-error.js';

function firstMessage(errors: ValidationError[], path: string[] = []): { field: string; message: string } | null {
  for (const e of errors) {
    const at = [...path, e.property];
    const constraint = Object.values(e.constraints ?? {})[0];
    if (constraint) return { field: at.join('.'), message: constraint };
    const nested = firstMessage(e.children ?? [], at);
    if (nested) return nested;
  }
  return null;
}

/** class-validator on every GraphQL input; a failure is BAD_USER_INPUT naming the field. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const first = firstMessage(errors) ?? { field: 'input', message: 'is invalid' };
      const message = first.message.startsWith(first.field.split('.').at(-1)!) ? first.message : `${first.field}: ${first.message}`;
      return new InvalidInput(message, { field: first.field });
    },
  });
}
