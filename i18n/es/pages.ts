import type { PageTexts } from '../shape';

/** The user pages' texts in Spanish. */
export const pages: PageTexts = {
  languageName: 'Español',
  switchLanguage: 'English',
  skipToContent: 'Ir al contenido',
  start: {
    title: '¿Olvidó su contraseña?',
    intro:
      'Escriba su nombre de usuario del dominio. Le enviaremos por correo un enlace para configurar sus preguntas de seguridad o responderlas, y después restablecer su contraseña.',
    usernameLabel: 'Usuario del dominio',
    usernameHint: 'El nombre con el que inicia sesión en su equipo, por ejemplo ana.garcia.',
    submit: 'Continuar',
    sent: (minutes: number) =>
      `Si este usuario corresponde a una cuenta con dirección de correo, le hemos enviado a esa dirección un mensaje con un enlace para continuar. El enlace sirve una sola vez y caduca en ${minutes} minutos. Revise su bandeja de entrada y la carpeta de correo no deseado.`,
  },
  errors: {
    usernameRequired: 'Escriba su usuario del dominio.',
    usernameInvalid:
      'Un usuario tiene de 1 a 64 caracteres: letras, dígitos y . _ - @ (sin espacios).',
    formExpired: 'Este formulario caducó. Inténtelo de nuevo.',
    tooLarge: 'Eso es más de lo que admite este formulario. Vuelva atrás e inténtelo de nuevo.',
    offline:
      'No se pudo contactar con el servicio. Revise su conexión e inténtelo de nuevo: no se perdió nada de lo que escribió.',
    unavailable:
      'El servicio no puede atender su solicitud en este momento. No se perdió nada: inténtelo de nuevo en un minuto.',
    notFoundTitle: 'Página no encontrada',
    notFound: 'No hay nada en esta dirección. Vuelva a empezar desde la página de inicio.',
    serverTitle: 'Algo salió mal',
    server: 'El servicio tuvo un problema inesperado. Inténtelo de nuevo en un minuto.',
    forbiddenTitle: 'Solicitud rechazada',
    backToStart: 'Volver a la página de inicio',
  },
  rateLimited: {
    title: 'Demasiados intentos',
    message: (minutes: number) =>
      `Por su seguridad, los formularios solo pueden enviarse un número limitado de veces en un tiempo. No se perdió nada: espere ${minutes === 1 ? 'un minuto' : `${minutes} minutos`} y vuelva a enviar el formulario.`,
  },
  notices: {
    'link-expired': 'Ese enlace caducó. Escriba su usuario para recibir uno nuevo.',
    'link-used':
      'Ese enlace ya se usó: cada enlace sirve una sola vez. Escriba su usuario para recibir uno nuevo.',
    'link-superseded':
      'Después de ese enlace se le envió otro más reciente: use el enlace del último correo.',
    'link-unknown': 'Ese enlace no es válido. Escriba su usuario para recibir uno nuevo.',
    'session-ended':
      'Su sesión de recuperación terminó (dura 15 minutos entre un paso y otro). Escriba su usuario para empezar de nuevo.',
  },
  steps: {
    progress: (step: number, of: number) => `Paso ${step} de ${of}`,
    enrollTitle: 'Configure sus preguntas de seguridad',
    enrollIntro:
      'Esto se hace una sola vez. Después, para restablecer su contraseña, responderá estas preguntas tras abrir un enlace que le enviaremos por correo.',
    alternateLegend: 'Correo alternativo',
    alternateHint:
      'Una dirección personal distinta de la del trabajo. Le enviaremos un enlace para confirmarla y le avisaremos de cada restablecimiento de contraseña.',
    alternateLabel: 'Correo alternativo',
    alternateConfirmLabel: 'Correo alternativo, otra vez',
    questionsLegend: 'Preguntas de seguridad',
    questionsHint: (count: number, minLength: number) =>
      `Elija ${count} pregunta${count === 1 ? '' : 's'} distinta${count === 1 ? '' : 's'} y responda cada una. Las respuestas tienen al menos ${minLength} caracteres, deben ser distintas entre sí y no pueden ser su usuario, su nombre ni su correo. Al responder más adelante no importan mayúsculas, acentos ni espacios de más.`,
    questionLabel: (n: number) => `Pregunta ${n}`,
    answerLabel: (n: number) => `Respuesta ${n}`,
    choose: 'Elija una pregunta…',
    save: 'Guardar mis preguntas',
    savedTitle: 'Sus preguntas quedaron guardadas',
    saved:
      'Sus preguntas de seguridad se actualizaron. Le enviamos un correo nuevo a su dirección principal con un enlace para continuar y restablecer su contraseña. También enviamos un enlace a su correo alternativo para confirmarlo.',
    answerTitle: 'Responda sus preguntas de seguridad',
    answerIntro: 'Responda como lo hizo al configurarlas.',
    attemptsLeft: (n: number) =>
      `Le ${n === 1 ? 'queda' : 'quedan'} ${n} ${n === 1 ? 'intento' : 'intentos'} antes de que la recuperación se bloquee por un tiempo.`,
    wrongAnswers: (n: number) =>
      `Al menos una respuesta no es correcta. Le ${n === 1 ? 'queda' : 'quedan'} ${n} ${n === 1 ? 'intento' : 'intentos'}.`,
    submitAnswers: 'Continuar',
    addQuestionsTitle: 'Agregue preguntas de seguridad',
    addQuestionsIntro: (count: number) =>
      `Sus respuestas son correctas. La recuperación ahora pide más preguntas de las que configuró: agregue ${count} más para continuar. Sus otras preguntas y su correo alternativo quedan como están.`,
    addQuestionsSave: 'Agregar y continuar',
    passwordTitle: 'Elija su contraseña nueva',
    passwordIntro: 'Su directorio pide:',
    ruleMinLength: (n: number) => `al menos ${n} caracteres;`,
    ruleHistory: (n: number) => `que no sea una de sus últimas ${n} contraseñas;`,
    ruleComplexity: 'una mezcla de mayúsculas, minúsculas, dígitos y símbolos.',
    passwordLabel: 'Contraseña nueva',
    passwordConfirmLabel: 'Contraseña nueva, otra vez',
    setPassword: 'Establecer mi contraseña nueva',
    workingTitle: 'Un momento…',
    working: 'Estamos restableciendo su contraseña. Esta página se actualiza sola.',
    doneTitle: 'Su contraseña fue restablecida',
    doneKey: (validity: string) =>
      `Le enviamos una contraseña temporal a su dirección principal. Inicie sesión con ella: en ese momento se le pedirá elegir una contraseña nueva. Deja de funcionar en ${validity}.`,
    doneChosen: 'Su contraseña nueva quedó establecida. Ya puede iniciar sesión con ella.',
    doneNotice:
      'También enviamos un aviso a todas sus direcciones registradas. Si no fue usted, avise a la mesa de ayuda.',
    lockedTitle: 'Recuperación bloqueada',
    locked:
      'Las respuestas fueron incorrectas demasiadas veces, así que la recuperación se detuvo. Su contraseña no cambió. Podrá intentarlo más tarde; se lo avisamos por correo.',
    failedTitle: 'No se pudo restablecer la contraseña',
    failed:
      'El directorio no aceptó la contraseña nueva, así que su contraseña no cambió. Comuníquese con la mesa de ayuda.',
    endedTitle: 'Esta recuperación terminó',
    ended: 'Escriba su usuario para empezar de nuevo.',
    startAgain: 'Empezar de nuevo',
  },
  fields: {
    summary: 'Algunos campos necesitan su atención: vea los mensajes más abajo.',
    alternateMail: {
      invalid: 'Escriba una dirección de correo como nombre@ejemplo.com.',
      mismatch: 'Las dos direcciones no coinciden.',
      'same-as-main': 'Use una dirección distinta de la principal (la del trabajo).',
    },
    questions: {
      count: 'Elija una pregunta en cada línea.',
      duplicate: 'Elija una pregunta distinta en cada línea.',
      unknown: 'Una de las preguntas ya no se ofrece. Elija de nuevo.',
    },
    answers: {
      'too-short': 'Esta respuesta es demasiado corta.',
      'too-long': 'Esta respuesta es demasiado larga (200 caracteres como máximo).',
      'like-identity': 'Su respuesta no puede ser su usuario, su nombre ni su correo.',
      repeated: 'Esta respuesta es igual a otra.',
    },
    password: {
      mismatch: 'Las dos contraseñas no coinciden.',
      empty: 'Escriba una contraseña nueva.',
      'too-short': 'El directorio indica que esta contraseña es demasiado corta.',
      'in-history': 'El directorio indica que usó esta contraseña hace poco. Elija otra.',
      'not-complex':
        'El directorio indica que esta contraseña es demasiado simple. Combine letras, dígitos y símbolos.',
      refused: 'El directorio no aceptó esta contraseña. Elija otra.',
    },
  },
  verify: {
    title: 'Confirme su dirección de correo alternativa',
    intro: 'Pulse el botón para confirmar que esta dirección es suya.',
    submit: 'Confirmar',
    verifiedTitle: 'Dirección confirmada',
    verified:
      'Gracias: su dirección alternativa quedó confirmada. También recibirá aviso de cada restablecimiento de contraseña.',
    used: 'Este enlace de confirmación ya se usó.',
    expired:
      'Este enlace de confirmación caducó. Vuelva a configurar sus preguntas para recibir uno nuevo.',
    unknown: 'Este enlace de confirmación no es válido.',
  },
  link: {
    title: 'Continúe con la recuperación de su contraseña',
    intro: 'Abrió su enlace de un solo uso. Pulse el botón para continuar en este dispositivo.',
    once: 'El enlace sirve una vez: después de continuar no se puede volver a usar.',
    submit: 'Continuar',
  },
};
