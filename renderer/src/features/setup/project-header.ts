// A project's header as typed in the wizard and in Settings: each field with its label.
export const PROJECT_HEADER = [
  ['code', 'setup.code'],
  ['nameZh', 'setup.nameZh'],
  ['nameEn', 'setup.nameEn'],
  ['timezone', 'setup.timezone'],
  ['ownerName', 'setup.owner'],
  ['contractorName', 'setup.contractor'],
] as const;

export type HeaderField = (typeof PROJECT_HEADER)[number][0];
