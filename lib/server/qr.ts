import "server-only";
import QRCode from "qrcode";

/** A QR code as SVG markup, rendered on the server: device configurations and authenticator enrolment. */
export function renderQrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
