// The local issuer's app clients, mirroring the Cognito app clients of the CDK stack: one public client
// for the admin pages (authorization code with PKCE) and one machine client (client credentials).
export const ADMIN_CLIENT_ID = 'patient-feedback-admin';
export const MACHINE_CLIENT_ID = 'his-integration';
