import type { SharedTexts } from '../shape';

export const shared: SharedTexts = {
  productName: 'Recuperación de contraseña',
  minutes: (n: number) => `${n} minutos`,
  hours: (n: number) => `${n} horas`,
};
