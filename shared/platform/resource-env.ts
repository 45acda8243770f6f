// Environment variable names through which functions find their resources, in AWS and locally.
// The CDK stack and the local runtime both set them; handlers read them once at module scope.
export const env = {
  tableName: 'TABLE_NAME',
  intakeQueueUrl: 'INTAKE_QUEUE_URL',
  intakeDeadLetterQueueUrl: 'INTAKE_DLQ_URL',
  notifyQueueUrl: 'NOTIFY_QUEUE_URL',
  notifyDeadLetterQueueUrl: 'NOTIFY_DLQ_URL',
  signingKeySecretArn: 'SIGNING_KEY_SECRET_ARN',
  signingKey: 'SIGNING_KEY',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  mailFrom: 'MAIL_FROM',
  operatorEmail: 'OPERATOR_EMAIL',
  /** Well-formed public submissions a minute from one address (a hospital's guest Wi-Fi); also tracking look-ups. */
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  /** Well-formed public submissions a minute from one device (the page's cookie). */
  rateLimitDevicePerMinute: 'RATE_LIMIT_DEVICE_PER_MINUTE',
  /** Refused public bodies (failed validation, unknown codes) a minute from one address. */
  rateLimitRefusedPerMinute: 'RATE_LIMIT_REFUSED_PER_MINUTE',
  contactRetentionDays: 'CONTACT_RETENTION_DAYS',
  surveyRetentionDays: 'SURVEY_RETENTION_DAYS',
  /** The token issuer: the Cognito user pool in AWS, the local issuer locally. */
  authIssuer: 'AUTH_ISSUER',
  /** Comma-separated app-client ids whose tokens are accepted (the admin pages' client and the machine client). */
  authClientIds: 'AUTH_CLIENT_IDS',
  /** Base URL of the hosted sign-in (Cognito's domain in AWS, the local issuer locally): /oauth2/authorize, /oauth2/token, /logout. */
  authSignInUrl: 'AUTH_SIGN_IN_URL',
  /** The admin pages' app client (authorization code with PKCE, no secret). */
  authAdminClientId: 'AUTH_ADMIN_CLIENT_ID',
  /** The Cognito user pool whose global sign-out sign-out calls; unset locally, where there is no pool. */
  authUserPoolId: 'AUTH_USER_POOL_ID',
  /** JSON object: machine client id → the site ids it may post for. */
  machineClientSites: 'MACHINE_CLIENT_SITES',
} as const;
