import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { buildMessage, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
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
