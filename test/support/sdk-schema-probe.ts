import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../../shared/aws/dynamodb.ts';
import { sendMail } from '../../shared/aws/ses.ts';

// Run by test/unit/aws/sdk-schemas.test.ts from source and as a bundle (infra/bundling.ts rewrites the SDK's
// schema files): each call's outcome, the result it parsed or the error it named.

const outcome = async (call: () => Promise<unknown>): Promise<unknown> => {
  try {
    return { result: await call() };
  } catch (error) {
    return { error: error instanceof Error ? error.name : String(error) };
  }
};

export const probe = async (): Promise<unknown[]> => [
  await outcome(() => sendMail({ from: 'digest@hospital.example.cn', to: ['a@hospital.example.cn'], subject: '满意度', text: '本月', html: '<p>本月</p>', headers: [{ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' }] })),
  await outcome(() => sendMail({ from: 'office@hospital.example.cn', to: ['a@hospital.example.cn'], cc: ['b@hospital.example.cn'], subject: '投诉 C-1', text: '已受理', html: '<p>已受理</p>' })),
  await outcome(() => dynamoDb.send(new GetCommand({ TableName: 't', Key: { pk: 'SITE#demo', sk: 'META' } }))),
  await outcome(() => dynamoDb.send(new PutCommand({ TableName: 't', Item: { pk: 'SITE#demo', sk: 'META', n: 3 }, ConditionExpression: 'attribute_not_exists(pk)' }))),
];
