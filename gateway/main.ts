import { watchClock } from './clock-watch.ts';
import { loadConfig, type Config } from './config.ts';
import { startGateway } from './server.ts';

/** What `npm start` prints: the demo's logins for testers; in production nothing secret. */
function banner(config: Config, url: string): string[] {
  const common = [`  health:      ${url}/healthz`, `  data:        ${config.dataDir}`];
  if (config.production) {
    // The gateway itself speaks plain HTTP: TLS is a proxy's job, and without TRUST_PROXY no response counts as HTTPS.
    const tls = config.trustProxy ? 'ends at the proxy in front (TRUST_PROXY=1)' : 'TRUST_PROXY is not set: no request counts as HTTPS, so no HSTS is sent';
    return [`ketai-token gateway listening on ${url} (production)`, `  public URL:  ${config.publicUrl}`, '  mail:        by SMTP (SMTP_URL)', `  TLS:         ${tls}`, ...common];
  }
  return [
    `ketai-token gateway listening on ${url}`,
    '  DEMO for testers: demo customers, the handset emulator and the dev mailbox are on. Not for real customers: set KETAI_ENV=production (README, "Security").',
    `  bank portal: ${url}/            (taro / Passw0rd!, 確認用 kakunin1)`,
    `  emulator:    ${url}/emulator/${config.emulatorOrigins.length ? `  (may also open ${config.emulatorOrigins.join(', ')})` : ''}`,
    `  mailbox:     ${url}/emulator/api/mailbox/<address>${config.smtpUrl ? '  (off: mail goes out by SMTP)' : ''}`,
    ...common,
  ];
}

async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startGateway(config);
  watchClock();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping, flushing pending writes`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Only now: whoever reads the URL may signal at once, and a signal before the handlers kills mid-banner.
  for (const line of banner(config, gateway.url)) console.log(line);
}

main().catch((error: unknown) => {
  console.error(`ketai-token cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
