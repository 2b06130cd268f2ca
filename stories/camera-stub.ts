// A camera for the stories: a still scene (a card on a desk) drawn on a canvas and streamed, in
// place of getUserMedia, so every screenshot of the camera shows the same picture.

const SCENE = { width: 1920, height: 1080 };

/** What lies on the desk: an ID-1 card, or a passport's photo page (TD3). */
export type StubDocument = 'card' | 'passport';
const DOCUMENTS: Record<StubDocument, { width: number; aspect: number; label: string }> = {
  card: { width: 1180, aspect: 85.6 / 54, label: 'IDUTO<<ERIKSSON<<ANNA<MARIA<<<<' },
  passport: { width: 1320, aspect: 125 / 88, label: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<' },
};

function drawScene(canvas: HTMLCanvasElement, document: StubDocument): void {
  const context = canvas.getContext('2d')!;
  const desk = context.createLinearGradient(0, 0, SCENE.width, SCENE.height);
  desk.addColorStop(0, '#8b6b4a');
  desk.addColorStop(1, '#5e4630');
  context.fillStyle = desk;
  context.fillRect(0, 0, SCENE.width, SCENE.height);
  // The document, filling most of the frame as the guidance asks, slightly turned.
  const { width, aspect, label } = DOCUMENTS[document];
  const height = width / aspect;
  const unit = width / 760;
  context.save();
  context.translate(SCENE.width / 2, SCENE.height / 2);
  context.rotate(-0.03);
  context.fillStyle = '#dbeafe';
  context.beginPath();
  context.roundRect(-width / 2, -height / 2, width, height, 28 * unit);
  context.fill();
  context.fillStyle = '#94a3b8';
  context.fillRect(-width / 2 + 40 * unit, -height / 2 + 60 * unit, 190 * unit, 240 * unit);
  context.fillStyle = '#1e293b';
  for (let line = 0; line < 6; line++) context.fillRect(-width / 2 + 270 * unit, -height / 2 + (70 + line * 44) * unit, (380 - (line % 3) * 60) * unit, 18 * unit);
  context.font = `${Math.round(28 * unit)}px monospace`;
  context.fillText(label, -width / 2 + 40 * unit, height / 2 - 40 * unit);
  context.restore();
}

/**
 * Replaces the page's camera with the scene (and says a camera is attached) until the returned
 * function is called. `refuse`: getUserMedia says NotAllowedError, as after the person said no;
 * `filming`: what lies on the desk.
 */
export function stubCamera({ refuse = false, filming = 'card' }: { refuse?: boolean; filming?: StubDocument } = {}): () => void {
  const devices = navigator.mediaDevices;
  const { getUserMedia, enumerateDevices } = devices;
  const canvas = document.createElement('canvas');
  Object.assign(canvas, SCENE);
  drawScene(canvas, filming);
  devices.enumerateDevices = async () => [{ kind: 'videoinput', deviceId: 'story', groupId: 'story', label: '', toJSON: () => ({}) } as MediaDeviceInfo];
  devices.getUserMedia = async () => {
    if (refuse) throw new DOMException('The person said no.', 'NotAllowedError');
    const stream = canvas.captureStream(10);
    // A canvas streams a frame only when painted: painted again while the camera is on.
    const track = stream.getVideoTracks()[0]!;
    const paint = () => {
      if (track.readyState !== 'live') return;
      drawScene(canvas, filming);
      requestAnimationFrame(paint);
    };
    paint();
    return stream;
  };
  return () => Object.assign(devices, { getUserMedia, enumerateDevices });
}
