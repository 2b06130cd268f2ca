import type { Translation } from './translation.js';

export const de: Translation = {
  $code: 'de',
  $dir: 'ltr',
  label: 'Ausweisdokument',
  dropHere: 'Ziehen Sie Ihr Dokument hierher oder',
  chooseFile: 'Datei auswählen',
  takePhoto: 'Foto aufnehmen',
  hint: (types, maxSize) => `${types} – bis zu ${maxSize}`,
  checking: 'Datei wird geprüft…',
  preparing: (percent) => `Bild wird vorbereitet… ${percent} %`,
  pages: (count) => (count === 1 ? '1 Seite' : `${count} Seiten`),
  uploading: (percent) => `Wird hochgeladen… ${percent} %`,
  retrying: (seconds) => (seconds > 0 ? `Verbindungsproblem. Neuer Versuch in ${seconds} s…` : 'Verbindungsproblem. Neuer Versuch…'),
  waitingForNetwork: 'Sie sind offline. Der Upload wird fortgesetzt, sobald die Verbindung wiederhergestellt ist.',
  cancel: 'Abbrechen',
  uploaded: 'Dokument hochgeladen',
  replace: 'Ersetzen',
  tryAgain: 'Erneut versuchen',
  chooseAnother: 'Andere Datei auswählen',
  required: 'Bitte laden Sie ein Dokument hoch.',
  uploadInProgress: 'Bitte warten Sie, bis Ihr Dokument vollständig hochgeladen ist.',
  error: (code, d) => {
    switch (code) {
      case 'type-not-allowed': return d.reason === 'heic-not-included' ? 'HEIC-Fotos werden hier nicht akzeptiert. Bitte wählen Sie eine JPEG-, PNG- oder PDF-Datei aus.' : d.reason === 'bigtiff' ? 'Dieses TIFF ist im BigTIFF-Format gespeichert, das nicht akzeptiert wird. Bitte speichern Sie es als normales TIFF, als PDF oder als JPEG.' : 'Dieses Dateiformat wird nicht akzeptiert. Bitte wählen Sie eine PDF-, JPEG-, PNG- oder TIFF-Datei aus.';
      case 'type-mismatch': return `Diese Datei ist kein echtes ${d.declaredType === 'application/pdf' ? 'PDF' : 'Bild'}: Der Inhalt passt nicht zum Dateinamen. Bitte wählen Sie das Originaldokument aus.`;
      case 'too-large':
        if (d.detectedType === 'image/tiff') return `Diese TIFF-Datei ist ${d.size ? `${d.size} groß` : 'zu groß'}, erlaubt sind höchstens ${d.maxSize ?? '4,5 MB'}. Bitte speichern oder scannen Sie das Dokument stattdessen als JPEG oder PDF.`;
        return d.size ? `Diese Datei ist ${d.size} groß, erlaubt sind höchstens ${d.maxSize ?? '4,5 MB'}. Bitte wählen Sie eine kleinere Datei oder einen Scan mit geringerer Auflösung.` : 'Diese Datei ist zu groß. Bitte wählen Sie eine kleinere Datei aus.';
      case 'empty': return 'Diese Datei ist leer. Bitte wählen Sie das Dokument erneut aus.';
      case 'damaged': return 'Diese Datei ist beschädigt und lässt sich nicht öffnen. Bitte wählen Sie eine andere Kopie aus.';
      case 'too-many-pixels': return 'Dieses Bild ist zu groß für die Verarbeitung auf diesem Gerät. Bitte nehmen Sie es mit geringerer Auflösung neu auf oder wählen Sie eine kleinere Version aus.';
      case 'unsafe-content': return d.detectedType === 'application/pdf'
        ? 'Diese PDF-Datei enthält Skripte, angehängte Dateien oder automatische Aktionen und kann nicht akzeptiert werden. Bitte wählen Sie einen einfachen Scan des Dokuments (PDF, JPEG oder PNG).'
        : 'Diese SVG-Datei enthält Skripte oder Links zu anderen Websites und kann nicht akzeptiert werden. Bitte wählen Sie stattdessen eine PDF-, JPEG- oder PNG-Datei aus.';
      case 'encrypted-pdf': return 'Diese PDF-Datei ist passwortgeschützt, daher kann unser Prüfteam sie nicht öffnen. Bitte entfernen Sie das Passwort und wählen Sie die Datei erneut aus.';
      case 'unreadable': return 'Diese Datei konnte nicht gelesen werden. Möglicherweise wurde sie verschoben oder gelöscht. Bitte wählen Sie sie erneut aus.';
      case 'presign-failed':
        if (d.status === 401 || d.status === 403) return 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an und versuchen Sie es dann noch einmal.';
        if (d.status === 429) return 'Zu viele Versuche. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.';
        if (d.status && d.status < 500) return 'Der Upload-Dienst hat diese Anfrage abgelehnt. Bitte laden Sie die Seite neu und versuchen Sie es erneut.';
        if (d.timedOut) return 'Der Upload-Dienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es gleich noch einmal.';
        return 'Der Upload-Dienst ist derzeit nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.';
      case 'presign-invalid': return 'Der Upload-Dienst hat eine unerwartete Antwort gesendet. Bitte versuchen Sie es später erneut.';
      case 'untrusted-destination': return 'Der Upload wurde gestoppt: Der Dienst wollte Ihr Dokument an ein Ziel senden, dem diese Seite nicht vertraut. Es wurde nichts übertragen. Bitte wenden Sie sich an unseren Kundenservice.';
      case 'form-expired': return 'Der Upload hat zu lange gedauert, daher ist die Upload-Berechtigung abgelaufen. Bitte versuchen Sie es erneut.';
      case 'storage-rejected': return 'Der Dokumentenspeicher hat diese Datei abgelehnt. Bitte versuchen Sie es erneut oder wählen Sie eine andere Datei aus.';
      case 'storage-unavailable': return 'Der Dokumentenspeicher ist derzeit nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.';
      case 'network-error': return d.timedOut ? 'Der Upload ist ins Stocken geraten und wurde abgebrochen. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.' : 'Die Verbindung wurde unterbrochen. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.';
      case 'preparation-failed': return 'Dieses Dokument konnte auf diesem Gerät nicht vorbereitet werden. Bitte versuchen Sie es erneut; falls der Fehler weiterhin auftritt, laden Sie die Seite neu oder wählen Sie eine PDF-Datei aus.';
      case 'aborted': return 'Der Upload wurde abgebrochen.';
    }
  },
  documentSet: {
    label: 'Identitäts- und Adressnachweise',
    kinds: { 'identity-proof': 'Identitätsnachweis', 'address-proof': 'Adressnachweis' },
    subtypes: {
      passport: 'Reisepass',
      'id-card': 'Personalausweis',
      'driving-license': 'Führerschein',
      'residence-permit': 'Aufenthaltstitel',
      'utility-bill': 'Versorgerrechnung',
      'bank-statement': 'Kontoauszug',
      'tax-notice': 'Steuerbescheid',
    },
    sides: {
      passport: { front: 'Fotoseite Ihres Reisepasses', back: 'Letzte Seite Ihres Reisepasses' },
      'id-card': { front: 'Vorderseite Ihres Personalausweises', back: 'Rückseite Ihres Personalausweises' },
      'driving-license': { front: 'Vorderseite Ihres Führerscheins', back: 'Rückseite Ihres Führerscheins' },
      'residence-permit': { front: 'Vorderseite Ihres Aufenthaltstitels', back: 'Rückseite Ihres Aufenthaltstitels' },
      'utility-bill': { front: 'Ihre Versorgerrechnung', back: 'Rückseite Ihrer Versorgerrechnung' },
      'bank-statement': { front: 'Ihr Kontoauszug', back: 'Rückseite Ihres Kontoauszugs' },
      'tax-notice': { front: 'Ihr Steuerbescheid', back: 'Rückseite Ihres Steuerbescheids' },
    },
    otherSide: (label, side, twoSided) => (twoSided ? `${label}: ${side === 'front' ? 'Vorderseite' : 'Rückseite'}` : label),
    whichDocument: 'Welches Dokument haben Sie?',
    progress: (done, total) => `${done} von ${total} ${total === 1 ? 'Dokument' : 'Dokumenten'}`,
    complete: 'Alle Ihre Dokumente sind hochgeladen.',
    required: 'Bitte laden Sie alle angeforderten Dokumente hoch.',
    confirmChange: 'Anderes Dokument wählen? Was Sie für dieses Dokument bereits hochgeladen haben, wird verworfen.',
    keepChoice: 'Upload behalten',
    discardAndChange: 'Verwerfen und wechseln',
    submit: 'Dokumente absenden',
    submitting: 'Ihre Dokumente werden gesendet…',
    submitted: 'Ihre Dokumente wurden zur Prüfung übermittelt.',
    submitFailed: (kind) =>
      kind === 'session' ? 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an und senden Sie die Dokumente dann ab.'
      : kind === 'refused' ? 'Ihre Dokumente konnten nicht angenommen werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.'
      : 'Ihre Dokumente konnten nicht gesendet werden. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  },
};
