import { useState } from 'react';
import { KycUpload } from 'kyc-upload/react';

/** One onboarding step: the widget in a form, the documentId in React state once it is stored. */
export function IdentityStep() {
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <main>
      <h1>Your identity document</h1>
      <form onSubmit={(event) => event.preventDefault()}>
        <KycUpload
          endpoint="/api/kyc/document-form"
          documentType="9"
          name="idDocument"
          required
          onKycUploadSuccess={(event) => {
            setDocumentId(event.detail.documentId);
            setProblem(null);
          }}
          onKycUploadReject={(event) => setProblem(event.detail.message)}
          onKycUploadError={(event) => setProblem(event.detail.message)}
        />
        <button type="submit" disabled={!documentId}>Continue</button>
      </form>
      {documentId && <p id="stored">Stored as {documentId}</p>}
      {problem && <p id="problem">{problem}</p>}
    </main>
  );
}
