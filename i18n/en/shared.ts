/** Words every audience reads: pages, the console and e-mails alike. */
export const shared = {
  /** The product's name where the configuration gives none. */
  productName: 'Password recovery',
  minutes: (n: number) => `${n} minutes`,
  hours: (n: number) => `${n} hours`,
} as const;
