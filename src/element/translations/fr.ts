import type { Translation } from './translation.js';

export const fr: Translation = {
  $code: 'fr',
  $dir: 'ltr',
  label: 'Pièce d’identité',
  dropHere: 'Glissez votre document ici, ou',
  chooseFile: 'Choisir un fichier',
  takePhoto: 'Prendre une photo',
  hint: (types, maxSize) => `${types} — jusqu’à ${maxSize}`,
  checking: 'Vérification du fichier…',
  preparing: (percent) => `Préparation de l’image… ${percent} %`,
  pages: (count) => (count <= 1 ? `${count} page` : `${count} pages`),
  uploading: (percent) => `Envoi… ${percent} %`,
  retrying: (seconds) => (seconds > 0 ? `Problème de connexion. Nouvel essai dans ${seconds} s…` : 'Problème de connexion. Nouvel essai…'),
  waitingForNetwork: 'Vous êtes hors ligne. L’envoi reprendra dès le retour de la connexion.',
  cancel: 'Annuler',
  uploaded: 'Document envoyé',
  replace: 'Remplacer',
  tryAgain: 'Réessayer',
  chooseAnother: 'Choisir un autre fichier',
  required: 'Veuillez envoyer un document.',
  uploadInProgress: 'Veuillez patienter jusqu’à la fin de l’envoi de votre document.',
  error: (code, d) => {
    switch (code) {
      case 'type-not-allowed': return d.reason === 'heic-not-included' ? 'Les photos HEIC ne sont pas acceptées ici. Choisissez un fichier JPEG, PNG ou PDF.' : d.reason === 'bigtiff' ? 'Ce TIFF est enregistré au format BigTIFF, qui n’est pas accepté. Enregistrez-le en TIFF standard, en PDF ou en JPEG.' : 'Ce type de fichier n’est pas accepté. Choisissez un fichier PDF, JPEG, PNG ou TIFF.';
      case 'type-mismatch': return `Ce fichier n’est pas vraiment ${d.declaredType === 'application/pdf' ? 'un PDF' : 'une image'} : son contenu ne correspond pas à son nom. Choisissez le document d’origine.`;
      case 'too-large':
        if (d.detectedType === 'image/tiff') return `Ce TIFF fait ${d.size ?? 'trop'} ; la limite est de ${d.maxSize ?? '4,5 Mo'}. Enregistrez-le ou scannez-le plutôt en JPEG ou en PDF.`;
        return d.size ? `Ce fichier fait ${d.size} ; la limite est de ${d.maxSize ?? '4,5 Mo'}. Choisissez un fichier plus léger ou un scan de plus basse résolution.` : 'Ce fichier est trop volumineux. Choisissez un fichier plus léger.';
      case 'empty': return 'Ce fichier est vide. Choisissez à nouveau le document.';
      case 'damaged': return 'Ce fichier est endommagé et ne peut pas être ouvert. Choisissez une autre copie.';
      case 'too-many-pixels': return 'Cette image est trop grande pour être traitée sur cet appareil. Reprenez-la en plus basse résolution ou choisissez une copie plus petite.';
      case 'unsafe-content': return d.detectedType === 'application/pdf'
        ? 'Ce PDF contient des scripts, des fichiers joints ou des actions automatiques et ne peut pas être accepté. Choisissez une simple numérisation du document (PDF, JPEG ou PNG).'
        : 'Ce SVG contient des scripts ou des liens vers d’autres sites et ne peut pas être accepté. Choisissez plutôt un PDF, un JPEG ou un PNG.';
      case 'encrypted-pdf': return 'Ce PDF est protégé par un mot de passe : nos équipes ne peuvent pas l’ouvrir. Retirez le mot de passe et choisissez-le à nouveau.';
      case 'unreadable': return 'Ce fichier n’a pas pu être lu. Il a peut-être été déplacé ou supprimé : choisissez-le à nouveau.';
      case 'presign-failed':
        if (d.status === 401 || d.status === 403) return 'Votre session a expiré. Reconnectez-vous, puis réessayez.';
        if (d.status === 429) return 'Trop de tentatives. Patientez une minute, puis réessayez.';
        if (d.status && d.status < 500) return 'Le service d’envoi a refusé cette demande. Rechargez la page et réessayez.';
        if (d.timedOut) return 'Le service d’envoi n’a pas répondu à temps. Réessayez dans un instant.';
        return 'Le service d’envoi est injoignable pour le moment. Réessayez dans un instant.';
      case 'presign-invalid': return 'Le service d’envoi a donné une réponse inattendue. Réessayez plus tard.';
      case 'untrusted-destination': return 'L’envoi a été arrêté : le service demandait d’envoyer votre document vers un lieu auquel cette page ne fait pas confiance. Rien n’a été envoyé. Contactez le support.';
      case 'form-expired': return 'L’envoi a pris trop de temps et son autorisation a expiré. Réessayez.';
      case 'storage-rejected': return 'Le stockage des documents a refusé ce fichier. Réessayez ou choisissez un autre fichier.';
      case 'storage-unavailable': return 'Le stockage des documents est indisponible pour le moment. Réessayez dans un instant.';
      case 'network-error': return d.timedOut ? 'L’envoi était bloqué et a été arrêté. Vérifiez votre connexion et réessayez.' : 'La connexion a été perdue. Vérifiez votre connexion et réessayez.';
      case 'preparation-failed': return 'Ce document n’a pas pu être préparé sur cet appareil. Veuillez réessayer ; si le problème persiste, rechargez la page ou choisissez un PDF.';
      case 'aborted': return 'L’envoi a été annulé.';
    }
  },
  documentSet: {
    label: 'Justificatifs d’identité et de domicile',
    kinds: { 'identity-proof': 'Justificatif d’identité', 'address-proof': 'Justificatif de domicile' },
    subtypes: {
      passport: 'Passeport',
      'id-card': 'Carte d’identité',
      'driving-license': 'Permis de conduire',
      'residence-permit': 'Titre de séjour',
      'utility-bill': 'Facture d’énergie',
      'bank-statement': 'Relevé bancaire',
      'tax-notice': 'Avis d’imposition',
    },
    sides: {
      passport: { front: 'Page photo de votre passeport', back: 'Dernière page de votre passeport' },
      'id-card': { front: 'Recto de votre carte d’identité', back: 'Verso de votre carte d’identité' },
      'driving-license': { front: 'Recto de votre permis de conduire', back: 'Verso de votre permis de conduire' },
      'residence-permit': { front: 'Recto de votre titre de séjour', back: 'Verso de votre titre de séjour' },
      'utility-bill': { front: 'Votre facture d’énergie', back: 'Verso de votre facture d’énergie' },
      'bank-statement': { front: 'Votre relevé bancaire', back: 'Verso de votre relevé bancaire' },
      'tax-notice': { front: 'Votre avis d’imposition', back: 'Verso de votre avis d’imposition' },
    },
    otherSide: (label, side, twoSided) => (twoSided ? `${label} : ${side === 'front' ? 'recto' : 'verso'}` : label),
    whichDocument: 'Quel document avez-vous ?',
    progress: (done, total) => `${done} sur ${total} ${total <= 1 ? 'document' : 'documents'}`,
    complete: 'Tous vos documents ont été envoyés.',
    required: 'Veuillez envoyer tous les documents demandés.',
    confirmChange: 'Changer de document ? Ce que vous avez déjà envoyé pour celui-ci sera supprimé.',
    keepChoice: 'Conserver mon envoi',
    discardAndChange: 'Supprimer et changer',
    submit: 'Transmettre les documents',
    submitting: 'Transmission de vos documents…',
    submitted: 'Vos documents ont été transmis pour vérification.',
    submitFailed: (kind) =>
      kind === 'session' ? 'Votre session a expiré. Reconnectez-vous, puis transmettez vos documents.'
      : kind === 'refused' ? 'Vos documents n’ont pas pu être acceptés. Rechargez la page et réessayez.'
      : 'Vos documents n’ont pas pu être transmis. Vérifiez votre connexion et réessayez.',
  },
};
