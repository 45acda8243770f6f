import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, OAuthScope, ResourceServerScope, StringAttribute, UserPool, type UserPoolClient, UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { MACHINE_SCOPES, ROLES } from '../../shared/auth/identity.ts';
import { acknowledge } from '../nag.ts';

/** The scope names under the resource server (`patient-feedback/discharges.write`). */
const RESOURCE_SERVER = 'patient-feedback';
const scopeName = (scope: string) => scope.slice(RESOURCE_SERVER.length + 1);

export interface StaffAuthProps {
  /** The API's URL: the admin pages' sign-in returns to `<apiUrl>/admin/callback`. */
  readonly apiUrl: string;
  /** Globally unique prefix of the hosted sign-in domain. */
  readonly domainPrefix: string;
  /** The sites the machine client (HIS, call centre) may post for. */
  readonly machineClientSites: readonly string[];
}

/**
 * Staff identity in AWS: a Cognito user pool whose groups are the roles and whose custom attributes are
 * the sites and departments; the admin pages' client (authorization code with PKCE on the hosted sign-in)
 * and a machine client (client credentials) for integrations; the HTTP API's JWT authorizer.
 */
export class StaffAuth extends Construct {
  readonly userPool: UserPool;
  readonly adminClient: UserPoolClient;
  readonly machineClient: UserPoolClient;
  readonly authorizer: HttpJwtAuthorizer;
  readonly issuer: string;
  readonly signInUrl: string;
  readonly machineClientSites: readonly string[];

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);
    this.machineClientSites = props.machineClientSites;
    this.userPool = new UserPool(this, 'Staff', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      customAttributes: { sites: new StringAttribute({ mutable: true, maxLen: 512 }), departments: new StringAttribute({ mutable: true, maxLen: 2048 }) },
      passwordPolicy: { minLength: 10, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      // Staff read health information: a second factor (an authenticator app) on every sign-in.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.NONE,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, { id: 'AwsSolutions-COG8', reason: 'Staff sign in with a required authenticator-app second factor, and Cognito locks out repeated failed sign-ins; the Plus tier\'s threat protection is a per-user cost the hospital can turn on later.' });
    for (const role of ROLES) new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role, description: `Role ${role}` });
    const domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const scopes = Object.values(MACHINE_SCOPES).map((s) => new ResourceServerScope({ scopeName: scopeName(s), scopeDescription: s }));
    const server = new UserPoolResourceServer(this, 'Api', { userPool: this.userPool, identifier: RESOURCE_SERVER, scopes });

    this.adminClient = this.userPool.addClient('AdminPages', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE],
        callbackUrls: [`${props.apiUrl}/admin/callback`],
        logoutUrls: [`${props.apiUrl}/admin/signed-out`],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
    });
    this.machineClient = this.userPool.addClient('Integrations', {
      generateSecret: true,
      authFlows: {},
      oAuth: { flows: { clientCredentials: true }, scopes: scopes.map((s) => OAuthScope.resourceServer(server, s)) },
      accessTokenValidity: Duration.hours(1),
    });

    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.signInUrl = domain.baseUrl();
    this.authorizer = new HttpJwtAuthorizer('StaffJwt', this.issuer, {
      jwtAudience: [this.adminClient.userPoolClientId, this.machineClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
