import type { Translation } from './translation.js';

export const it: Translation = {
  $code: 'it',
  $dir: 'ltr',
  label: 'Documento d’identità',
  dropHere: 'Trascini qui il documento oppure',
  chooseFile: 'Scegli un file',
  takePhoto: 'Scatta una foto',
  hint: (types, maxSize) => `${types} – fino a ${maxSize}`,
  checking: 'Verifica del file…',
  preparing: (percent) => `Preparazione dell’immagine… ${percent}%`,
  pages: (count) => (count === 1 ? '1 pagina' : `${count} pagine`),
  uploading: (percent) => `Caricamento… ${percent}%`,
  retrying: (seconds) => (seconds > 0 ? `Problema di connessione. Nuovo tentativo tra ${seconds} s…` : 'Problema di connessione. Nuovo tentativo in corso…'),
  waitingForNetwork: 'Nessuna connessione a internet. Il caricamento riprenderà appena la connessione sarà di nuovo disponibile.',
  cancel: 'Annulla',
  uploaded: 'Documento caricato',
  replace: 'Sostituisci',
  tryAgain: 'Riprova',
  chooseAnother: 'Scegli un altro file',
  required: 'È necessario caricare un documento.',
  uploadInProgress: 'Attenda il completamento del caricamento del documento.',
  error: (code, d) => {
    switch (code) {
      case 'type-not-allowed': return d.reason === 'heic-not-included' ? 'Le foto HEIC non sono accettate qui. Scelga un file JPEG, PNG o PDF.' : d.reason === 'bigtiff' ? 'Questo TIFF è salvato in formato BigTIFF, che non è accettato. Lo salvi come TIFF standard, PDF o JPEG.' : 'Questo tipo di file non è accettato. Scelga un file PDF, JPEG, PNG o TIFF.';
      case 'type-mismatch': return `Questo file non è davvero ${d.declaredType === 'application/pdf' ? 'un PDF' : 'un’immagine'}: il contenuto non corrisponde al nome del file. Scelga il documento originale.`;
      case 'too-large':
        if (d.detectedType === 'image/tiff') return `Questo file TIFF ${d.size ? `pesa ${d.size}` : 'è troppo grande'}; il limite è di ${d.maxSize ?? '4,5 MB'}. Lo salvi o lo scansioni invece in formato JPEG o PDF.`;
        return d.size ? `Questo file pesa ${d.size}; il limite è di ${d.maxSize ?? '4,5 MB'}. Scelga un file più leggero o una scansione a risoluzione più bassa.` : 'Questo file è troppo grande. Scelga un file più leggero.';
      case 'empty': return 'Questo file è vuoto. Scelga di nuovo il documento.';
      case 'damaged': return 'Questo file è danneggiato e non può essere aperto. Scelga un’altra copia.';
      case 'too-many-pixels': return 'Questa immagine è troppo grande per essere elaborata su questo dispositivo. Scatti di nuovo la foto a una risoluzione più bassa o scelga una copia più piccola.';
      case 'unsafe-content': return d.detectedType === 'application/pdf'
        ? 'Questo PDF contiene script, file allegati o azioni automatiche e non può essere accettato. Scelga una semplice scansione del documento (PDF, JPEG o PNG).'
        : 'Questo file SVG contiene script o link ad altri siti e non può essere accettato. Scelga invece un PDF, un JPEG o un PNG.';
      case 'encrypted-pdf': return 'Questo PDF è protetto da password, quindi il nostro team di verifica non può aprirlo. Rimuova la password e lo selezioni di nuovo.';
      case 'unreadable': return 'Non è stato possibile leggere questo file. Potrebbe essere stato spostato o eliminato: lo selezioni di nuovo.';
      case 'presign-failed':
        if (d.status === 401 || d.status === 403) return 'La sessione è scaduta. Acceda di nuovo e poi riprovi.';
        if (d.status === 429) return 'Troppi tentativi. Attenda un minuto e poi riprovi.';
        if (d.status && d.status < 500) return 'Il servizio di caricamento ha rifiutato la richiesta. Ricarichi la pagina e riprovi.';
        if (d.timedOut) return 'Il servizio di caricamento non ha risposto in tempo. Riprovi tra qualche istante.';
        return 'Il servizio di caricamento non è raggiungibile al momento. Riprovi tra qualche istante.';
      case 'presign-invalid': return 'Il servizio di caricamento ha dato una risposta inattesa. Riprovi più tardi.';
      case 'untrusted-destination': return 'Il caricamento è stato interrotto: il servizio ha chiesto di inviare il documento a una destinazione che questa pagina non considera attendibile. Non è stato inviato nulla. Contatti l’assistenza clienti.';
      case 'form-expired': return 'Il caricamento ha richiesto troppo tempo e l’autorizzazione è scaduta. Riprovi.';
      case 'storage-rejected': return 'L’archivio documenti ha rifiutato questo file. Riprovi o scelga un altro file.';
      case 'storage-unavailable': return 'L’archivio documenti non è disponibile al momento. Riprovi tra qualche istante.';
      case 'network-error': return d.timedOut ? 'Il caricamento si è bloccato ed è stato interrotto. Controlli la connessione e riprovi.' : 'La connessione si è interrotta. Verifichi di essere online e riprovi.';
      case 'preparation-failed': return 'Non è stato possibile preparare questo documento su questo dispositivo. Riprovi; se il problema persiste, ricarichi la pagina o scelga un PDF.';
      case 'aborted': return 'Il caricamento è stato annullato.';
    }
  },
  documentSet: {
    label: 'Documenti di identità e di residenza',
    kinds: { 'identity-proof': 'Documento di riconoscimento', 'address-proof': 'Prova di residenza' },
    subtypes: {
      passport: 'Passaporto',
      'id-card': 'Carta d’identità',
      'driving-license': 'Patente di guida',
      'residence-permit': 'Permesso di soggiorno',
      'utility-bill': 'Bolletta delle utenze',
      'bank-statement': 'Estratto conto',
      'tax-notice': 'Comunicazione fiscale',
    },
    sides: {
      passport: { front: 'Pagina con la foto del passaporto', back: 'Ultima pagina del passaporto' },
      'id-card': { front: 'Fronte della carta d’identità', back: 'Retro della carta d’identità' },
      'driving-license': { front: 'Fronte della patente di guida', back: 'Retro della patente di guida' },
      'residence-permit': { front: 'Fronte del permesso di soggiorno', back: 'Retro del permesso di soggiorno' },
      'utility-bill': { front: 'Bolletta delle utenze', back: 'Retro della bolletta delle utenze' },
      'bank-statement': { front: 'Estratto conto', back: 'Retro dell’estratto conto' },
      'tax-notice': { front: 'Comunicazione fiscale', back: 'Retro della comunicazione fiscale' },
    },
    otherSide: (label, side, twoSided) => (twoSided ? `${label}: ${side === 'front' ? 'fronte' : 'retro'}` : label),
    whichDocument: 'Di quale documento dispone?',
    progress: (done, total) => `${done} di ${total} ${total === 1 ? 'documento' : 'documenti'}`,
    complete: 'Tutti i documenti sono stati caricati.',
    required: 'È necessario caricare tutti i documenti richiesti.',
    confirmChange: 'Vuole cambiare documento? Quanto già caricato per questo documento verrà eliminato.',
    keepChoice: 'Mantieni il caricamento',
    discardAndChange: 'Elimina e cambia',
    submit: 'Invia i documenti',
    submitting: 'Invio dei documenti…',
    submitted: 'I documenti sono stati inviati per la verifica.',
    submitFailed: (kind) =>
      kind === 'session' ? 'La sessione è scaduta. Acceda di nuovo e poi invii i documenti.'
      : kind === 'refused' ? 'Non è stato possibile accettare i documenti. Ricarichi la pagina e riprovi.'
      : 'Non è stato possibile inviare i documenti. Controlli la connessione e riprovi.',
  },
};
