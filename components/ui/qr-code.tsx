/** Shows an SVG from the server's QR encoder (lib/server/qr.ts), never markup from user input. */
export function QrCode({ svg, label = "QR code" }: { svg: string; label?: string }) {
  return <div role="img" aria-label={label} className="mx-auto size-56 shrink-0 rounded-lg bg-white p-2" dangerouslySetInnerHTML={{ __html: svg }} />;
}
