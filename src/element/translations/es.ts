import type { Translation } from './translation.js';

export const es: Translation = {
  $code: 'es',
  $dir: 'ltr',
  label: 'Documento de identidad',
  dropHere: 'Arrastre su documento aquí o',
  chooseFile: 'Seleccionar un archivo',
  takePhoto: 'Tomar una foto',
  hint: (types, maxSize) => `${types} — hasta ${maxSize}`,
  checking: 'Comprobando el archivo…',
  preparing: (percent) => `Preparando la imagen… ${percent} %`,
  pages: (count) => (count === 1 ? '1 página' : `${count} páginas`),
  uploading: (percent) => `Subiendo… ${percent} %`,
  retrying: (seconds) => (seconds > 0 ? `Problema de conexión. Reintentando en ${seconds} s…` : 'Problema de conexión. Reintentando…'),
  waitingForNetwork: 'Está sin conexión. La subida se reanudará cuando se restablezca la conexión.',
  cancel: 'Cancelar',
  uploaded: 'Documento subido',
  replace: 'Reemplazar',
  tryAgain: 'Reintentar',
  chooseAnother: 'Seleccionar otro archivo',
  required: 'Suba un documento para continuar.',
  uploadInProgress: 'Espere a que termine la subida de su documento.',
  error: (code, d) => {
    switch (code) {
      case 'type-not-allowed': return d.reason === 'heic-not-included' ? 'Aquí no se admiten fotos HEIC. Seleccione un archivo JPEG, PNG o PDF.' : d.reason === 'bigtiff' ? 'Este TIFF está guardado en formato BigTIFF, que no se admite. Guárdelo como TIFF estándar, PDF o JPEG.' : 'No se admite este tipo de archivo. Seleccione un archivo PDF, JPEG, PNG o TIFF.';
      case 'type-mismatch': return `Este archivo no es realmente ${d.declaredType === 'application/pdf' ? 'un PDF' : 'una imagen'}: el contenido no coincide con el nombre. Seleccione el documento original.`;
      case 'too-large':
        if (d.detectedType === 'image/tiff') return `Este archivo TIFF ${d.size ? `ocupa ${d.size}` : 'es demasiado grande'}; el límite es de ${d.maxSize ?? '4,5 MB'}. Guárdelo o escanéelo en formato JPEG o PDF.`;
        return d.size ? `Este archivo ocupa ${d.size}; el límite es de ${d.maxSize ?? '4,5 MB'}. Seleccione un archivo más pequeño o un escaneo con menor resolución.` : 'Este archivo es demasiado grande. Seleccione un archivo más pequeño.';
      case 'empty': return 'Este archivo está vacío. Vuelva a seleccionar el documento.';
      case 'damaged': return 'Este archivo está dañado y no se puede abrir. Seleccione otra copia.';
      case 'too-many-pixels': return 'Esta imagen es demasiado grande para procesarla en este dispositivo. Vuelva a tomarla con una resolución menor o seleccione una copia más pequeña.';
      case 'unsafe-content': return d.detectedType === 'application/pdf'
        ? 'Este PDF contiene scripts, archivos adjuntos o acciones automáticas y no se puede aceptar. Seleccione un simple escaneo del documento (PDF, JPEG o PNG).'
        : 'Este archivo SVG contiene scripts o enlaces a otros sitios y no se puede aceptar. Seleccione en su lugar un PDF, JPEG o PNG.';
      case 'encrypted-pdf': return 'Este PDF está protegido con contraseña, por lo que nuestro equipo de revisión no puede abrirlo. Quite la contraseña y vuelva a seleccionarlo.';
      case 'unreadable': return 'No se ha podido leer este archivo. Puede que se haya movido o eliminado: vuelva a seleccionarlo.';
      case 'presign-failed':
        if (d.status === 401 || d.status === 403) return 'Su sesión ha expirado. Vuelva a iniciar sesión e inténtelo de nuevo.';
        if (d.status === 429) return 'Demasiados intentos. Espere un minuto e inténtelo de nuevo.';
        if (d.status && d.status < 500) return 'El servicio de subida ha rechazado esta solicitud. Recargue la página e inténtelo de nuevo.';
        if (d.timedOut) return 'El servicio de subida no ha respondido a tiempo. Vuelva a intentarlo en unos instantes.';
        return 'El servicio de subida no está disponible en este momento. Vuelva a intentarlo en unos instantes.';
      case 'presign-invalid': return 'El servicio de subida ha devuelto una respuesta inesperada. Inténtelo de nuevo más tarde.';
      case 'untrusted-destination': return 'Se ha detenido la subida: el servicio ha solicitado enviar su documento a un destino en el que esta página no confía. No se ha enviado nada. Póngase en contacto con atención al cliente.';
      case 'form-expired': return 'La subida ha tardado demasiado y la autorización ha expirado. Inténtelo de nuevo.';
      case 'storage-rejected': return 'El almacenamiento de documentos ha rechazado este archivo. Inténtelo de nuevo o seleccione otro archivo.';
      case 'storage-unavailable': return 'El almacenamiento de documentos no está disponible en este momento. Vuelva a intentarlo en unos instantes.';
      case 'network-error': return d.timedOut ? 'La subida se ha quedado bloqueada y se ha detenido. Compruebe su conexión e inténtelo de nuevo.' : 'Se ha perdido la conexión. Compruebe su conexión a internet e inténtelo de nuevo.';
      case 'preparation-failed': return 'No se ha podido preparar este documento en este dispositivo. Inténtelo de nuevo; si el problema persiste, recargue la página o seleccione un PDF.';
      case 'aborted': return 'Se ha cancelado la subida.';
    }
  },
  documentSet: {
    label: 'Documentos de identidad y de domicilio',
    kinds: { 'identity-proof': 'Documento identificativo', 'address-proof': 'Justificante de domicilio' },
    subtypes: {
      passport: 'Pasaporte',
      'id-card': 'Documento de identidad',
      'driving-license': 'Permiso de conducir',
      'residence-permit': 'Permiso de residencia',
      'utility-bill': 'Factura de suministros',
      'bank-statement': 'Extracto bancario',
      'tax-notice': 'Notificación tributaria',
    },
    sides: {
      passport: { front: 'Página de la fotografía de su pasaporte', back: 'Última página de su pasaporte' },
      'id-card': { front: 'Anverso de su documento de identidad', back: 'Reverso de su documento de identidad' },
      'driving-license': { front: 'Anverso de su permiso de conducir', back: 'Reverso de su permiso de conducir' },
      'residence-permit': { front: 'Anverso de su permiso de residencia', back: 'Reverso de su permiso de residencia' },
      'utility-bill': { front: 'Su factura de suministros', back: 'Reverso de su factura de suministros' },
      'bank-statement': { front: 'Su extracto bancario', back: 'Reverso de su extracto bancario' },
      'tax-notice': { front: 'Su notificación tributaria', back: 'Reverso de su notificación tributaria' },
    },
    otherSide: (label, side, twoSided) => (twoSided ? `${label}: ${side === 'front' ? 'anverso' : 'reverso'}` : label),
    whichDocument: '¿Qué documento tiene?',
    progress: (done, total) => `${done} de ${total} ${total === 1 ? 'documento' : 'documentos'}`,
    complete: 'Se han subido todos sus documentos.',
    required: 'Suba todos los documentos solicitados.',
    confirmChange: '¿Desea cambiar de documento? Se descartará lo que ya haya subido para él.',
    keepChoice: 'Conservar lo subido',
    discardAndChange: 'Descartar y cambiar',
    submit: 'Enviar los documentos',
    submitting: 'Enviando sus documentos…',
    submitted: 'Sus documentos se han enviado para su revisión.',
    submitFailed: (kind) =>
      kind === 'session' ? 'Su sesión ha expirado. Vuelva a iniciar sesión y envíe los documentos.'
      : kind === 'refused' ? 'No se han podido aceptar sus documentos. Recargue la página e inténtelo de nuevo.'
      : 'No se han podido enviar sus documentos. Compruebe su conexión e inténtelo de nuevo.',
  },
};
