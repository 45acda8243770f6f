import { readFileSync } from 'node:fs';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import * as z from 'zod';

const EVENTS_DIR = new URL('../../events/', import.meta.url);

// Powertools' schemas are the check; the result keeps the @types/aws-lambda type the handlers take
// (Powertools' inferred types allow `null` in a few optional fields where @types/aws-lambda does not).
const HttpEventFixture = z.custom<APIGatewayProxyEventV2>((value) => APIGatewayProxyEventV2Schema.safeParse(value).success);
const SqsEventFixture = z.custom<SQSEvent>((value) => SqsSchema.safeParse(value).success);

/**
 * An `events/<source>/<scenario>.json` fixture, parsed with Powertools' schema for its source, so a
 * fixture that drifts from what API Gateway or SQS send fails here, by name, and never reaches a handler.
 */
export function loadEvent(path: `http/${string}.json`): APIGatewayProxyEventV2;
export function loadEvent(path: `sqs/${string}.json`): SQSEvent;
export function loadEvent(path: string): APIGatewayProxyEventV2 | SQSEvent {
  const raw: unknown = JSON.parse(readFileSync(new URL(path, EVENTS_DIR), 'utf8'));
  try {
    // Powertools' own parse first, so a drifted fixture is reported with its schema's issues.
    if (path.startsWith('http/')) {
      APIGatewayProxyEventV2Schema.parse(raw);
      return HttpEventFixture.parse(raw);
    }
    if (path.startsWith('sqs/')) {
      SqsSchema.parse(raw);
      return SqsEventFixture.parse(raw);
    }
  } catch (error) {
    throw new Error(`events/${path} is not a valid ${path.split('/')[0]} event`, { cause: error });
  }
  throw new Error(`events/${path}: no schema for this event source`);
}

/** A fixture's JSON body, parsed (for tests that check what the handler did with it). */
export function eventBody(event: APIGatewayProxyEventV2): unknown {
  return JSON.parse(event.body ?? 'null');
}
