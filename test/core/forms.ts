/** Presign answers and policies as a backend would build them. */
export function encodePolicy(conditions: unknown[], expiration = new Date(Date.now() + 300_000).toISOString()): string {
  return btoa(JSON.stringify({ expiration, conditions }));
}

export function treezorAnswer(overrides: Record<string, unknown> = {}, fields: Record<string, string> = {}) {
  return {
    documentId: '900f0614-78ff-49e6-90ec-adaa53de7f43',
    form: { action: 'https://connect-kyc-files.s3.eu-west-3.amazonaws.com', method: 'POST', enctype: 'multipart/form-data' },
    formFields: {
      acl: 'private',
      key: '1625063017_1370854_9_900f0614-78ff-49e6-90ec-adaa53de7f43_0',
      'Content-Type': '',
      'X-Amz-Credential': 'AKIA/20210630/eu-west-3/s3/aws4_request',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': '20210630T142337Z',
      Policy: encodePolicy([['content-length-range', 1, 4_500_000], ['starts-with', '$Content-Type', '']]),
      'X-Amz-Signature': '5ae4f7',
      ...fields,
    },
    expireIn: 300,
    ...overrides,
  };
}
