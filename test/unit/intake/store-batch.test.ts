import { InternalServerError } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { asciiJson } from '../../../shared/aws/sqs.ts';
import { processIntakeBatch } from '../../../shared/intake/store-batch.ts';
import { buildSurveyTransaction, MAX_MESSAGES_PER_TRANSACTION } from '../../../shared/storage/surveys.ts';
import { DEFAULT_RETENTION, type Retention } from '../../../shared/platform/retention.ts';
import { type NotifyMessage, NotifyMessageSchema } from '../../../shared/schemas/notify-message.ts';
import { jsonRecord, sqsRecord } from '../../support/sqs-records.ts';
import { surveyMessage, uuidFor } from '../../support/survey-messages.ts';
import { serveCommentStores, TEST_TABLE } from '../../support/survey-target.ts';
import { cancelled, summarise } from '../../support/transactions.ts';

const worker = (retention: Retention, notify: (message: NotifyMessage) => Promise<unknown> = () => Promise.resolve()) => ({ table: TEST_TABLE, retention, key: Buffer.alloc(32, 7), notify });

const WARD_DAY = 'AGG#demo#cardiology-ward/DAY#2026-11-23';
const SITE_DAY = 'AGG#demo#ALL/DAY#2026-11-23';
const WARD_MONTH = 'AGG#demo#cardiology-ward/MONTH#2026-11';
const SITE_MONTH = 'AGG#demo#ALL/MONTH#2026-11';
const WARD_YEAR = 'AGG#demo#cardiology-ward/YEAR#2026';
const SITE_YEAR = 'AGG#demo#ALL/YEAR#2026';

