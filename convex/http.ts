// HTTP routes: Convex Auth's OpenID discovery document and JWKS, which the deployment reads to
// verify the tokens it issued. Nothing else is served over HTTP.
import { httpRouter } from 'convex/server';
import { auth } from './auth';

const http = httpRouter();
auth.addHttpRoutes(http);

export default http;
