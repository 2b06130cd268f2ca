import type { Translation } from './translation.js';

export const nl: Translation = {
  $code: 'nl',
  $dir: 'ltr',
  label: 'Identiteitsbewijs',
  dropHere: 'Sleep uw document hierheen of',
  chooseFile: 'Bestand kiezen',
  takePhoto: 'Foto maken',
  hint: (types, maxSize) => `${types} – maximaal ${maxSize}`,
  checking: 'Bestand wordt gecontroleerd…',
  preparing: (percent) => `Afbeelding wordt voorbereid… ${percent}%`,
  pages: (count) => (count === 1 ? '1 pagina' : `${count} pagina’s`),
  uploading: (percent) => `Uploaden… ${percent}%`,
  retrying: (seconds) => (seconds > 0 ? `Verbindingsprobleem. Nieuwe poging over ${seconds} s…` : 'Verbindingsprobleem. Nieuwe poging…'),
  waitingForNetwork: 'U bent offline. Het uploaden wordt hervat zodra de verbinding is hersteld.',
  cancel: 'Annuleren',
  uploaded: 'Document geüpload',
  replace: 'Vervangen',
  tryAgain: 'Opnieuw proberen',
  chooseAnother: 'Ander bestand kiezen',
  required: 'Upload een document om verder te gaan.',
  uploadInProgress: 'Wacht tot uw document volledig is geüpload.',
  error: (code, d) => {
    switch (code) {
      case 'type-not-allowed': return d.reason === 'heic-not-included' ? 'HEIC-foto’s worden hier niet geaccepteerd. Kies een JPEG-, PNG- of PDF-bestand.' : d.reason === 'bigtiff' ? 'Deze TIFF is opgeslagen als BigTIFF, wat niet wordt geaccepteerd. Sla hem op als standaard-TIFF, PDF of JPEG.' : 'Dit type bestand wordt niet geaccepteerd. Kies een PDF-, JPEG-, PNG- of TIFF-bestand.';
      case 'type-mismatch': return `Dit bestand is niet echt ${d.declaredType === 'application/pdf' ? 'een PDF' : 'een afbeelding'}: de inhoud komt niet overeen met de bestandsnaam. Kies het originele document.`;
      case 'too-large':
        if (d.detectedType === 'image/tiff') return `Dit TIFF-bestand is ${d.size ?? 'te groot'}; de maximale grootte is ${d.maxSize ?? '4,5 MB'}. Sla het op of scan het in plaats daarvan als JPEG of PDF.`;
        return d.size ? `Dit bestand is ${d.size}; de maximale grootte is ${d.maxSize ?? '4,5 MB'}. Kies een kleiner bestand of een scan met een lagere resolutie.` : 'Dit bestand is te groot. Kies een kleiner bestand.';
      case 'empty': return 'Dit bestand is leeg. Kies het document opnieuw.';
      case 'damaged': return 'Dit bestand is beschadigd en kan niet worden geopend. Kies een andere kopie.';
      case 'too-many-pixels': return 'Deze afbeelding is te groot om op dit apparaat te verwerken. Maak de foto opnieuw met een lagere resolutie of kies een kleinere versie.';
      case 'unsafe-content': return d.detectedType === 'application/pdf'
        ? 'Dit PDF-bestand bevat scripts, bijlagen of automatische acties en kan niet worden geaccepteerd. Kies een gewone scan van het document (PDF, JPEG of PNG).'
        : 'Dit SVG-bestand bevat scripts of links naar andere websites en kan niet worden geaccepteerd. Kies in plaats daarvan een PDF, JPEG of PNG.';
      case 'encrypted-pdf': return 'Dit PDF-bestand is beveiligd met een wachtwoord, waardoor onze medewerkers het niet kunnen openen. Verwijder het wachtwoord en kies het bestand opnieuw.';
      case 'unreadable': return 'Dit bestand kon niet worden gelezen. Mogelijk is het verplaatst of verwijderd. Kies het opnieuw.';
      case 'presign-failed':
        if (d.status === 401 || d.status === 403) return 'Uw sessie is verlopen. Log opnieuw in en probeer het daarna nog eens.';
        if (d.status === 429) return 'Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.';
        if (d.status && d.status < 500) return 'De uploadservice heeft dit verzoek geweigerd. Laad de pagina opnieuw en probeer het nog eens.';
        if (d.timedOut) return 'De uploadservice reageerde niet op tijd. Probeer het zo meteen opnieuw.';
        return 'De uploadservice is op dit moment niet bereikbaar. Probeer het zo meteen opnieuw.';
      case 'presign-invalid': return 'De uploadservice gaf een onverwacht antwoord. Probeer het later opnieuw.';
      case 'untrusted-destination': return 'Het uploaden is gestopt: de service wilde uw document naar een locatie sturen die deze pagina niet vertrouwt. Er is niets verstuurd. Neem contact op met de klantenservice.';
      case 'form-expired': return 'Het uploaden duurde te lang, waardoor de autorisatie is verlopen. Probeer het opnieuw.';
      case 'storage-rejected': return 'De documentopslag heeft dit bestand geweigerd. Probeer het opnieuw of kies een ander bestand.';
      case 'storage-unavailable': return 'De documentopslag is op dit moment niet beschikbaar. Probeer het zo meteen opnieuw.';
      case 'network-error': return d.timedOut ? 'Het uploaden liep vast en is gestopt. Controleer uw verbinding en probeer het opnieuw.' : 'De verbinding is verbroken. Controleer uw internetverbinding en probeer het opnieuw.';
      case 'preparation-failed': return 'Dit document kon op dit apparaat niet worden voorbereid. Probeer het opnieuw; lukt het nog steeds niet, laad dan de pagina opnieuw of kies een PDF.';
      case 'aborted': return 'Het uploaden is geannuleerd.';
    }
  },
  documentSet: {
    label: 'Identiteits- en adresbewijzen',
    kinds: { 'identity-proof': 'Identiteitsbewijs', 'address-proof': 'Adresbewijs' },
    subtypes: {
      passport: 'Paspoort',
      'id-card': 'Identiteitskaart',
      'driving-license': 'Rijbewijs',
      'residence-permit': 'Verblijfsvergunning',
      'utility-bill': 'Energierekening',
      'bank-statement': 'Bankafschrift',
      'tax-notice': 'Belastingaanslag',
    },
    sides: {
      passport: { front: 'Fotopagina van uw paspoort', back: 'Laatste pagina van uw paspoort' },
      'id-card': { front: 'Voorkant van uw identiteitskaart', back: 'Achterkant van uw identiteitskaart' },
      'driving-license': { front: 'Voorkant van uw rijbewijs', back: 'Achterkant van uw rijbewijs' },
      'residence-permit': { front: 'Voorkant van uw verblijfsvergunning', back: 'Achterkant van uw verblijfsvergunning' },
      'utility-bill': { front: 'Uw energierekening', back: 'Achterkant van uw energierekening' },
      'bank-statement': { front: 'Uw bankafschrift', back: 'Achterkant van uw bankafschrift' },
      'tax-notice': { front: 'Uw belastingaanslag', back: 'Achterkant van uw belastingaanslag' },
    },
    otherSide: (label, side, twoSided) => (twoSided ? `${label}: ${side === 'front' ? 'voorkant' : 'achterkant'}` : label),
    whichDocument: 'Welk document heeft u?',
    progress: (done, total) => `${done} van ${total} ${total === 1 ? 'document' : 'documenten'}`,
    complete: 'Al uw documenten zijn geüpload.',
    required: 'Upload alle gevraagde documenten.',
    confirmChange: 'Ander document kiezen? Wat u hiervoor al heeft geüpload, wordt verwijderd.',
    keepChoice: 'Upload behouden',
    discardAndChange: 'Verwijderen en wijzigen',
    submit: 'Documenten versturen',
    submitting: 'Uw documenten worden verstuurd…',
    submitted: 'Uw documenten zijn ter controle verstuurd.',
    submitFailed: (kind) =>
      kind === 'session' ? 'Uw sessie is verlopen. Log opnieuw in en verstuur daarna uw documenten.'
      : kind === 'refused' ? 'Uw documenten konden niet worden geaccepteerd. Laad de pagina opnieuw en probeer het nog eens.'
      : 'Uw documenten konden niet worden verstuurd. Controleer uw verbinding en probeer het opnieuw.',
  },
};
