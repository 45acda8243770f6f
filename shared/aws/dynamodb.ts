import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// One client per process. The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB locally, so code is the same.
export const dynamoDb = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

/** Throws unless the table answers (the health probe). */
export async function describeTable(table: string): Promise<void> {
  await dynamoDb.send(new DescribeTableCommand({ TableName: table }));
}