describe('the intake worker', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);

  beforeEach(() => {
    dynamoMock.reset();
    serveCommentStores(dynamoMock);
  });

  function transactions() {
    return dynamoMock.commandCalls(TransactWriteCommand).map((call) => summarise(call.args[0].input));
  }

  it('stores a batch of valid messages in one transaction, with one coalesced update per aggregate item and its month and year roll-ups', async () => {
    // Prepare
    dynamoMock.on(TransactWriteCommand).resolves({});
    const records = [
      jsonRecord('m1', surveyMessage(1, { survey: { overall: 'very_good', waitMinutes: 5 } })),
      jsonRecord('m2', surveyMessage(2, { survey: { overall: 'good', contact: { phone: '13800138000', consent: true } } })),
      jsonRecord('m3', surveyMessage(3, { survey: { overall: 'good', waitMinutes: 40 } })),
    ];

    // Act
    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), records);

    // Assess
    expect(outcome).toEqual({ response: { batchItemFailures: [] }, stored: 3, duplicates: 0, complaints: 0 });
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const [transaction] = transactions();
    expect(transaction?.puts).toEqual([
      { pk: `SURVEY#${uuidFor(1)}`, sk: 'SURVEY' },
      { pk: `SURVEY#${uuidFor(2)}`, sk: 'SURVEY' },
      { pk: `SURVEY#${uuidFor(2)}`, sk: 'CONTACT' },
      { pk: `SURVEY#${uuidFor(3)}`, sk: 'SURVEY' },
    ]);
    const expected = { survey_n: 3, survey_overall_very_good: 1, survey_overall_good: 2, survey_wait_n: 2, survey_wait_minutes_sum: 45, survey_wait_within15: 1, survey_contact_requested: 1 };
    expect(transaction?.counters).toEqual({ [WARD_DAY]: expected, [SITE_DAY]: expected, [WARD_MONTH]: expected, [SITE_MONTH]: expected, [WARD_YEAR]: expected, [SITE_YEAR]: expected });
  });

  it('fits the worst batch in one transaction: ten messages each with a comment and a contact, each in its own department, day, month and year', () => {
    const messages = Array.from({ length: MAX_MESSAGES_PER_TRANSACTION }, (_, n) => surveyMessage(n + 1, {
      departmentId: `ward-${n}`, receivedAt: `${2016 + n}-0${1 + (n % 9)}-15T08:00:00.000+00:00`,
      survey: { comment: '很好', contact: { name: '王', phone: '13800138000', consent: true } },
    }));
    expect(buildSurveyTransaction(TEST_TABLE, messages, DEFAULT_RETENTION, new Date())).toHaveLength(100);
  });

  it('guards every response with "does not exist yet", keeps contact details apart, and sets both expiry times', async () => {
    dynamoMock.on(TransactWriteCommand).resolves({});
    const message = surveyMessage(1, { survey: { contact: { name: '王女士', phone: '13800138000', consent: true } } });

    await processIntakeBatch(worker({ surveyDays: 730, contactDays: 90 }), [jsonRecord('m1', message)]);

    const received = Date.UTC(2026, 10, 22, 16, 30) / 1000;
    const items = dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Put).toEqual({
      TableName: TEST_TABLE,
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: {
        pk: `SURVEY#${uuidFor(1)}`, sk: 'SURVEY', submissionId: uuidFor(1), overall: 'good', siteId: 'demo', departmentId: 'cardiology-ward',
        receivedAt: message.receivedAt, contactRequested: true, expiresAt: received + 730 * 86_400,
      },
    });
    expect(items[1]?.Put?.Item).toEqual({ pk: `SURVEY#${uuidFor(1)}`, sk: 'CONTACT', name: '王女士', phone: '13800138000', consent: true, expiresAt: received + 90 * 86_400 });
  });

  it('stores the text of a message as the intake escapes it (ASCII) and as messages queued before were (UTF-8) exactly alike', async () => {
    // Prepare
    dynamoMock.on(TransactWriteCommand).resolves({});
    const comment = '很好 👍 𠮷 שלום e\u0301';
    const escaped = surveyMessage(1, { survey: { comment, contact: { name: '𠮷田', phone: '13800138000', consent: true } } });
    const plain = surveyMessage(2, { survey: { comment } });

    // Act
    await processIntakeBatch(worker(DEFAULT_RETENTION), [sqsRecord('escaped', asciiJson(escaped)), sqsRecord('plain', JSON.stringify(plain))]);

    // Assess
    const items = dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const puts = items.flatMap((item) => (item.Put === undefined ? [] : [item.Put.Item]));
    // The response, its copies for the reports' recent comments (its department's and its site's), the
    // contact; then the second response and its copies.
    expect(puts.map((item): unknown => item?.comment ?? item?.text)).toEqual([comment, comment, comment, undefined, comment, comment, comment]);
    expect(puts.slice(1, 3).map((item): unknown => item?.pk)).toEqual(['COMMENTS#demo#cardiology-ward', 'COMMENTS#demo#ALL']);
    expect(puts[3]?.name).toBe('𠮷田');
  });

  it('does not count a message already stored: the cancelled transaction is retried without it', async () => {
    // Prepare: message 2 (item index 1) was stored by an earlier delivery.
    dynamoMock.on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'ConditionalCheckFailed', 'None', 'None', 'None']))
      .resolves({});
    const records = [1, 2, 3].map((n) => jsonRecord(`m${n}`, surveyMessage(n, { survey: { overall: 'good' } })));

    // Act
    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), records);

    // Assess
    expect(outcome).toEqual({ response: { batchItemFailures: [] }, stored: 2, duplicates: 1, complaints: 0 });
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    const retried = transactions()[1];
    expect(retried?.puts.map((p) => p.pk)).toEqual([`SURVEY#${uuidFor(1)}`, `SURVEY#${uuidFor(3)}`]);
    expect(retried?.counters[WARD_DAY]).toEqual({ survey_n: 2, survey_overall_good: 2 });
    expect(retried?.counters[SITE_DAY]).toEqual({ survey_n: 2, survey_overall_good: 2 });
  });

  it('writes nothing more when every message of the batch was already stored', async () => {
    dynamoMock.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None', 'None']));

    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), [jsonRecord('m1', surveyMessage(1))]);

    expect(outcome).toEqual({ response: { batchItemFailures: [] }, stored: 0, duplicates: 1, complaints: 0 });
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('counts the same submission delivered twice in one batch once', async () => {
    dynamoMock.on(TransactWriteCommand).resolves({});
    const twice = surveyMessage(1, { survey: { overall: 'poor' } });

    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), [jsonRecord('m1', twice), jsonRecord('m1-again', twice)]);

    expect(outcome).toEqual({ response: { batchItemFailures: [] }, stored: 1, duplicates: 1, complaints: 0 });
    expect(transactions()[0]?.counters[WARD_DAY]).toEqual({ survey_n: 1, survey_overall_poor: 1 });
  });

  it('reports an unparseable record in batchItemFailures and stores the others', async () => {
    // Prepare
    dynamoMock.on(TransactWriteCommand).resolves({});
    const records = [
      jsonRecord('good-1', surveyMessage(1)),
      sqsRecord('not-json', '{"kind":"survey",'),
      jsonRecord('wrong-shape', { kind: 'survey', survey: { overall: 'good' } }),
      jsonRecord('unknown-kind', { ...surveyMessage(9), kind: 'complaint' }),
      jsonRecord('good-2', surveyMessage(2)),
    ];

    // Act
    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), records);

    // Assess
    expect(outcome.response.batchItemFailures).toEqual([{ itemIdentifier: 'not-json' }, { itemIdentifier: 'wrong-shape' }, { itemIdentifier: 'unknown-kind' }]);
    expect(outcome.stored).toBe(2);
    expect(transactions()).toHaveLength(1);
    expect(transactions()[0]?.puts.map((p) => p.pk)).toEqual([`SURVEY#${uuidFor(1)}`, `SURVEY#${uuidFor(2)}`]);
    expect(transactions()[0]?.counters[WARD_DAY]?.survey_n).toBe(2);
  });

  it('writes nothing for a batch with nothing readable, and fails every record', async () => {
    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), [sqsRecord('a', 'null'), sqsRecord('b', '[]')]);

    expect(outcome.response.batchItemFailures).toEqual([{ itemIdentifier: 'a' }, { itemIdentifier: 'b' }]);
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('retries a transaction that lost a conflict with another worker', async () => {
    dynamoMock.on(TransactWriteCommand).rejectsOnce(cancelled(['None', 'None', 'TransactionConflict'])).resolves({});

    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), [jsonRecord('m1', surveyMessage(1))]);

    expect(outcome).toEqual({ response: { batchItemFailures: [] }, stored: 1, duplicates: 0, complaints: 0 });
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('when the batch cannot be written, stores record by record and fails only the records that still cannot be', async () => {
    // Prepare: any transaction holding message 2 fails; the others succeed alone.
    const poisoned = `SURVEY#${uuidFor(2)}`;
    dynamoMock.on(TransactWriteCommand).callsFake((input: TransactWriteCommand['input']) => {
      if (summarise(input).puts.some((p) => p.pk === poisoned)) throw new InternalServerError({ message: 'internal', $metadata: {} });
      return {};
    });
    const records = [1, 2, 3].map((n) => jsonRecord(`m${n}`, surveyMessage(n)));

    // Act
    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), records);

    // Assess
    expect(outcome).toEqual({ response: { batchItemFailures: [{ itemIdentifier: 'm2' }] }, stored: 2, duplicates: 0, complaints: 0 });
    expect(transactions().map((t) => t.puts.map((p) => p.pk))).toEqual([
      [`SURVEY#${uuidFor(1)}`, poisoned, `SURVEY#${uuidFor(3)}`],
      [`SURVEY#${uuidFor(1)}`],
      [poisoned],
      [`SURVEY#${uuidFor(3)}`],
    ]);
  });

  it('fails every record when DynamoDB is down, so SQS redelivers them all', async () => {
    dynamoMock.on(TransactWriteCommand).rejects(new InternalServerError({ message: 'internal', $metadata: {} }));

    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION), [jsonRecord('m1', surveyMessage(1)), jsonRecord('m2', surveyMessage(2))]);

    expect(outcome).toEqual({ response: { batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }] }, stored: 0, duplicates: 0, complaints: 0 });
  });
});

