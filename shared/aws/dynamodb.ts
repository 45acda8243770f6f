import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// One client per process. The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB locally, so code is the same.
const client = new DynamoDBClient({});
// The SDK's logger middleware walks every request and response through the operation's schema to hide
// sensitive fields, then hands the copy to the client's logger, which (none being given) discards it. On a
// report's hundreds of items that walk was the largest CPU cost of a staff page; nothing reads those logs.
client.middlewareStack.remove('loggerMiddleware');
export const dynamoDb = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});

/** Throws unless the table answers (the health probe). */
export async function describeTable(table: string): Promise<void> {
  await dynamoDb.send(new DescribeTableCommand({ TableName: table }));
}
