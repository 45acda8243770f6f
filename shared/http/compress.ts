import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpResult } from './middleware.ts';
import { header } from './request.ts';

// HTTP APIs do not compress responses, and patients open the survey page on weak mobile networks:
// text bodies are compressed here, brotli where the browser takes it, else gzip.

const MIN_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (q=0 means "not acceptable"). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';').map((p) => p.trim()))
      .filter(([, q]) => q === undefined || !/^q=0(\.0*)?$/.test(q))
      .map(([name]) => name),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

export function compress(body: string, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipSync(body, { level: 9 });
}

export const compressResponses = (): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  after: (request) => {
    const { response } = request;
    if (response === undefined || response === null || response.isBase64Encoded === true || response.body === undefined) return;
    if (Buffer.byteLength(response.body) < MIN_BYTES) return;
    const encoding = chooseEncoding(header(request.event, 'accept-encoding'));
    if (encoding === undefined) return;
    const vary = response.headers?.vary;
    request.response = {
      ...response,
      body: compress(response.body, encoding).toString('base64'),
      isBase64Encoded: true,
      headers: { ...response.headers, 'content-encoding': encoding, vary: vary === undefined ? 'accept-encoding' : `${String(vary)}, accept-encoding` },
    };
  },
});
