// Model ids as people read them, the same words as the server's reasons use.

/** Display names of the models the API reports. */
export const MODEL_NAMES: Record<string, string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  paretonbd: 'Pareto/NBD',
  gammagamma: 'Gamma-Gamma',
  sbg: 'shifted-beta-geometric',
};

/** A model's display name: MBG/NBD for mbgnbd; an unknown model keeps its id. */
export function modelName(model: string): string {
  return MODEL_NAMES[model] ?? model;
}
