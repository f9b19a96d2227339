// The per-kind behaviour the REST handlers delegate to, gathered in one place: defaulting, registry strategies,
// validation and the schema's unknown-field check.
import { applyDefaults } from './defaults/defaults.ts';
import { prepareForCreate, prepareForStatusUpdate, prepareForUpdate } from './defaults/strategy.ts';
import { validateCreate, validateUpdate } from './validation/validate.ts';
import { strictDecodingMessage, unknownFields } from '../openapi/schema.ts';
import type { KindStrategy } from './rest.ts';

export const kindStrategy: KindStrategy = {
  applyDefaults,
  prepareForCreate,
  prepareForUpdate,
  prepareForStatusUpdate,
  validateCreate,
  validateUpdate,
  unknownFields,
  strictDecodingMessage,
};
