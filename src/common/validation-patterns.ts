import { Transform } from 'class-transformer';
// Formats shared by input classes; each message names the offending value.
export const SLUG = /^[a-z0-9-]{1,64}$/;
export const MUNICIPALITY_CODE = /^GM\d{4}$/;
export const PROVINCE_CODE = /^PV\d{2}$/;

export const SLUG_MESSAGE = '"$value" is not a discipline slug';
export const MUNICIPALITY_MESSAGE = 'municipalityCode "$value" is not a CBS municipality code like GM0363';
export const PROVINCE_MESSAGE = 'provinceCode "$value" is not a CBS province code like PV27';

/** Trims a string input before it is validated, so "   " fails a MinLength and is never stored. */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
