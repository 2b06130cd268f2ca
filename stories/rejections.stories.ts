import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { RejectCode, UploadErrorDetails } from '../src/core/errors.js';
import { type KycArgs, argTypes, defaultArgs, expectReported, settled, settledElement, show } from './story-helpers.js';
import { failingWith, sampleFile } from './stub-uploaders.js';

// One story per code of REJECT_CODES (src/core/errors.ts): the file itself is refused, nothing is
// sent, the element says why and offers another file. Storybook indexes stories from named exports,
// so they are written out; the `satisfies` check at the end fails the typecheck when a code is added
// to REJECT_CODES without its story here.

const meta: Meta<KycArgs> = {
  title: 'kyc-upload/Rejections',
  component: 'kyc-upload',
  args: defaultArgs,
  argTypes,
  play: settled,
};
export default meta;
type Story = StoryObj<KycArgs>;

/** The stub refuses `file` with `code`; the story checks the element reported it as a rejection. */
const rejected = (code: RejectCode, file: () => File, details: UploadErrorDetails = {}): Story => ({
  render: show({ uploader: failingWith(code, details), file }),
  play: async (context) => expectReported(await settledElement(context), 'kyc-upload-reject', code),
});

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const TypeNotAllowed = rejected('type-not-allowed', () => sampleFile(48_213, 'residence-permit.docx', WORD), { detectedType: 'application/zip' });
export const TypeMismatch = rejected('type-mismatch', () => sampleFile(812_544, 'passport.pdf'), { declaredType: 'application/pdf', detectedType: 'application/x-elf' });
export const TooLarge = rejected('too-large', () => sampleFile(7_340_032, 'scan-600dpi.pdf'), { size: 7_340_032, maxSize: 4_500_000, detectedType: 'application/pdf' });
/** A TIFF cannot be compressed in the browser: the message proposes JPEG or PDF. */
export const TooLargeTiff = rejected('too-large', () => sampleFile(9_437_184, 'id-card-scan.tiff', 'image/tiff'), { size: 9_437_184, maxSize: 4_500_000, detectedType: 'image/tiff' });
export const Empty = rejected('empty', () => sampleFile(0, 'id-card-front.jpg', 'image/jpeg'));
export const Damaged = rejected('damaged', () => sampleFile(1_048_576, 'id-card-front.jpg', 'image/jpeg'), { detectedType: 'image/jpeg' });
export const Unreadable = rejected('unreadable', () => sampleFile(1_234_567, 'passport-photo-page.pdf'));
export const TooManyPixels = rejected('too-many-pixels', () => sampleFile(4_194_304, 'panorama.png', 'image/png'), { width: 16_000, height: 9_000, maxPixels: 64_000_000 });
export const UnsafeContent = rejected('unsafe-content', () => sampleFile(6_204, 'signature.svg', 'image/svg+xml'), { reason: 'script' });
export const EncryptedPdf = rejected('encrypted-pdf', () => sampleFile(356_812, 'bank-statement.pdf'));
const poorPhoto = () => sampleFile(2_481_337, 'IMG_0412.jpg', 'image/jpeg');
/** A chosen photo of a whole document, blurred: take it again (after two, it may be sent anyway). */
export const PoorPhoto = rejected('poor-photo', poorPhoto, { photoIssue: 'blurred' });
/** The second poor photo in a row: the person may now send it anyway. */
export const PoorPhotoSecondTry: Story = {
  render: show({ uploader: failingWith('poor-photo', { photoIssue: 'glare' }), file: poorPhoto }),
  play: async (context) => {
    const element = await settledElement(context);
    await expectReported(element, 'kyc-upload-reject', 'poor-photo');
    const second = new Promise((resolve) => element.addEventListener('kyc-upload-reject', resolve, { once: true }));
    element.select(poorPhoto());
    await second;
    await settled(context);
    await expect(element.shadowRoot!.querySelector('[part~="send-anyway-button"]')).toBeTruthy();
  },
};

void ({
  'type-not-allowed': TypeNotAllowed,
  'type-mismatch': TypeMismatch,
  'too-large': TooLarge,
  empty: Empty,
  damaged: Damaged,
  unreadable: Unreadable,
  'too-many-pixels': TooManyPixels,
  'unsafe-content': UnsafeContent,
  'encrypted-pdf': EncryptedPdf,
  'poor-photo': PoorPhoto,
} satisfies Record<RejectCode, Story>);