describe('a change\'s notice on the intake queue (queued there before notices had their own queue)', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  const notice = { kind: 'case-notice', complaintId: 'aaaaaaaa-0000-4000-8000-000000000009', raisedToCritical: false, owner: 'head', handlerDepartmentId: 'medical-affairs' };

  beforeEach(() => {
    dynamoMock.reset();
  });

  it('is passed on to the notify queue as it is, and stores and counts nothing', async () => {
    const queued: NotifyMessage[] = [];

    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION, (message) => { queued.push(message); return Promise.resolve(); }), [jsonRecord('n1', notice)]);

    expect(outcome).toEqual({ response: { batchItemFailures: [] }, stored: 0, duplicates: 0, complaints: 0 });
    expect(queued.map((message) => NotifyMessageSchema.parse(message))).toEqual([notice]);
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('fails the message while the notify queue refuses it, so SQS tries it again', async () => {
    dynamoMock.on(TransactWriteCommand).resolves({});

    const outcome = await processIntakeBatch(worker(DEFAULT_RETENTION, () => Promise.reject(new Error('throttled'))), [jsonRecord('n1', notice), jsonRecord('m1', surveyMessage(1))]);

    expect(outcome.response.batchItemFailures).toEqual([{ itemIdentifier: 'n1' }]);
    expect(outcome.stored).toBe(1);
  });
});
