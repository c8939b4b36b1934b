/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as audit from "../audit.js";
import type * as auth from "../auth.js";
import type * as consents from "../consents.js";
import type * as crons from "../crons.js";
import type * as dataRequests from "../dataRequests.js";
import type * as demo from "../demo.js";
import type * as erasures from "../erasures.js";
import type * as exports from "../exports.js";
import type * as http from "../http.js";
import type * as imports from "../imports.js";
import type * as lib_accounts from "../lib/accounts.js";
import type * as lib_audit from "../lib/audit.js";
import type * as lib_consent from "../lib/consent.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_importBatch from "../lib/importBatch.js";
import type * as lib_importDryRun from "../lib/importDryRun.js";
import type * as lib_importRuns from "../lib/importRuns.js";
import type * as lib_importUndo from "../lib/importUndo.js";
import type * as lib_literals from "../lib/literals.js";
import type * as lib_looseDb from "../lib/looseDb.js";
import type * as lib_outboxCampaign from "../lib/outboxCampaign.js";
import type * as lib_outboxEnqueue from "../lib/outboxEnqueue.js";
import type * as lib_outboxPolicy from "../lib/outboxPolicy.js";
import type * as lib_readBudget from "../lib/readBudget.js";
import type * as lib_recordDocs from "../lib/recordDocs.js";
import type * as lib_recordHistory from "../lib/recordHistory.js";
import type * as lib_recordQueries from "../lib/recordQueries.js";
import type * as lib_recordValidators from "../lib/recordValidators.js";
import type * as lib_retention from "../lib/retention.js";
import type * as lib_searchText from "../lib/searchText.js";
import type * as lib_signInLimits from "../lib/signInLimits.js";
import type * as lib_tableValidators from "../lib/tableValidators.js";
import type * as meta from "../meta.js";
import type * as notifications from "../notifications.js";
import type * as outbox from "../outbox.js";
import type * as personData from "../personData.js";
import type * as preferences from "../preferences.js";
import type * as records from "../records.js";
import type * as retention from "../retention.js";
import type * as setup from "../setup.js";
import type * as staff from "../staff.js";
import type * as users from "../users.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  audit: typeof audit;
  auth: typeof auth;
  consents: typeof consents;
  crons: typeof crons;
  dataRequests: typeof dataRequests;
  demo: typeof demo;
  erasures: typeof erasures;
  exports: typeof exports;
  http: typeof http;
  imports: typeof imports;
  "lib/accounts": typeof lib_accounts;
  "lib/audit": typeof lib_audit;
  "lib/consent": typeof lib_consent;
  "lib/functions": typeof lib_functions;
  "lib/importBatch": typeof lib_importBatch;
  "lib/importDryRun": typeof lib_importDryRun;
  "lib/importRuns": typeof lib_importRuns;
  "lib/importUndo": typeof lib_importUndo;
  "lib/literals": typeof lib_literals;
  "lib/looseDb": typeof lib_looseDb;
  "lib/outboxCampaign": typeof lib_outboxCampaign;
  "lib/outboxEnqueue": typeof lib_outboxEnqueue;
  "lib/outboxPolicy": typeof lib_outboxPolicy;
  "lib/readBudget": typeof lib_readBudget;
  "lib/recordDocs": typeof lib_recordDocs;
  "lib/recordHistory": typeof lib_recordHistory;
  "lib/recordQueries": typeof lib_recordQueries;
  "lib/recordValidators": typeof lib_recordValidators;
  "lib/retention": typeof lib_retention;
  "lib/searchText": typeof lib_searchText;
  "lib/signInLimits": typeof lib_signInLimits;
  "lib/tableValidators": typeof lib_tableValidators;
  meta: typeof meta;
  notifications: typeof notifications;
  outbox: typeof outbox;
  personData: typeof personData;
  preferences: typeof preferences;
  records: typeof records;
  retention: typeof retention;
  setup: typeof setup;
  staff: typeof staff;
  users: typeof users;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
