/**
 * The public website: CloudFront in front of a private bucket holding the static files
 * (`web/static`) and, on the report, follow-up and statistics paths, in front of the public HTTP
 * API, so that the pages and the API they post to share one origin.
 *
 * The Edge stack's WAF is in front of it all (lib/constructs/edge-protection.ts).
 *
 * Nothing here records who visits: no CloudFront standard or real-time logs, no bucket access
 * logs, no WAF logs. What CloudFront passes to the API is an allow-list: no cookies, no query
 * strings but the statistics parameters, and of the viewer's headers only `Idempotency-Key` and
 * `Content-Type`. CloudFront itself replaces `User-Agent` with `Amazon CloudFront`, sets `Host` to
 * the origin's and drops `Referer`; it always appends the viewer's address to `X-Forwarded-For`
 * (no policy can stop that), which is why the API's access log and functions never read it.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import path from 'node:path';
import { STATISTICS_QUERY_PARAMETERS } from '../../functions/domain/statistics-view.ts';
import { PAGE_SECURITY_HEADERS } from '../../functions/pages/security-headers.ts';
import { NOT_FOUND_FILE, STATIC_PAGES, WELSH_FOLDER, WELSH_NOT_FOUND_FILE } from '../../functions/pages/static-pages.ts';
import { isProduction, type Stage } from '../stage.ts';
import { PROJECT_ROOT, STATIC_SITE_FOLDER } from '../project-layout.ts';

/** The paths CloudFront sends to the public API rather than the bucket (the pages' in English and in Welsh). */
export const API_PATHS = ['/report', '/reports', '/follow-up', '/cy/report', '/cy/follow-up'] as const;
export const STATISTICS_PATHS = ['/stats'] as const;

/**
 * The viewer headers the API receives. CloudFront forwards `Content-Type` (and `Content-Length`) of
 * a request with a body whatever the policy says; naming it costs nothing, identifies no one, and
 * does not leave a posted report depending on that.
 */
export const FORWARDED_HEADERS = ['Content-Type', 'Idempotency-Key', 'Accept-Language'] as const;

/**
 * The Welsh static pages, as the bucket has them: what /cy answers besides the API's paths.
 * CloudFront's default root object is for `/` alone, and its error page one for the whole
 * distribution (the English 404), so a CloudFront Function on the bucket's behaviour does for /cy
 * what the local gateway does (functions/pages/static-pages.ts staticPathFor and notFoundFileFor):
 * on the viewer's request, `/cy` and `/cy/` become the Welsh start page, and any other /cy/ path
 * the bucket does not have becomes the Welsh not-found page; on the response, that page is a 404.
 * The same code runs for both events (a viewer-response event carries `response`).
 */
const WELSH_FILES = Object.keys(STATIC_PAGES)
  .filter((name) => name.startsWith(`${WELSH_FOLDER}/`))
  .map((name) => `/${name}`);

export const WELSH_PAGES_FUNCTION_CODE = `var WELSH_FILES = ${JSON.stringify(Object.fromEntries(WELSH_FILES.map((file) => [file, true])))};
var NOT_FOUND = ${JSON.stringify(`/${WELSH_NOT_FOUND_FILE}`)};
function handler(event) {
  var request = event.request;
  if (event.response) {
    if (request.uri === NOT_FOUND) event.response.statusCode = 404;
    return event.response;
  }
  var uri = request.uri;
  if (uri === '/${WELSH_FOLDER}' || uri === '/${WELSH_FOLDER}/') request.uri = '/${WELSH_FOLDER}/index.html';
  else if (uri.indexOf('/${WELSH_FOLDER}/') === 0 && !WELSH_FILES[uri]) request.uri = NOT_FOUND;
  return request;
}
`;

/** CloudFront sets these itself, from the security headers below; the rest are custom headers. */
const SECURITY_HEADER_NAMES = [
  'Content-Security-Policy',
  'Strict-Transport-Security',
  'X-Frame-Options',
  'Referrer-Policy',
  'X-Content-Type-Options',
] as const;

