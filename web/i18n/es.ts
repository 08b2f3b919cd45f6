import type { Messages } from '.';

export const es: Messages = {
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
    confirmedTitle: 'Enlace confirmado',
    confirmed:
      'Su enlace fue aceptado y ya quedó usado. A continuación vienen las preguntas de seguridad y el restablecimiento de la contraseña.',
  },
};
