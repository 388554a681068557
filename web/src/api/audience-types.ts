// The answers of the audience and destination routes, named for the dashboard; generated from
// the server's OpenAPI document like the rest of types.ts.
import type { Rule } from '../rules/rule-types';
import type { paths } from './generated/api-schema';
import type { Answer } from './types';

export type AudienceList = Answer<'/api/v1/audiences'>;
export type AudienceSummary = AudienceList['audiences'][number];
export type Audience = Answer<'/api/v1/audiences/{id}'>;
export type AudienceVersion = Audience['versions'][number];
export type AudienceTemplates = Answer<'/api/v1/audiences/templates'>;
export type AudienceTemplate = AudienceTemplates['templates'][number];
export type AudienceEstimate = Answer<'/api/v1/audiences/estimate', 'post'>;
export type AudienceMembers = Answer<'/api/v1/audiences/{id}/members'>;
export type AudienceMember = AudienceMembers['members'][number];
export type AudienceHistory = Answer<'/api/v1/audiences/{id}/history'>;

export type Destinations = Answer<'/api/v1/destinations'>;
export type Destination = Destinations['destinations'][number];
export type DestinationKind = Destination['kind'];
export type Activations = Answer<'/api/v1/activations'>;
export type Activation = Activations['activations'][number];
export type Deliveries = Answer<'/api/v1/activations/{id}/deliveries'>;
export type Delivery = Deliveries['deliveries'][number];

type Body<P extends keyof paths> = paths[P]['post'] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** What a save sends: every field for a new audience, any of them for an edit. */
export type AudienceInput = Body<'/api/v1/audiences'>;
export type TemplateKey = AudienceTemplate['key'];
type ApiRule = Body<'/api/v1/audiences/estimate'>['rule'];

// The builder's rule type and the server's rule schema must stay one shape: a field the
// server adds or renames fails the typecheck here.
const webRuleIsApiRule: Rule extends ApiRule ? true : never = true;
const apiRuleIsWebRule: ApiRule extends Rule ? true : never = true;
const savedRuleIsWebRule: Audience['rule'] extends Rule ? true : never = true;
void [webRuleIsApiRule, apiRuleIsWebRule, savedRuleIsWebRule];
