// One data hook per audience and destination endpoint (GETs); writes are in audience-actions.
import type {
  Activations,
  Audience,
  AudienceHistory,
  AudienceList,
  AudienceMembers,
  AudienceTemplates,
  Deliveries,
  Destinations,
} from './audience-types';
import { apiUrl } from './client';
import type { Answer } from './types';
import { useApi } from './use-api';

const audiencePath = (id: string) => `/audiences/${encodeURIComponent(id)}`;

export function useAudiences() {
  return useApi<AudienceList>(apiUrl('/audiences'));
}

export function useAudienceTemplates() {
  return useApi<AudienceTemplates>(apiUrl('/audiences/templates'));
}

export function useAudience(id: string | null) {
  return useApi<Audience>(id === null ? null : apiUrl(audiencePath(id)));
}

/** A page of an audience's current members. */
export function useAudienceMembers(id: string, query: { limit?: number; offset?: number }) {
  return useApi<AudienceMembers>(apiUrl(`${audiencePath(id)}/members`, { ...query }));
}

export function useAudienceHistory(id: string) {
  return useApi<AudienceHistory>(apiUrl(`${audiencePath(id)}/history`));
}

export function useDestinations() {
  return useApi<Destinations>(apiUrl('/destinations'));
}

/** Every activation, or one audience's. */
export function useActivations(audienceId?: string) {
  return useApi<Activations>(apiUrl('/activations', { audienceId }));
}

export function useDeliveries(activationId: string | null) {
  return useApi<Deliveries>(
    activationId === null
      ? null
      : apiUrl(`/activations/${encodeURIComponent(activationId)}/deliveries`),
  );
}

/** The query service's tables (GET /query/schema): the builder offers its datasets. */
export function useQuerySchema() {
  return useApi<Answer<'/api/v1/query/schema'>>(apiUrl('/query/schema'));
}
