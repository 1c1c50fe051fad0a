// Attribute shapes the data sources share.

export const computedString = (description: string) => ({ type: 'string' as const, computed: true, description });
