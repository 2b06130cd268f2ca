// A camera for the stories: a still scene (a card on a desk) drawn on a canvas and streamed, in
// place of getUserMedia, so every screenshot of the camera shows the same picture.

const SCENE = { width: 1280, height: 720 };

function drawScene(canvas: HTMLCanvasElement): void {
  const context = canvas.getContext('2d')!;
  const desk = context.createLinearGradient(0, 0, SCENE.width, SCENE.height);
  desk.addColorStop(0, '#8b6b4a');
  desk.addColorStop(1, '#5e4630');
  context.fillStyle = desk;
  context.fillRect(0, 0, SCENE.width, SCENE.height);
  // An ID-1 card, a little smaller than the frame, slightly turned.
  context.save();
  context.translate(SCENE.width / 2, SCENE.height / 2);
  context.rotate(-0.03);
  const width = 760;
  const height = width / (85.6 / 54);
  context.fillStyle = '#dbeafe';
  context.beginPath();
  context.roundRect(-width / 2, -height / 2, width, height, 28);
  context.fill();
  context.fillStyle = '#94a3b8';
  context.fillRect(-width / 2 + 40, -height / 2 + 60, 190, 240);
  context.fillStyle = '#1e293b';
  for (let line = 0; line < 6; line++) context.fillRect(-width / 2 + 270, -height / 2 + 70 + line * 44, 380 - (line % 3) * 60, 18);
  context.font = '28px monospace';
  context.fillText('IDUTO<<ERIKSSON<<ANNA<MARIA<<<<', -width / 2 + 40, height / 2 - 40);
  context.restore();
}

/**
 * Replaces the page's camera with the scene (and says a camera is attached) until the returned
 * function is called. `refuse`: getUserMedia says NotAllowedError, as after the person said no.
 */
export function stubCamera({ refuse = false } = {}): () => void {
  const devices = navigator.mediaDevices;
  const { getUserMedia, enumerateDevices } = devices;
  const canvas = document.createElement('canvas');
  Object.assign(canvas, SCENE);
  drawScene(canvas);
  devices.enumerateDevices = async () => [{ kind: 'videoinput', deviceId: 'story', groupId: 'story', label: '', toJSON: () => ({}) } as MediaDeviceInfo];
  devices.getUserMedia = async () => {
    if (refuse) throw new DOMException('The person said no.', 'NotAllowedError');
    const stream = canvas.captureStream(10);
    // A canvas streams a frame only when painted: painted again while the camera is on.
    const track = stream.getVideoTracks()[0]!;
    const paint = () => {
      if (track.readyState !== 'live') return;
      drawScene(canvas);
      requestAnimationFrame(paint);
    };
    paint();
    return stream;
  };
  return () => Object.assign(devices, { getUserMedia, enumerateDevices });
}
