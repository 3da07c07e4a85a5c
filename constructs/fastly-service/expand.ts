import type {
  ExpandedFastlyServiceProps,
  FastlyCondition,
  FastlyForceTls,
  FastlyHeader,
  FastlyHostRedirect,
  FastlyHsts,
  FastlyOriginToken,
  FastlyRedirectStatus,
  FastlyRequestSetting,
  FastlyResponseObject,
  FastlyServiceProps,
} from "./types";

const REASON: Record<FastlyRedirectStatus, string> = { 301: "Moved Permanently", 302: "Found", 307: "Temporary Redirect", 308: "Permanent Redirect" };

/**
 * The props with the convenience props written out as plain blocks, added after the caller's own. It runs
 * before the checks, which then see every name and reference the service will have, generated or written;
 * so it must not fail on props the checks refuse. (That the required ones are there is the inventory's
 * check, and the types'.)
 */
export function expandFastlyService(props: FastlyServiceProps): ExpandedFastlyServiceProps {
  const { hostRedirects, hsts, forceTls, ...rest } = props;
  const redirects = (hostRedirects ?? []).map(expandHostRedirect);
  return {
    ...rest,
    conditions: [...(props.conditions ?? []), ...redirects.flatMap((r) => r.conditions)],
    headers: [...(props.headers ?? []), ...hsts.map(expandHsts), ...redirects.map((r) => r.header)],
    responseObjects: [...(props.responseObjects ?? []), ...redirects.map((r) => r.responseObject)],
    requestSettings: [expandForceTls(forceTls), ...(props.requestSettings ?? [])],
  };
}

/**
 * A whole-host redirect the way Fastly's UI builds one: a REQUEST condition on the Host header selects a
 * synthetic response, and a RESPONSE condition on it adds the Location header.
 */
function expandHostRedirect(redirect: FastlyHostRedirect): {
  conditions: FastlyCondition[];
  responseObject: FastlyResponseObject;
  header: FastlyHeader;
} {
  const status = redirect.status ?? 301;
  const hostIs = `req.http.host == "${redirect.fromHost}"`;
  return {
    conditions: [
      { name: redirect.name, type: "REQUEST", statement: hostIs, priority: 1 },
      { name: `${redirect.name} location`, type: "RESPONSE", statement: hostIs },
    ],
    responseObject: { name: redirect.name, status, response: REASON[status], requestCondition: redirect.name },
    header: {
      name: `${redirect.name} location`,
      type: "response",
      action: "set",
      destination: "http.Location",
      sourceExpression: `"${redirect.toOrigin}" + req.url`,
      responseCondition: `${redirect.name} location`,
    },
  };
}

function expandHsts(hsts: FastlyHsts): FastlyHeader {
  const value = [
    `max-age=${hsts.maxAgeSeconds}`,
    ...(hsts.includeSubDomains ? ["includeSubDomains"] : []),
    ...(hsts.preload ? ["preload"] : []),
  ].join("; ");
  return {
    name: hsts.name,
    type: "response",
    action: "set",
    destination: "http.Strict-Transport-Security",
    sourceExpression: `"${value}"`,
    ignoreIfSet: false,
    ...(hsts.responseCondition === undefined ? {} : { responseCondition: hsts.responseCondition }),
    ...(hsts.priority === undefined ? {} : { priority: hsts.priority }),
  };
}

function expandForceTls(forceTls: FastlyForceTls): FastlyRequestSetting {
  // Field by field, so that nothing (a condition above all) can narrow the setting that covers every request.
  return {
    name: forceTls.name,
    forceSsl: true,
    xff: forceTls.xff,
    maxStaleAge: forceTls.maxStaleAge,
    bypassBusyWait: forceTls.bypassBusyWait,
  };
}

/**
 * The request header that carries the shared secret the origins check, which accept only requests that
 * carry it. `token` is a reference to a sensitive variable: the secret itself is never in the code.
 */
export function originTokenHeader(rule: FastlyOriginToken, token: string): FastlyHeader {
  return {
    name: rule.name ?? `origin token ${rule.header}`,
    type: "request",
    action: "set",
    destination: `http.${rule.header}`,
    sourceExpression: `"${token}"`,
    ...(rule.priority === undefined ? {} : { priority: rule.priority }),
  };
}
