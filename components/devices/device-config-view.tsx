"use client";

import { useState } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { QrCode } from "../ui/qr-code";

export function downloadText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The configuration as text, QR code (server-rendered SVG of this same text) and .conf download. */
export function DeviceConfigView({ config, fileName, qrSvg, hasPrivateKey }: { config: string; fileName: string; qrSvg?: string; hasPrivateKey: boolean }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <div className="space-y-4">
      {hasPrivateKey ? (
        <Alert tone="warning">This is the only time the private key is shown: WireGUI does not keep it. Download or scan it now.</Alert>
      ) : (
        <Alert tone="info">The private key is not included: it was shown once when the device was created. Paste it where the placeholder is.</Alert>
      )}
      <div className="grid gap-4 md:grid-cols-[1fr_auto]">
        <pre aria-label="Configuration" className="overflow-x-auto rounded-lg border border-border bg-surface-muted p-3 text-xs leading-relaxed">
          {config}
        </pre>
        {qrSvg && <QrCode svg={qrSvg} />}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => downloadText(fileName, config)}>
          Download {fileName}
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(config).then(() => setIsCopied(true));
          }}
        >
          {isCopied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
