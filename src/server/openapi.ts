import { createHash } from 'node:crypto';
import { z } from 'zod';
import { API_PREFIX, type ApiRoute } from './route.js';

type JsonObject = Record<string, unknown>;

const ERROR_SCHEMA = z.object({
  error: z.object({
    code: z.string().describe('stable error code, e.g. bad_input, unauthorized, not_found'),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'bad input: the message names the field',
  '401': 'no key, or a key that is not valid',
  '403':
    "the key's role may not call this route, the Host header does not name this server, or another site's page sent it",
  '404': 'not found',
  '413': 'the body is larger than server.bodyLimitMb, or the answer than server.maxAnswerMb',
  '415': 'the body is not of a media type the route accepts',
  '429': 'too many requests for this key, or too many wrong keys: see Retry-After',
  '503': 'the store is not ready yet: see Retry-After',
};

/**
 * The OpenAPI 3.1 document of the routes, generated from the same zod schemas that validate
 * their requests.
 */
export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const defs: Defs = {};
  for (const route of routes) {
    const path = API_PREFIX + route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const operations = (paths[path] ??= {});
    operations[route.method.toLowerCase()] = operation(route, defs);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'clv-dashboard API',
      version,
      description:
        'Customer lifetime value: metrics, predictions, customers and event ingest. Send `Authorization: Bearer KEY`; roles are read, ingest and admin.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: schema(ERROR_SCHEMA, 'output', defs), ...defs },
    },
    paths,
  };
}

function operation(route: ApiRoute, defs: Defs): JsonObject {
  const parameters = [...fields(route.params, 'path', defs), ...fields(route.query, 'query', defs)];
  const status = String(route.status ?? 200);
  const responses: JsonObject = {
    [status]: {
      description: 'success',
      content: {
        'application/json': { schema: schema(route.response, 'output', defs) },
      },
    },
  };
  for (const [code, description] of Object.entries(ERROR_RESPONSES)) {
    responses[code] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const result: JsonObject = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    parameters,
    responses,
    'x-role': route.access,
  };
  if (route.description) result['description'] = route.description;
  if (route.access !== 'public') result['security'] = [{ bearer: [] }];
  const body = requestBody(route, defs);
  if (body) result['requestBody'] = body;
  return result;
}

function requestBody(route: ApiRoute, defs: Defs): JsonObject | null {
  if (route.bodyKind === 'events') {
    const events = { type: 'array', items: { type: 'object', additionalProperties: true } };
    return {
      required: true,
      content: {
        'application/json': { schema: events },
        'application/x-ndjson': { schema: { type: 'string', description: 'one event per line' } },
      },
    };
  }
  if (route.bodyKind === 'multipart') {
    return {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file: { type: 'string', format: 'binary' } },
            required: ['file'],
          },
        },
      },
    };
  }
  if (!route.body) return null;
  return {
    required: true,
    content: { 'application/json': { schema: schema(route.body, 'input', defs) } },
  };
}

function fields(object: z.ZodType | undefined, where: 'path' | 'query', defs: Defs): JsonObject[] {
  if (!object) return [];
  const json = schema(object, 'input', defs);
  const properties = (json['properties'] ?? {}) as Record<string, JsonObject>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    const parameter: JsonObject = {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      schema: rest,
    };
    if (typeof description === 'string') parameter['description'] = description;
    return parameter;
  });
}

/** Schemas shared by the document's components, by name. */
type Defs = Record<string, unknown>;

function schema(type: z.ZodType, io: 'input' | 'output', defs: Defs): JsonObject {
  const json = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonObject;
  // The document declares its own dialect; each schema's $schema would repeat it.
  delete json['$schema'];
  return hoistDefs(json, defs);
}

/**
 * A recursive schema (a rule's nested groups) comes with `$defs` that its `$ref`s point into,
 * which do not resolve once the schema sits inside the document: they move to the components,
 * named by a hash of their content so that the same definition is listed once.
 */
function hoistDefs(json: JsonObject, defs: Defs): JsonObject {
  const local = json['$defs'] as Record<string, unknown> | undefined;
  if (!local) return json;
  delete json['$defs'];
  const names = new Map(
    Object.entries(local).map(([name, def]) => [
      `#/$defs/${name}`,
      `Def${createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 12)}`,
    ]),
  );
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        const renamed = key === '$ref' && typeof inner === 'string' ? names.get(inner) : undefined;
        return [key, renamed ? `#/components/schemas/${renamed}` : rewrite(inner)];
      }),
    );
  };
  for (const [name, def] of Object.entries(local)) {
    const renamed = names.get(`#/$defs/${name}`);
    if (renamed) defs[renamed] = rewrite(def);
  }
  return rewrite(json) as JsonObject;
}

function operationId(route: ApiRoute): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part));
  return [route.method.toLowerCase(), ...words]
    .join('-')
    .replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
