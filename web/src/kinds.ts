import { t, type MessageKey } from './i18n';

export const KINDS = [
  'municipality',
  'family-centre',
  'ngo',
  'university',
  'health-service',
  'school',
  'social-cooperative',
  'research-institute',
  'public-agency',
  'other',
] as const;

export type Kind = (typeof KINDS)[number];

const labels: Record<Kind, MessageKey> = {
  municipality: 'kind.municipality',
  'family-centre': 'kind.family-centre',
  ngo: 'kind.ngo',
  university: 'kind.university',
  'health-service': 'kind.health-service',
  school: 'kind.school',
  'social-cooperative': 'kind.social-cooperative',
  'research-institute': 'kind.research-institute',
  'public-agency': 'kind.public-agency',
  other: 'kind.other',
};

export function kindLabel(kind: string): string {
  return kind in labels ? t(labels[kind as Kind]) : kind;
}

export function kindOptions(): { value: string; label: string }[] {
  return KINDS.map((kind) => ({ value: kind, label: t(labels[kind]) }));
}
