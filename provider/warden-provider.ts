// The `warden` provider: configuration (endpoint, api_key, organization, ca_file, each
// also from the environment) and the registry of resources, data sources and ephemeral
// resources.
import { readCaFile } from '../sdk/ca-fetch.ts';
import { createWardenClient } from '../sdk/client.ts';
import { WardenApiError } from '../sdk/errors.ts';
import { describeTokenProblem } from '../sdk/token.ts';
import { WARDEN_VERSION } from '../sdk/generated/version.ts';
import type { ProviderDefinition } from './framework/definitions.ts';
import type { WardenProviderClient } from './client.ts';
import { createOrgCache } from './org-cache.ts';
import { apiKey } from './resources/api-key.ts';
import { role } from './resources/role.ts';
import { roleAssignment } from './resources/role-assignment.ts';
import { serviceAccount } from './resources/service-account.ts';
import { serviceAccountRoles } from './resources/service-account-roles.ts';
import { dataSources } from './data-sources/index.ts';
import { ephemeralResources } from './ephemeral/index.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export const wardenProvider: ProviderDefinition<WardenProviderClient> = {
  typeName: 'warden',
  schema: {
    description: 'Manages Warden machine identities: service accounts, roles, role assignments and API keys.',
    attributes: {
      endpoint: {
        type: 'string',
        optional: true,
        description: 'The Warden server URL, e.g. `http://127.0.0.1:8080`. Defaults to the `WARDEN_ENDPOINT` environment variable.',
      },
      api_key: {
        type: 'string',
        optional: true,
        sensitive: true,
        description: 'An API key with the permissions the configuration needs. Defaults to `WARDEN_API_KEY`.',
      },
      organization: { type: 'string', optional: true, description: "The organization's name. Defaults to `WARDEN_ORG`, else the API key's own organization." },
      ca_file: {
        type: 'string',
        optional: true,
        description:
          'Path to a PEM file of a private certificate authority to trust for an `https://` endpoint, besides the public ones. Defaults to the `WARDEN_CA_FILE` environment variable.',
      },
    },
  },
  async configure(config, diagnostics) {
    const endpoint = str(config.endpoint) ?? str(process.env.WARDEN_ENDPOINT);
    const key = str(config.api_key) ?? str(process.env.WARDEN_API_KEY);
    if (!endpoint) {
      diagnostics.error(
        'Missing Warden endpoint',
        'Set `endpoint` in the provider block or the WARDEN_ENDPOINT environment variable (for example http://127.0.0.1:8080).',
        ['endpoint'],
      );
    }
    if (!key) {
      diagnostics.error('Missing Warden API key', 'Set the WARDEN_API_KEY environment variable (preferred) or `api_key` in the provider block.', ['api_key']);
    } else if (describeTokenProblem(key)) {
      diagnostics.error('Malformed Warden API key', `The API key is not a Warden key: ${describeTokenProblem(key)}. Check WARDEN_API_KEY.`, ['api_key']);
    }
    const caFile = str(config.ca_file) ?? str(process.env.WARDEN_CA_FILE);
    let ca: Buffer | undefined;
    if (caFile) {
      try {
        ca = readCaFile(caFile, str(config.ca_file) ? 'ca_file' : 'WARDEN_CA_FILE');
      } catch (error) {
        diagnostics.error(
          'Unusable Warden CA file',
          `${(error as Error).message}. Point ca_file (or WARDEN_CA_FILE) at the PEM certificate of the CA that issued the server's certificate.`,
          ['ca_file'],
        );
      }
    }
    if (diagnostics.hasErrors || !endpoint || !key) {
      return undefined;
    }
    const sdk = createWardenClient({
      endpoint,
      apiKey: key,
      organization: str(config.organization) ?? str(process.env.WARDEN_ORG),
      userAgent: `terraform-provider-warden/${WARDEN_VERSION}`,
      ca,
    });
    try {
      const started = Date.now();
      const me = await sdk.whoami();
      const offset = Date.parse(me.server_time) - Math.round((started + Date.now()) / 2);
      const organization = await sdk.organization();
      if (organization !== me.organization.name) {
        diagnostics.error(
          'API key belongs to another organization',
          `organization = "${organization}", but the API key is a key of "${me.organization.name}". Use a key of ${organization} or set organization (WARDEN_ORG) to ${me.organization.name}.`,
          ['organization'],
        );
        return undefined;
      }
      return { sdk, organization, now: () => new Date(Date.now() + offset), cache: createOrgCache(sdk) };
    } catch (error) {
      const e = error as { status?: number; message?: string };
      if (e.status === 401) {
        diagnostics.error(
          'Warden rejected the API key',
          'The key is unknown, expired, revoked, or its service account is disabled. Issue a new key and set WARDEN_API_KEY.',
          ['api_key'],
        );
      } else {
        diagnostics.error('Cannot reach the Warden server', `${e.message ?? String(error)} (endpoint ${endpoint}).`, ['endpoint']);
      }
      return undefined;
    }
  },
  // API errors become diagnostics with the problem code, HTTP status and each bad field.
  describeError(error) {
    if (!(error instanceof WardenApiError)) {
      return undefined;
    }
    const e = error;
    const fields = (e.fieldErrors ?? []).map((f) => `${f.field}: ${f.message}`).join('\n');
    return { severity: 'error', summary: `Warden API: ${e.message}`, detail: `code ${e.code}, HTTP ${e.status}${fields ? `\n${fields}` : ''}` };
  },
  resources: {
    warden_service_account: serviceAccount,
    warden_role: role,
    warden_role_assignment: roleAssignment,
    warden_service_account_roles: serviceAccountRoles,
    warden_api_key: apiKey,
  },
  dataSources,
  ephemeralResources,
};