const securityHeadersBehavior = (): ResponseSecurityHeadersBehavior => {
  const headers: Readonly<Record<string, string>> = PAGE_SECURITY_HEADERS;
  const hsts = /^max-age=(\d+)((?:;\s*includeSubDomains)?)((?:;\s*preload)?)$/i.exec(headers['Strict-Transport-Security'] ?? '');
  const frameOption = Object.values(HeadersFrameOption).find((option) => option === headers['X-Frame-Options']);
  const referrerPolicy = Object.values(HeadersReferrerPolicy).find((policy) => policy === headers['Referrer-Policy']);
  if (hsts === null || frameOption === undefined || referrerPolicy === undefined || headers['X-Content-Type-Options'] !== 'nosniff') {
    throw new Error('PAGE_SECURITY_HEADERS has a value a CloudFront response headers policy cannot express');
  }
  return {
    contentSecurityPolicy: { contentSecurityPolicy: headers['Content-Security-Policy'] ?? '', override: true },
    strictTransportSecurity: {
      accessControlMaxAge: Duration.seconds(Number(hsts[1])),
      includeSubdomains: hsts[2] !== '',
      preload: hsts[3] !== '',
      override: true,
    },
    frameOptions: { frameOption, override: true },
    referrerPolicy: { referrerPolicy, override: true },
    contentTypeOptions: { override: true },
  };
};

export interface PublicWebsiteProps {
  readonly stage: Stage;
  /** The public HTTP API (PublicApi's), served under the API paths. */
  readonly api: HttpApi;
  /** The web ACL in front of the distribution (the Edge stack's, lib/constructs/edge-protection.ts). */
  readonly webAclArn: string;
  /**
   * The header CloudFront adds to every request it sends the API, with the secret the public
   * functions check (lib/constructs/cloudfront-origin-secret.ts): only what comes through here is answered.
   */
  readonly originHeaders: Readonly<Record<string, string>>;
}

