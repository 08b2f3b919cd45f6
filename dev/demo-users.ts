export interface DemoUser {
  uid: string;
  name: string;
  givenName: string;
  sn: string;
  mail?: string;
  password: string;
  admin?: boolean;
}

/** People seeded into the demo directory; the demo prints them so anyone can try a recovery. */
export const demoUsers: DemoUser[] = [
  {
    uid: 'ana.garcia',
    name: 'Ana García',
    givenName: 'Ana',
    sn: 'García',
    mail: 'ana.garcia@example.org',
    password: 'Girasol-2025',
  },
  {
    uid: 'john.smith',
    name: 'John Smith',
    givenName: 'John',
    sn: 'Smith',
    mail: 'john.smith@example.org',
    password: 'Sunflower-2025',
  },
  {
    uid: 'maria.lopez',
    name: 'María López',
    givenName: 'María',
    sn: 'López',
    mail: 'maria.lopez@example.org',
    password: 'Amapola-2025',
  },
  {
    uid: 'li.wei',
    name: 'Li Wei',
    givenName: 'Wei',
    sn: 'Li',
    mail: 'li.wei@example.org',
    password: 'Bamboo-2025',
  },
  // No mail attribute: recovery must end quietly for this account.
  {
    uid: 'sin.correo',
    name: 'Pedro Núñez',
    givenName: 'Pedro',
    sn: 'Núñez',
    password: 'Sin-Correo-2025',
  },
  {
    uid: 'admin.sspr',
    name: 'Admin SSPR',
    givenName: 'Admin',
    sn: 'SSPR',
    mail: 'admin.sspr@example.org',
    password: 'Admin-Sspr-2025',
    admin: true,
  },
];
