// Which tokens the deployment trusts: those Convex Auth (auth.ts) signs with JWT_PRIVATE_KEY,
// issued by this deployment's own site URL and checked against its JWKS (see http.ts).
export default {
  providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID: 'convex' }],
};
