import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, type IHttpRouteAuthorizer, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';
import type { FunctionName, RouteAccess, RouteSpec } from '../topology.ts';

/** Why a route has no API Gateway authorizer; staff and integration routes always have the JWT authorizer. */
const NO_AUTHORIZER_BECAUSE: Record<Exclude<RouteAccess, 'staff' | 'integration'>, string> = {
  public: 'Patient routes are public by design: patients scan a QR code and answer without an account. Abuse is bounded by the stage throttle and the per-source rate limit in the intake handler; survey codes are signed.',
  'staff-page': 'The admin pages are opened by a browser with the HttpOnly session cookie, which an API Gateway JWT authorizer cannot read; the handler verifies the session with the same token verifier and refuses what the access policy does not allow.',
};

// Access log fields: enough to trace a request, never the source IP (patients are anonymous).
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
});

/** The HTTP API: one route per topology route, throttled at the stage, access-logged to an encrypted log group. */
export class PublicApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: { readonly logKey: IKey }) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', { description: 'Patient feedback', createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR, encryptionKey: props.logKey, removalPolicy: RemovalPolicy.RETAIN });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.custom(ACCESS_LOG_FORMAT) },
    });
  }

  /** Staff and integration routes sit behind the JWT authorizer; patient routes and the cookie-signed admin pages do not. */
  addTopologyRoutes(routes: readonly RouteSpec[], lambda: (name: FunctionName) => IFunction, authorizer: IHttpRouteAuthorizer): void {
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.function);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`${route.function}Integration`, lambda(route.function));
        integrations.set(route.function, integration);
      }
      const bearer = route.access === 'staff' || route.access === 'integration';
      const [added] = this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, ...(bearer ? { authorizer } : {}) });
      if (!bearer && added !== undefined) acknowledge(added, { id: 'AwsSolutions-APIG4', reason: NO_AUTHORIZER_BECAUSE[route.access] });
    }
  }
}
