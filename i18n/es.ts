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
  admin: {
    console: 'Administración',
    signInTitle: 'Iniciar sesión en la administración',
    userLabel: 'Usuario',
    passwordLabel: 'Contraseña',
    signIn: 'Iniciar sesión',
    signOut: 'Cerrar sesión',
    signedInAs: (who: string) => `Sesión iniciada como ${who}`,
    wrongCredentials:
      'El usuario o la contraseña no son correctos, o esta cuenta no puede administrar.',
    signInAgain: 'Su sesión de administración terminó. Inicie sesión de nuevo.',
    directorySignIn: {
      hint: 'Su usuario y contraseña del directorio. Después de un restablecimiento, cambie primero la contraseña temporal en su equipo: con ella no se abre la consola.',
      directoryDown:
        'No se puede contactar al directorio en este momento, así que las cuentas del directorio no pueden iniciar sesión. No se cambió nada: inténtelo de nuevo en un minuto.',
    },
    dashboard: {
      title: 'Panel',
      outcomesTitle: 'Recuperaciones por día, según cómo terminaron',
      period: 'Periodo:',
      lastDays: (days: number) => `últimos ${days} días`,
      chartTitle: (days: number) =>
        `Recuperaciones que terminaron cada día, en los últimos ${days} días`,
      chartSummary: (days: number, total: number) =>
        `${total.toLocaleString('es')} ${total === 1 ? 'recuperación terminó' : 'recuperaciones terminaron'} en los últimos ${days} días (días en UTC).`,
      groups: {
        reset: 'Contraseña restablecida',
        expired: 'Enlace o sesión vencidos',
        stopped: 'Detenida: un administrador borró las preguntas',
        locked: 'Bloqueada por respuestas incorrectas',
        failed: 'Falló el restablecimiento',
        quiet: 'Terminó sin aviso: usuario desconocido, sin correo, deshabilitado o bloqueado',
      },
      dayHeader: 'Día (UTC)',
      totalHeader: 'Total',
      runningTitle: 'Recuperaciones en curso',
      runningIntro:
        'Contadas por Temporal, según el paso en que está cada una; una recuperación que acaba de avanzar puede aparecer unos segundos después.',
      statusHeader: 'Paso',
      countHeader: 'Recuperaciones',
      statuses: {
        'looking-up': 'Buscando al usuario',
        'waiting-for-click': 'Esperando que se abra el enlace enviado por correo',
        enrolling: 'Configurando las preguntas de seguridad',
        answering: 'Respondiendo las preguntas de seguridad',
        'choosing-password': 'Eligiendo una contraseña nueva',
        resetting: 'Restableciendo la contraseña',
      },
      temporalDown:
        'No se puede contactar a Temporal en este momento, así que no se pueden contar las recuperaciones en curso. El resto de esta página está al día.',
      usersTitle: 'Usuarios e inscripción',
      usersCounted: (n: number, disabled: number) =>
        `${n.toLocaleString('es')} ${n === 1 ? 'cuenta' : 'cuentas'} de usuario en el directorio (deshabilitadas: ${disabled.toLocaleString('es')}).`,
      withoutMail: (n: number) =>
        n === 1
          ? 'Una cuenta habilitada no tiene dirección de correo: no puede recuperar su contraseña (R1).'
          : `${n.toLocaleString('es')} cuentas habilitadas no tienen dirección de correo: no pueden recuperar su contraseña (R1).`,
      withoutMailSample: 'Las primeras:',
      coverage: (enrolled: number, eligible: number, ratio: number) =>
        `${enrolled.toLocaleString('es')} de ${eligible.toLocaleString('es')} usuarios que pueden recuperar su contraseña configuraron sus preguntas de seguridad (${ratio.toLocaleString('es', { style: 'percent' })}).`,
      coverageNote:
        'Quien aún no las configuró lo hace en su primera recuperación. Las preguntas de cuentas que ya no están en el directorio también cuentan.',
      incomplete:
        'El directorio detuvo el conteo en su límite de resultados: los números son al menos estos.',
      directoryDown:
        'No se puede contactar al directorio en este momento, así que no se pueden contar sus usuarios. El resto de esta página está al día.',
    },
    users: {
      title: 'Usuarios',
      intro:
        'Busque en el directorio por el comienzo de un nombre de usuario, un nombre o una dirección de correo. La página de un usuario muestra su configuración de recuperación y lo que un administrador puede hacer.',
      searchLabel: 'Usuario, nombre o correo',
      searchHint: 'Por ejemplo ana, garcía o ana.garcia@',
      search: 'Buscar',
      found: (count: number) =>
        count === 1 ? 'Se encontró 1 usuario.' : `Se encontraron ${count} usuarios.`,
      more: (count: number) =>
        `Solo se muestran los primeros ${count}: escriba más para acotar la búsqueda.`,
      none: 'Ningún usuario tiene un nombre de usuario, nombre o correo que empiece así.',
      headers: { username: 'Usuario', name: 'Nombre', mail: 'Correo', state: 'Estado' },
      noMail: 'Sin correo: no puede recuperar por correo',
      disabled: 'Deshabilitada',
      active: 'Activa',
      directoryDown:
        'No se puede contactar al directorio en este momento, así que no se puede buscar. Inténtelo de nuevo en un minuto.',
      userTitle: (username: string) => `Usuario ${username}`,
      backToSearch: 'Volver a la búsqueda de usuarios',
      accountTitle: 'Cuenta del directorio',
      displayName: 'Nombre',
      dn: 'Nombre distinguido',
      mail: 'Correo',
      state: 'Estado',
      noAccount:
        'El directorio no tiene ninguna cuenta con este nombre. Abajo se muestra lo que el servicio guarda de ella.',
      questionsTitle: 'Preguntas de seguridad',
      enrolled: (when: string, count: number) =>
        `Configuradas el ${when} (UTC): ${count === 1 ? '1 pregunta' : `${count} preguntas`}. Las respuestas se guardan solo como hashes: nadie puede leerlas.`,
      notEnrolled: 'Sin configurar: la próxima recuperación empieza por configurar las preguntas.',
      alternateMail: 'Correo alternativo',
      alternateVerified: (when: string) => `confirmado el ${when} (UTC)`,
      alternateUnverified: 'sin confirmar todavía',
      lockoutTitle: 'Bloqueo de la recuperación',
      lockedUntil: (when: string) =>
        `La recuperación está bloqueada hasta el ${when} (UTC), por demasiadas respuestas incorrectas.`,
      notLocked: 'Sin bloqueo.',
      runsTitle: 'Recuperaciones recientes',
      runsIntro:
        'Según Temporal, de la más nueva a la más antigua; un cambio reciente puede aparecer unos segundos después.',
      noRuns: 'Ninguna todavía.',
      runHeaders: {
        kind: 'Qué',
        started: 'Inicio (UTC)',
        ended: 'Fin (UTC)',
        step: 'Paso',
        outcome: 'Resultado',
        link: 'Temporal',
      },
      kinds: {
        recovery: 'Recuperación',
        adminReset: 'Restablecimiento por un administrador',
        temporaryKeyCheck: 'Control de la contraseña temporal',
      },
      running: 'en curso',
      openRun: 'Abrir',
      openRunLabel: (workflowId: string) => `Abrir ${workflowId} en la interfaz web de Temporal`,
      steps: {
        'looking-up': 'Buscando al usuario',
        'waiting-for-click': 'Enlace enviado, aún sin abrir',
        enrolling: 'Configurando las preguntas',
        answering: 'Respondiendo las preguntas',
        'choosing-password': 'Eligiendo una contraseña',
        resetting: 'Restableciendo la contraseña',
        'waiting-for-key-use': 'Esperando que se use la contraseña temporal',
        ended: 'Terminada',
      },
      outcomes: {
        'no-account': 'Usuario desconocido',
        'no-mail': 'Sin dirección de correo',
        disabled: 'Cuenta deshabilitada',
        'locked-out': 'Recuperación bloqueada',
        'link-expired': 'Enlace vencido',
        'session-expired': 'Sesión vencida',
        'answers-locked': 'Bloqueada por respuestas incorrectas',
        'questions-deleted': 'Detenida: preguntas borradas',
        'password-reset': 'Contraseña restablecida',
        'reset-failed': 'Falló el restablecimiento',
        used: 'Usada a tiempo',
        expired: 'Vencida sin usar, reemplazada',
        superseded: 'Reemplazada por una más nueva',
      },
      executions: {
        RUNNING: 'En curso',
        COMPLETED: 'Terminada',
        FAILED: 'Fallida',
        CANCELLED: 'Cancelada',
        TERMINATED: 'Interrumpida',
        CONTINUED_AS_NEW: 'Continuada',
        TIMED_OUT: 'Vencida',
        PAUSED: 'En pausa',
        UNKNOWN: 'Desconocido',
      },
      temporalDown:
        'No se puede contactar a Temporal en este momento, así que no se pueden listar las recuperaciones recientes. El resto de esta página está al día.',
      auditLink: 'Los eventos de este usuario en el registro de auditoría',
      actionsTitle: 'Acciones',
      actionsIntro: 'Cada acción pide confirmación primero y queda en el registro de auditoría.',
      cancel: 'Cancelar',
      actions: {
        'delete-questions': {
          button: 'Borrar las preguntas de seguridad',
          title: (username: string) => `¿Borrar las preguntas de seguridad de ${username}?`,
          explain:
            'Se borran las preguntas, las respuestas y el correo alternativo del usuario, y se detiene una recuperación suya que aún fuera a hacerle las preguntas. Su próxima recuperación empieza por configurar preguntas nuevas. No se puede deshacer.',
          confirm: 'Borrar las preguntas',
          done: 'Se borraron las preguntas de seguridad: la próxima recuperación empieza por configurarlas.',
        },
        'alternate-link': {
          button: 'Enviar un enlace de recuperación al correo alternativo',
          title: (username: string) =>
            `¿Enviar un enlace de recuperación al correo alternativo de ${username}?`,
          explain: (address: string) =>
            `Para un usuario que no puede entrar a su buzón principal: un enlace de recuperación va a ${address}, que el usuario confirmó. Responde sus preguntas como siempre, y la contraseña temporal también va a esa dirección. Ambas direcciones reciben aviso cuando se restablece la contraseña.`,
          confirm: 'Enviar el enlace',
          done: 'Un enlace de recuperación va en camino al correo alternativo.',
        },
        reset: {
          button: 'Restablecer la contraseña con una contraseña temporal',
          title: (username: string) => `¿Restablecer la contraseña de ${username}?`,
          explain: (address: string) =>
            `Se genera una contraseña temporal y se envía a ${address}; el usuario debe cambiarla al iniciar sesión, y deja de funcionar si no la usa a tiempo. Nadie la ve: ni usted ni los registros. Las direcciones del usuario reciben aviso del restablecimiento.`,
          confirm: 'Restablecer la contraseña',
          done: 'El restablecimiento comenzó: el usuario recibirá un correo con una contraseña temporal.',
        },
        'lift-lockout': {
          button: 'Quitar el bloqueo de la recuperación',
          title: (username: string) => `¿Quitar el bloqueo de la recuperación de ${username}?`,
          explain: (when: string) =>
            `La recuperación está bloqueada hasta el ${when} (UTC) por demasiadas respuestas incorrectas a las preguntas de seguridad. Quitar el bloqueo permite al usuario empezar una recuperación de inmediato. La cuenta del directorio no se toca: este servicio nunca la bloquea. Un bloqueo del directorio por contraseñas incorrectas al iniciar sesión sigue hasta que se restablezca la contraseña (el restablecimiento lo quita) o lo quite el directorio.`,
          confirm: 'Quitar el bloqueo',
          done: 'Se quitó el bloqueo de la recuperación: el usuario puede volver a empezar una recuperación.',
        },
      },
      refusals: {
        'directory-down':
          'No se puede contactar al directorio en este momento. No se cambió nada: inténtelo de nuevo en un minuto.',
        'no-account': 'El directorio no tiene ninguna cuenta con este nombre.',
        disabled: 'La cuenta está deshabilitada en el directorio: su contraseña no se restablece.',
        'no-mail':
          'La cuenta no tiene dirección de correo en el directorio, así que no puede recuperar por correo.',
        'not-enrolled': 'El usuario no ha configurado preguntas de seguridad.',
        'alternate-unverified':
          'El usuario no ha confirmado un correo alternativo, así que no se puede enviar un enlace allí.',
        'locked-out': 'La recuperación está bloqueada para este usuario: quite el bloqueo primero.',
        'not-locked': 'La recuperación no está bloqueada para este usuario.',
        'in-session':
          'El usuario está en medio de una recuperación abierta desde un enlace: se podrá enviar un enlace nuevo cuando termine.',
        'reset-running': 'Ya hay un restablecimiento en curso para este usuario.',
        unavailable:
          'No se puede contactar a Temporal en este momento. No se cambió nada: inténtelo de nuevo en un minuto.',
      },
      notFound: 'Eso no es un nombre de usuario.',
    },
    nav: {
      dashboard: 'Panel',
      users: 'Usuarios',
      policy: 'Política',
      questions: 'Preguntas',
      smtp: 'Servidores de correo',
      audit: 'Auditoría',
    },
    policyTitle: 'Política de recuperación',
    policyIntro:
      'Los cambios se aplican a las recuperaciones que empiecen después de guardar; una recuperación en curso conserva la política con la que empezó.',
    policySaved: 'La política quedó guardada.',
    save: 'Guardar la política',
    fields: {
      minQuestions: 'Preguntas de seguridad que responde cada usuario (1–15)',
      linkTtlMinutes: 'Validez del enlace, en minutos',
      resendLimitPerHour: 'Enlaces que un usuario puede volver a pedir, por hora',
      maxWrongAnswers: 'Intentos fallidos antes de bloquear la recuperación',
      lockoutMinutes: 'Bloqueo, en minutos',
      resetMode: 'Modo de restablecimiento',
      temporaryKeyHours: 'Validez de la contraseña temporal, en horas',
      minAnswerLength: 'Respuesta más corta, en caracteres',
      senderAddress:
        'Dirección del remitente (elige la configuración SMTP; vacía: la predeterminada)',
    },
    modes: {
      'temporary-key': 'Una contraseña temporal por correo, que se cambia al iniciar sesión',
      'user-chooses': 'El usuario elige la contraseña nueva en la página (más estricto)',
    },
    problems: {
      range: (min: number, max: number) => `Escriba un número entero de ${min} a ${max}.`,
      moreThanCatalog: (n: number) =>
        `Solo hay ${n} preguntas activas en el catálogo: pida como máximo ${n}, o agregue preguntas.`,
      email: 'Escriba una dirección de correo, o déjela vacía.',
      mode: 'Elija uno de los modos.',
    },
    historyTitle: 'Cambios',
    historyWhen: 'Cuándo (UTC)',
    historyWho: 'Quién',
    historyWhat: 'Qué cambió',
    historyFirst: 'primera política',
    modeNames: { 'temporary-key': 'contraseña temporal', 'user-chooses': 'el usuario elige' },
    audit: {
      title: 'Registro de auditoría',
      intro:
        'Lo que hicieron el servicio y sus administradores, lo más reciente primero. Fechas y horas en UTC; un filtro de día abarca el día UTC completo.',
      user: 'Usuario',
      actor: 'Actor',
      actorHint: 'Tal como se registró: user, system, anonymous o admin:<nombre>.',
      event: 'Evento',
      anyEvent: 'Cualquier evento',
      outcome: 'Resultado',
      outcomeHint: 'Tal como se registró, por ejemplo ok, refused, started o password-reset.',
      from: 'Desde (un día, UTC)',
      to: 'Hasta, inclusive (un día, UTC)',
      filter: 'Mostrar los eventos',
      clear: 'Quitar los filtros',
      download: 'Descargar estos eventos (CSV)',
      none: 'Ningún evento coincide con estos filtros.',
      pages: 'Páginas del registro de auditoría',
      newer: 'Eventos más recientes',
      older: 'Eventos anteriores',
      openWorkflow: (id: string) => `Abrir ${id} en la interfaz web de Temporal`,
      columns: {
        at: 'Hora (UTC)',
        event: 'Evento',
        eventCode: 'Código del evento',
        outcome: 'Resultado',
        user: 'Usuario',
        actor: 'Actor',
        clientAddress: 'Dirección del cliente',
        details: 'Detalles',
        workflow: 'Flujo de trabajo',
      },
      problems: {
        date: (typed: string) =>
          `"${typed}" no es un día: escríbalo como AAAA-MM-DD, por ejemplo 2026-03-31.`,
        order: 'El día "hasta" es anterior al día "desde".',
        username:
          'Un usuario tiene de 1 a 64 caracteres: letras, dígitos y . _ - @ (sin espacios).',
        tooLong: (max: number) => `Escriba como máximo ${max} caracteres.`,
        event: 'Elija uno de los eventos.',
      },
      events: {
        'recovery-requested': 'Recuperación solicitada',
        'link-sent': 'Enlace enviado por correo',
        step: 'Paso de la recuperación alcanzado',
        enrollment: 'Preguntas de seguridad configuradas',
        answers: 'Respuestas comprobadas',
        'password-reset': 'Restablecimiento de contraseña',
        'reset-notice': 'Aviso de restablecimiento enviado',
        recovery: 'Recuperación terminada',
        'temporary-key-check': 'Comprobación de la contraseña temporal',
        'admin-sign-in': 'Inicio de sesión de administración',
        'admin-sign-out': 'Cierre de sesión de administración',
        'admin-session-expired': 'Sesión de administración vencida',
        'rate-limited': 'Demasiados intentos (límite alcanzado)',
        'policy-changed': 'Política cambiada',
        'question-added': 'Pregunta añadida',
        'question-changed': 'Pregunta modificada',
        'question-enabled': 'Pregunta activada',
        'question-disabled': 'Pregunta desactivada',
        'question-deleted': 'Pregunta eliminada',
        'smtp-config-created': 'Servidor de correo añadido',
        'smtp-config-changed': 'Servidor de correo modificado',
        'smtp-config-deleted': 'Servidor de correo eliminado',
        'smtp-test-message': 'Mensaje de prueba del servidor de correo',
        'questions-deleted': 'Preguntas de un usuario eliminadas',
        'alternate-link-sent': 'Enlace enviado a la dirección alternativa',
        'admin-reset-started': 'Restablecimiento iniciado por un administrador',
        'admin-reset': 'Restablecimiento por un administrador terminado',
        'lockout-lifted': 'Bloqueo de recuperación levantado',
        'audit-exported': 'Registro de auditoría exportado',
      },
    },
    questions: {
      title: 'Preguntas de seguridad',
      intro:
        'El catálogo del que los usuarios eligen sus preguntas de seguridad (R16), en español e inglés. Una pregunta con la que algún usuario se inscribió se puede desactivar (deja de ofrecerse; esos usuarios la conservan), nunca eliminar.',
      minimum: (active: number, minimum: number) =>
        `Hay ${active} preguntas activas; la política pide ${minimum} a cada usuario, así que al menos ${minimum} deben seguir activas.`,
      columns: {
        id: 'Núm.',
        texts: 'Pregunta (español / inglés)',
        enrolled: 'Usuarios inscritos',
        state: 'Estado',
        actions: 'Acciones',
      },
      active: 'Activa',
      disabled: 'Desactivada',
      edit: 'Editar',
      editLabel: (id: number) => `Editar la pregunta ${id}`,
      disable: 'Desactivar',
      disableLabel: (id: number) => `Desactivar la pregunta ${id}`,
      enable: 'Activar',
      enableLabel: (id: number) => `Activar la pregunta ${id}`,
      addTitle: 'Agregar una pregunta',
      textEs: 'Texto en español',
      textEn: 'Texto en inglés',
      textHint: (min: number, max: number) => `De ${min} a ${max} caracteres.`,
      add: 'Agregar la pregunta',
      editTitle: (id: number) => `Pregunta ${id}`,
      enrolledWarning: (n: number) =>
        `Usuarios inscritos con esta pregunta: ${n}. Conservan la respuesta que le dieron, así que corrija solo su redacción (ortografía, claridad); para preguntar otra cosa, agregue una pregunta nueva y desactive esta.`,
      sameMeaning: 'Solo corregí la redacción: la pregunta sigue preguntando lo mismo.',
      save: 'Guardar la pregunta',
      back: 'Volver a las preguntas',
      deleteIntro:
        'Nadie se inscribió con esta pregunta, así que se puede eliminar definitivamente.',
      delete: 'Eliminar la pregunta…',
      confirmDeleteTitle: (id: number) => `¿Eliminar la pregunta ${id}?`,
      confirmDelete: 'Se elimina definitivamente; no se puede deshacer.',
      confirmDeleteButton: 'Eliminarla',
      cancel: 'Cancelar',
      done: {
        added: 'La pregunta se agregó y se ofrece en la inscripción.',
        changed: 'La pregunta quedó guardada.',
        disabled:
          'La pregunta se desactivó: ya no se ofrece en la inscripción. Los usuarios que se inscribieron con ella la conservan.',
        enabled: 'La pregunta vuelve a ofrecerse en la inscripción.',
        deleted: 'La pregunta se eliminó.',
      },
      problems: {
        required: 'Escriba la pregunta.',
        'too-short': (min: number) => `Escriba al menos ${min} caracteres.`,
        'too-long': (max: number) => `Escriba como máximo ${max} caracteres.`,
        duplicate: (id: number) => `La pregunta ${id} ya pregunta esto.`,
        duplicateDisabled: (id: number) =>
          `La pregunta ${id}, desactivada, ya pregunta esto: actívela en su lugar.`,
        sameMeaning:
          'Hay usuarios inscritos con esta pregunta: marque la casilla para confirmar que su sentido no cambia, o agregue una pregunta nueva.',
        belowMinimum: (active: number, minimum: number) =>
          `No se hizo: hay ${active} preguntas activas y la política pide ${minimum} a cada usuario, así que no se puede retirar ninguna. Agregue o active otra pregunta primero, o baje el número en la política.`,
        inUse: (n: number) =>
          `No se eliminó: hay usuarios inscritos con esta pregunta (${n}). Puede desactivarla.`,
      },
    },
    smtp: {
      title: 'Servidores de correo (SMTP)',
      intro:
        'Las configuraciones SMTP por las que sale el correo del servicio (R2). Envía el correo aquella cuya dirección remitente tiene el dominio de la dirección remitente (R3); un cambio se aplica al siguiente mensaje, sin reiniciar. Las contraseñas se guardan cifradas y no se vuelven a mostrar.',
      senderFromPolicy: (from: string) => `La dirección remitente de la política es ${from}.`,
      senderDefault: (from: string) =>
        `La política no indica dirección remitente, así que el correo sale de la predeterminada, ${from} (SSPR_MAIL_FROM).`,
      routeConfig: (name: string) => `Esa dirección elige la configuración «${name}».`,
      routeEnvironment:
        'Ninguna configuración tiene el dominio de esa dirección: el correo sale por el servidor de los ajustes del servicio (SSPR_SMTP_HOST).',
      none: 'Todavía no hay configuraciones.',
      add: 'Agregar una configuración',
      columns: {
        name: 'Nombre',
        server: 'Servidor',
        tlsMode: 'Seguridad',
        user: 'Usuario',
        sender: 'Dirección remitente',
        inUse: 'Envía el correo',
        lastTest: 'Último mensaje de prueba',
      },
      inUse: 'Sí',
      notInUse: 'No',
      inUseNow:
        'La dirección remitente de la política elige esta configuración: el correo del servicio sale por ella ahora.',
      noUser: 'ninguno',
      neverTested: 'nunca probada',
      testedBefore: 'antes del último cambio',
      testedAt: (at: string) => `${at} UTC`,
      tlsModes: {
        none: 'Ninguna (texto plano)',
        starttls: 'STARTTLS (obligatorio)',
        tls: 'TLS desde el inicio (puerto 465)',
      },
      newTitle: 'Nueva configuración SMTP',
      editTitle: (name: string) => `Configuración SMTP «${name}»`,
      fields: {
        name: 'Nombre',
        host: 'Servidor (nombre o dirección IP)',
        port: 'Puerto (1–65535)',
        tlsMode: 'Seguridad',
        username: 'Usuario',
        password: 'Contraseña',
        senderAddress: 'Dirección remitente',
      },
      hints: {
        port: 'Normalmente 587 con STARTTLS, 465 con TLS desde el inicio, 25 sin seguridad.',
        username:
          'Déjelo vacío si el servidor no pide autenticación (entonces no se guarda contraseña).',
        password: 'Se guarda cifrada; no se vuelve a mostrar.',
        passwordKeep: 'Hay una contraseña guardada: deje esto vacío para conservarla.',
        passwordNone: 'No hay contraseña guardada.',
        senderAddress:
          'La dirección de la que sale el correo; la cuenta debe poder enviar como ella. Su dominio elige esta configuración (R3).',
      },
      clearPassword: 'Quitar la contraseña guardada',
      passwordNotKept:
        'Por seguridad no se conservó la contraseña que escribió: escríbala de nuevo.',
      create: 'Guardar la configuración',
      save: 'Guardar los cambios',
      back: 'Volver a los servidores de correo',
      done: {
        created: 'La configuración quedó guardada.',
        changed: 'Los cambios quedaron guardados; el siguiente mensaje los usa.',
        deleted: 'La configuración se eliminó.',
      },
      delete: 'Eliminar la configuración…',
      confirmDeleteTitle: (name: string) => `¿Eliminar la configuración «${name}»?`,
      confirmDelete: 'Se elimina definitivamente, con su contraseña guardada.',
      confirmDeleteInUse:
        'La dirección remitente de la política la elige ahora: al eliminarla, el correo sale por otra configuración del mismo dominio o, si no la hay, por el servidor de los ajustes del servicio.',
      confirmDeleteButton: 'Eliminarla',
      cancel: 'Cancelar',
      testTitle: 'Enviar un mensaje de prueba',
      testIntro:
        'Envía un mensaje desde la dirección remitente por esta configuración tal como está guardada, y dice con precisión qué falló, si algo falla.',
      testTo: 'Enviarlo a',
      sendTest: 'Enviar el mensaje de prueba',
      lastTest: (at: string) => `Último mensaje de prueba, ${at} UTC:`,
      lastTestEarlier: 'Probó la configuración antes de su último cambio.',
      serverSaid: (answer: string) => `Detalles: ${answer}`,
      results: {
        ok: 'Enviado: el servidor aceptó el mensaje. Compruebe que llegó al buzón.',
        dns: 'No se encontró el servidor: su nombre no existe en el DNS. Revise el nombre del servidor.',
        refused:
          'Conexión rechazada: nada acepta conexiones en ese servidor y puerto. Revise el servidor, el puerto y el cortafuegos.',
        timeout:
          'Sin respuesta a tiempo: revise el servidor, el puerto y cualquier cortafuegos que descarte conexiones.',
        tls: 'Falló la conexión segura (TLS): el certificado no es de confianza o no es de este servidor, o el modo de seguridad no corresponde al servidor (STARTTLS suele ser el puerto 587; TLS desde el inicio, el 465).',
        auth: 'Falló la autenticación: el servidor rechazó el usuario y la contraseña, o pide autenticación y no hay ninguna configurada.',
        'sender-rejected':
          'El servidor rechazó la dirección remitente: esta cuenta no puede enviar como ella.',
        'recipient-rejected': 'El servidor rechazó la dirección del destinatario.',
        'message-rejected': 'El servidor rechazó el mensaje después de recibirlo.',
        'password-unreadable':
          'La contraseña guardada no se puede leer con las claves configuradas (cambió SSPR_SECRETS_KEY): escriba la contraseña de nuevo y guarde.',
        'not-found': 'La configuración ya no existe.',
        other: 'La prueba falló por otro motivo: vea los detalles.',
      },
      short: {
        ok: 'enviado',
        dns: 'servidor no encontrado (DNS)',
        refused: 'conexión rechazada',
        timeout: 'sin respuesta',
        tls: 'falló TLS',
        auth: 'falló la autenticación',
        'sender-rejected': 'remitente rechazado',
        'recipient-rejected': 'destinatario rechazado',
        'message-rejected': 'mensaje rechazado',
        'password-unreadable': 'contraseña ilegible',
        'not-found': 'no existe',
        other: 'falló',
      },
      problems: {
        required: 'Complete este campo.',
        'too-long': 'Es demasiado largo.',
        'invalid-host': 'Escriba un nombre de servidor como smtp.example.com, o una dirección IP.',
        'invalid-port': 'Escriba un número entero del 1 al 65535.',
        'invalid-tls-mode': 'Elija uno de los modos.',
        'invalid-email': 'Escriba una dirección de correo como nombre@example.com.',
        'name-taken': 'Otra configuración tiene este nombre.',
        passwordAndClear: 'Escriba una contraseña nueva o quite la guardada, no las dos cosas.',
      },
    },
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
