import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { buildMessage, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { WEB_ROUTES } from './web-routes.js';
// Formats shared by input classes; each message names the offending value.
export const SLUG = /^[a-z0-9-]{1,64}$/;
export const MUNICIPALITY_CODE = /^GM\d{4}$/;
export const PROVINCE_CODE = /^PV\d{2}$/;

export const SLUG_MESSAGE = '"$value" is not a discipline slug';
export const MUNICIPALITY_MESSAGE = 'municipalityCode "$value" is not a CBS municipality code like GM0363';
export const PROVINCE_MESSAGE = 'provinceCode "$value" is not a CBS province code like PV27';

/** Trims a string input before it is validated, so "   " fails a MinLength and is never stored. */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Limits of a free-text search: PostgreSQL builds one tsquery node per word, so words bound its work. */
const SEARCH_TEXT = { maxLength: 200, maxWords: 20 } as const;

/** Words as PostgreSQL's text search parser finds them: runs of letters and digits ("or" is one too). */
const WORD = /[\p{L}\p{N}]+/gu;

export const countWords = (text: string): number => text.match(WORD)?.length ?? 0;

/** At most `max` words (see countWords). */
export const MaxWords = (max: number): PropertyDecorator =>
  ValidateBy({
    name: 'maxWords',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || countWords(value) <= max,
      defaultMessage: buildMessage((each) => `${each}$property must have at most $constraint1 words`),
    },
  });

/** An optional free-text search (knowledge bank, expert search): a string within SEARCH_TEXT's limits. */
export const SearchText = (): PropertyDecorator =>
  applyDecorators(IsOptional(), IsString(), MaxLength(SEARCH_TEXT.maxLength), MaxWords(SEARCH_TEXT.maxWords));

/**
 * The pages of the web app (served by this process) that a sign-in link may return to: a path
 * here, then optionally a query or fragment. Anything else (another host, `//evil.example`,
 * a path the web app does not have) is refused, so the link can never send someone elsewhere.
 * Examples: `/kennismakingen`, `/initiatieven/<uuid>?tab=team` and `/zoeken?q=zorg` pass;
 * `//evil.example`, `/initiatieven/12` and `https://verbinder.nl/profiel` do not.
 */
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const WEB_APP_PATHS = WEB_ROUTES.map((route) => route.replace(':id', UUID));
const WEB_APP_PATH = new RegExp(`^(?:${WEB_APP_PATHS.join('|')})(?:[?#][\\w\\-.~%!$&'()*+,;=:@/?#]*)?$`);
const NEXT_PATH_MAX = 200;

/** Whether `value` is a page of the web app to return to after signing in (see WEB_APP_PATHS). */
export const isWebAppPath = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= NEXT_PATH_MAX && WEB_APP_PATH.test(value);

/** An optional page of the web app to return to after signing in. */
export const NextPath = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    ValidateBy({
      name: 'webAppPath',
      validator: {
        validate: isWebAppPath,
        defaultMessage: () =>
          `next "$value" is not a path of the web app of at most ${NEXT_PATH_MAX} characters like /kennismakingen or /initiatieven/<id>`,
      },
    }),
  );