export class PublicWebsite extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  /** https://<the distribution's domain name> */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicWebsiteProps) {
    super(scope, id);
    const production = isProduction(props.stage);

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !production,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "Server access logs deliberately off: the only reader is CloudFront, and the files are published. The distribution's logs are off too, since they would record reporters' IP addresses and user agents.",
    });

    const responseHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'The website security headers (functions/pages/security-headers.ts)',
      securityHeadersBehavior: securityHeadersBehavior(),
      customHeadersBehavior: {
        customHeaders: Object.entries(PAGE_SECURITY_HEADERS)
          .filter(([header]) => !(SECURITY_HEADER_NAMES as readonly string[]).includes(header))
          .map(([header, value]) => ({ header, value, override: true })),
      },
      removeHeaders: ['Server'],
    });

    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { ...props.originHeaders },
    });
    const apiRequests = (name: string, queryStrings: readonly string[]) =>
      new OriginRequestPolicy(this, name, {
        comment: `To the public API: ${FORWARDED_HEADERS.join(' and ')} only, no cookies${queryStrings.length === 0 ? ', no query string' : `, query ${queryStrings.join(', ')}`}`,
        cookieBehavior: OriginRequestCookieBehavior.none(),
        headerBehavior: OriginRequestHeaderBehavior.allowList(...FORWARDED_HEADERS),
        queryStringBehavior:
          queryStrings.length === 0 ? OriginRequestQueryStringBehavior.none() : OriginRequestQueryStringBehavior.allowList(...queryStrings),
      });
    const toApi = (originRequestPolicy: OriginRequestPolicy): BehaviorOptions => ({
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy,
      responseHeadersPolicy: responseHeaders,
    });
    const reportRequests = toApi(apiRequests('ApiRequests', []));
    const statisticsRequests = toApi(apiRequests('StatisticsRequests', STATISTICS_QUERY_PARAMETERS));
    const behaviours = (paths: readonly string[], behaviour: BehaviorOptions) =>
      paths.flatMap((p) => [
        [p, behaviour],
        [`${p}/*`, behaviour],
      ]);

    const welshPages = new CloudFrontFunction(this, 'WelshPages', {
      comment: 'The Welsh start page at /cy/, and the Welsh not-found page (404) for any other /cy/ path the site does not have',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(WELSH_PAGES_FUNCTION_CODE),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Police anti-corruption reporting website (${props.stage})`,
      webAclId: props.webAclArn,
      defaultRootObject: 'index.html',
      // The bucket answers 403 for a file it does not have (CloudFront may not list it): the
      // visitor gets the site's own not-found page. The public API's paths never answer 403.
      errorResponses: [{ httpStatus: 403, responseHttpStatus: 404, responsePagePath: `/${NOT_FOUND_FILE}`, ttl: Duration.minutes(5) }],
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: responseHeaders,
        functionAssociations: [
          { function: welshPages, eventType: FunctionEventType.VIEWER_REQUEST },
          { function: welshPages, eventType: FunctionEventType.VIEWER_RESPONSE },
        ],
      },
      additionalBehaviors: Object.fromEntries([
        ...behaviours(API_PATHS, reportRequests),
        ...behaviours(STATISTICS_PATHS, statisticsRequests),
      ]) as Record<string, BehaviorOptions>,
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    // The site's files as one asset, so that the grant on the CDK asset bucket can be named below.
    const files = new Asset(this, 'StaticFiles', { path: path.join(PROJECT_ROOT, STATIC_SITE_FOLDER), exclude: ['.*'] });
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.bucket(files.bucket, files.s3ObjectKey)],
      destinationBucket: this.bucket,
      prune: true,
      // Pages and assets change together: without this the edge would serve the old ones for a day.
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    this.acknowledgeDeploymentFunction(deployment, files);

    const distribution = this.distribution.node.defaultChild as CfnDistribution;
    for (const [id, reason] of Object.entries(DISTRIBUTION_ACKNOWLEDGEMENTS)) Validations.of(distribution).acknowledge({ id, reason });
  }

  /**
   * CDK's BucketDeployment runs one function of its own, at deploy time only, that copies the
   * site's zip from the CDK asset bucket into the website bucket and invalidates the distribution.
   * It never sees a request, let alone a report. These are the permissions CDK gives it.
   */
  private acknowledgeDeploymentFunction(deployment: BucketDeployment, files: Asset): void {
    const stack = Stack.of(this);
    const websiteBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const assetObjects = flattenReference(stack.resolve(files.bucket.arnForObjects('*')));
    const deploymentFunction = deployment.handlerRole.node.scope;
    if (deploymentFunction === undefined) throw new Error('The BucketDeployment role has no function');
    const acknowledgements: Record<string, string> = {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        "CDK's deploy-time copy function: the basic execution policy lets it write its own logs, which hold file names, never a request.",
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'CDK grantRead/grantReadWrite on the asset bucket and the website bucket only (see the Resource findings).',
      'AwsSolutions-IAM5[Action::s3:GetObject*]': 'CDK grantRead/grantReadWrite on the asset bucket and the website bucket only (see the Resource findings).',
      'AwsSolutions-IAM5[Action::s3:List*]': 'CDK grantRead/grantReadWrite on the asset bucket and the website bucket only: listing is how it prunes.',
      'AwsSolutions-IAM5[Action::s3:Abort*]': 'CDK grantReadWrite on the website bucket only: aborts its own failed multipart uploads.',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 'CDK grantReadWrite on the website bucket only: prune deletes files no longer in web/static.',
      [`AwsSolutions-IAM5[Resource::<${websiteBucket}.Arn>/*]`]: "Every object in the website bucket: the deployment replaces the whole site and prunes what is gone. The bucket holds nothing but the site's public files.",
      [`AwsSolutions-IAM5[Resource::${assetObjects}]`]: "Read-only, the CDK bootstrap asset bucket's objects: the zip of web/static is there, under a key known only at deploy time.",
      'AwsSolutions-IAM5[Resource::*]': 'cloudfront:CreateInvalidation and GetInvalidation, which BucketDeployment grants on * to invalidate the distribution after a deployment.',
      'AwsSolutions-L1': "CDK's BucketDeployment pins the Python runtime its AWS CLI layer is built for; it runs only at deploy time, on the site's public files.",
    };
    for (const [id, reason] of Object.entries(acknowledgements)) Validations.of(deploymentFunction).acknowledge({ id, reason });
  }
}

const DISTRIBUTION_ACKNOWLEDGEMENTS: Readonly<Record<string, string>> = {
  'AwsSolutions-CFR1':
    'No geo restriction: reporters may be abroad (on holiday, posted overseas, or having fled an abusive partner) and must still be able to report a UK officer.',
  'AwsSolutions-CFR3':
    "Access logs deliberately off: CloudFront's standard and real-time logs record every viewer's IP address and user agent, which would identify reporters. Operators have CloudFront's aggregate metrics and the API's access log, which holds no address.",
  'AwsSolutions-CFR4':
    "The default *.cloudfront.net certificate, with which CloudFront cannot be told to refuse TLSv1; the minimum protocol version can be raised to TLSv1.2_2021 once the site has its own domain and an ACM certificate in us-east-1.",
};

/** A resolved CloudFormation value as cdk-nag writes it in a finding: `Ref`s and `Fn::Sub` variables as `<Name>`. */
const flattenReference = (value: unknown): string => {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const intrinsic = value as Record<string, unknown>;
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(flattenReference).join(separator);
  }
  if ('Fn::Sub' in intrinsic) return flattenReference(intrinsic['Fn::Sub']);
  if ('Ref' in intrinsic) return `<${String(intrinsic.Ref)}>`;
  if ('Fn::GetAtt' in intrinsic) {
    const [logicalId, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    return `<${logicalId}.${attribute}>`;
  }
  return JSON.stringify(value);
};
