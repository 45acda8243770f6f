import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { metrics } from '../platform/metrics.ts';
import { logger } from '../platform/observability.ts';
import { compressResponses } from './compress.ts';
import { HttpProblem, problemOf } from './problem.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** HTML always carries the page's own Content-Security-Policy (the middleware's default would block its inline style). */
export function html(status: number, body: string, contentSecurityPolicy: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy,
      'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
      'cache-control': 'no-store',
      ...headers,
    },
    body,
  };
}

export function problemResponse(problem: HttpProblem): HttpResult {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers },
    body: JSON.stringify(problem.toProblem()),
  };
}

/** Maps named domain errors to problem+json; anything else is a 500 that reveals nothing. */
const problemErrorHandler = (): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: (request) => {
    const { error } = request;
    const problem = problemOf(error);
    if (problem !== undefined) {
      metrics.addMetric(`Rejected${problem.status}`, MetricUnit.Count, 1);
      request.response = problemResponse(problem);
      return;
    }
    logger.error('unhandled error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
    request.response = problemResponse(new HttpProblem(500, 'internal', 'Internal error', 'Something went wrong on our side; nothing was stored. Please try again.'));
  },
});

// Helmet-style defaults, trimmed: every header costs bytes on a patient's weak connection. HTML sets its
// own Content-Security-Policy and a short Permissions-Policy (see html(); middy's list names ~40
// features, many unknown to browsers); the deprecated XSS auditor is off, as OWASP advises; reporting
// headers are dropped because nothing collects the reports.
const securityHeaderOptions: Parameters<typeof httpSecurityHeaders>[0] & { reportingEndpoints: false } = {
  contentSecurityPolicy: false,
  permissionsPolicy: false,
  xssProtection: false,
  reportTo: false,
  reportingEndpoints: false,
};

/** One metric per response by status class, so dashboards see traffic and errors (and the metrics middleware always has one to publish). */
const countResponses = (): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => {
  const count = (request: middy.Request<APIGatewayProxyEventV2, HttpResult>) => {
    const status = request.response?.statusCode ?? 500;
    metrics.addMetric(`Http${Math.floor(status / 100)}xx`, MetricUnit.Count, 1);
  };
  return { after: count, onError: count };
};

/** The one middleware chain every HTTP function uses; `problemErrorHandler` is last, so it handles errors first. */
export function httpFunction(handler: HttpHandler) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(countResponses())
    .use(httpSecurityHeaders(securityHeaderOptions))
    .use(httpHeaderNormalizer())
    .use(compressResponses())
    .use(problemErrorHandler())
    .handler(handler);
}
