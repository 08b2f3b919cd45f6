import type { NewPolicyVersion } from './schema';

/** The first policy, as migration 0002 installs it; later settings arrive with their migrations. */
export const defaultPolicy = {
  min_questions: 3,
  link_ttl_seconds: 15 * 60,
  resend_limit_per_hour: 3,
  max_wrong_answers: 5,
  lockout_seconds: 30 * 60,
  reset_mode: 'temporary-key',
  temporary_key_ttl_seconds: 24 * 60 * 60,
  sender_address: null,
} as const satisfies Omit<NewPolicyVersion, 'created_at' | 'created_by'>;

/** [Spanish, English]; answers that are hard to look up on social media and stable for years. */
export const starterQuestions: ReadonlyArray<readonly [string, string]> = [
  ['¿Cómo se llamaba tu primera mascota?', 'What was the name of your first pet?'],
  ['¿En qué ciudad se conocieron tus padres?', 'In what city did your parents meet?'],
  ['¿Cuál era el nombre de tu escuela primaria?', 'What was the name of your primary school?'],
  ['¿Cuál fue tu primer trabajo?', 'What was your first job?'],
  [
    '¿Cómo se llamaba tu mejor amigo de la infancia?',
    'What was the name of your childhood best friend?',
  ],
  ['¿Cuál era la marca de tu primer coche?', 'What was the make of your first car?'],
  ['¿En qué calle vivías a los diez años?', 'What street did you live on at age ten?'],
  ['¿Cuál es el segundo nombre de tu hermano mayor?', "What is your oldest sibling's middle name?"],
  ['¿Cuál fue el primer concierto al que asististe?', 'What was the first concert you attended?'],
  [
    '¿Cómo se llamaba tu profesor favorito del colegio?',
    'What was the name of your favourite school teacher?',
  ],
];
