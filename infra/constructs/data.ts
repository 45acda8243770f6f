import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { INDEXES, TTL_ATTRIBUTE } from '../../shared/storage/keys.ts';
import { acknowledge } from '../nag.ts';

/**
 * Everything stateful: the one table (records and aggregates), the survey-code signing key, and the
 * customer-managed KMS key that encrypts them, the queues and the logs. Retained on stack deletion:
 * patient feedback outlives any deployment.
 */
export class FeedbackData extends Construct {
  readonly key: Key;
  readonly table: Table;
  readonly signingKey: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'DataKey', {
      description: 'Patient feedback: table, queues, signing key and logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the functions' and the API's log groups with this key, and only log groups
    // of this account and region may use it (the encryption context CloudWatch Logs sends).
    const { partition, region, account } = Stack.of(this);
    this.key.grantEncryptDecrypt(new ServicePrincipal(`logs.${region}.amazonaws.com`, {
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` } },
    }));

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of Object.values(INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
    acknowledge(this.table, { id: 'HIPAA.Security-DynamoDBInBackupPlan', reason: 'Point-in-time recovery (35 days) is on, with deletion protection and a retain policy; an AWS Backup plan with a vault and retention beyond that is an account-level decision of the hospital operator, usually made once for every workload.' });

    this.signingKey = new Secret(this, 'SigningKey', {
      description: 'Signs survey codes (QR posters) and salts rate-limit hashes',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const noRotation = 'The signing key signs the survey codes printed on QR posters: automatic rotation would void every poster on the wards. It is rotated deliberately, with every poster reprinted; the codes of a single department are revoked without touching the key.';
    acknowledge(this.signingKey,
      { id: 'AwsSolutions-SMG4', reason: noRotation },
      { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason: noRotation },
    );
  }
}
