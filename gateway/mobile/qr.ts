import qrcode from 'qrcode-generator';

/** The link as an inline SVG QR code (medium error correction: survives a phone camera's glare). */
export function qrSvg(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  return code.createSvgTag({ cellSize: 4, margin: 4 });
}
